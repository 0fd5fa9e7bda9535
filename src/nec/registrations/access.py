"""Who may reach the registrations views: signed-in visitors only. Pages use Django's
`login_required`; buttons posted from another page (the programme, a session page) use
`login_required_back_to`, which brings the visitor back to that page after signing in."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse


def login_required_back_to(
    back_to: Callable[..., str], *, explain: Callable[..., None] | None = None
):
    """Like `login_required`, for a POST-only action: an anonymous visitor is sent to sign in,
    then back to `back_to(request, *args, **kwargs)` (the page the button was on) rather than
    to the action's own address, which answers POST only. `explain(request, *args, **kwargs)`
    may first leave a message (e.g. "register first, here is the link")."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                target = back_to(request, *args, **kwargs)
                if explain is not None:
                    explain(request, *args, **kwargs)
                return redirect_to_login(target)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
