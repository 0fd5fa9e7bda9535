from itertools import groupby

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.views import LoginView, redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.accounts import services
from nec.accounts.forms import LoginForm, PasswordLoginForm
from nec.accounts.home_links import links_for
from nec.accounts.permissions import can, editions_for, is_national_team
from nec.editions.models import Membership


def client_ip(request) -> str | None:
    """The visitor's address. Behind a reverse proxy (TRUST_X_FORWARDED_FOR), the address the
    proxy appended last to X-Forwarded-For; otherwise the socket's address."""
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR") or None


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
    """Mon espace: the person's roles per edition, and the personal pages of every app."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("edition")
        .order_by("-edition__year", "edition__title", "edition_id", "role")
    )
    roles_by_edition = [
        {
            "edition": edition,
            "roles": [m.get_role_display() for m in group_memberships],
            "can_manage": can(request.user, "edition.view_dashboard", edition),
        }
        for edition, group_memberships in groupby(memberships, key=lambda m: m.edition)
    ]
    return render(
        request,
        "accounts/home.html",
        {
            "roles_by_edition": roles_by_edition,
            "is_national_team": is_national_team(request.user),
            "has_orga": is_national_team(request.user) or editions_for(request.user).exists(),
            "links": links_for(request.user),
        },
    )


class PasswordLoginView(LoginView):
    """Optional password sign-in, for staff who set one."""

    template_name = "accounts/password_login.html"
    form_class = PasswordLoginForm
