from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.accounts import services
from nec.accounts.forms import LoginForm


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR")


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
                request, "accounts/login_sent.html", {"email": form.cleaned_data["email"]}
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
                request, "accounts/link_invalid.html", {"reason": error.reason}, status=400
            )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Vous êtes connecté·e."))
        return redirect(next_url or reverse("accounts:home"))
    return render(request, "accounts/magic_confirm.html", {"token": token})


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("Vous êtes déconnecté·e."))
    return redirect("core:home")


def account_home(request):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    return render(request, "accounts/home.html")


class PasswordLoginView(LoginView):
    """Optional password sign-in, for staff who set one."""

    template_name = "accounts/password_login.html"
