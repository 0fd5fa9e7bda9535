from django.shortcuts import render

from nec.editions.selectors import current_national_edition


def home(request):
    return render(request, "core/home.html", {"edition": current_national_edition()})


def charter(request):
    return render(request, "core/charter.html")


def legal_notice(request):
    return render(request, "core/legal.html")


def accessibility(request):
    return render(request, "core/accessibility.html")


def privacy(request):
    return render(request, "core/privacy.html")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def server_error(request):
    return render(request, "500.html", status=500)
