"""Start-up check of the links apps register on "Mon espace": a mistyped URL name fails
`manage.py check` instead of a link that silently never shows."""

from django.core import checks
from django.urls import NoReverseMatch, reverse

from nec.accounts import home_links


def check_home_links(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    for link in home_links.registered_links():
        try:
            reverse(link.url_name)
        except NoReverseMatch:
            errors.append(
                checks.Error(
                    f"home_links: the URL name {link.url_name!r} does not exist or takes "
                    "arguments.",
                    id="nec.E002",
                )
            )
    return errors
