"""Sign-in pages (magic link, password), sign-out and Mon espace."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.accounts import services
from nec.accounts.backends import BACKEND_PATH
from nec.accounts.forms import LoginForm, PasswordLoginForm
from nec.accounts.home_links import links_for, panels_for
from nec.accounts.permissions import is_national_team
from nec.core.http import client_ip


def login_request(request):
    """Ask for a sign-in link. Same answer whether or not the address is known."""
    if request.method == "POST":
        form = LoginForm(request.POST)
        if form.is_valid():
            services.request_login_link(
                form.cleaned_data["email"],
                ip_address=client_ip(request),
                next_url=form.cleaned_data["next"],
            )
            return render(
                request,
                "accounts/login_sent.html",
                {
                    "email": form.cleaned_data["email"],
                    "minutes": settings.MAGIC_LINK_MAX_AGE_MINUTES,
                },
            )
    else:
        form = LoginForm(initial={"next": request.GET.get("next", "")})
    return render(request, "accounts/login.html", {"form": form})


def magic(request, token):
    """Show a confirm button (GET) so that mail scanners opening the link do not use it up."""
    if request.method == "POST":
        try:
            user, next_url = services.consume_login_token(token)
        except services.LinkError as error:
            return render(
                request,
                "accounts/link_invalid.html",
                {"reason": error.reason, "form": LoginForm()},
                status=400,
            )
        login(request, user, backend=BACKEND_PATH)
        messages.success(request, _("Vous êtes connecté·e."))
        return redirect(next_url or reverse("accounts:home"))
    return render(request, "accounts/magic_confirm.html", {"token": token})


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("Vous êtes déconnecté·e."))
    return redirect("site:home")


@login_required
def account_home(request):
    """Mon espace: the panels and personal pages every app registers for this person."""
    return render(
        request,
        "accounts/home.html",
        {
            "is_national_team": is_national_team(request.user),
            "panels": panels_for(request),
            "links": links_for(request.user),
        },
    )


class PasswordLoginView(LoginView):
    """Optional password sign-in, for staff who set one."""

    template_name = "accounts/password_login.html"
    form_class = PasswordLoginForm
