"""Hooks through which higher apps add to the programme's public pages (seats left and booking
buttons, a call to action above the programme) without the programme knowing them.

On the programme list the hooks receive LIGHT sessions (id, title, status, edition and
`published_slot_id` only: the rest of each item is cached HTML, see `nec.programme.listing`);
on a session page, the full session. An app registers in its `AppConfig.ready()`:

    from nec.programme import session_extras
    session_extras.register(
        "registrations.seats",
        prepare=annotate_seats,      # (sessions, request, edition): annotate a list at once
        list_html=seats_badge,       # (session, request) -> HTML shown in the programme list
        page_html=booking_box,       # (session, request) -> HTML shown on the session page
    )
    session_extras.register_link("registrations:booking_list", _("Réserver mes formats"))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core import checks
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from nec.core.urls_utils import edition_url


@dataclass(frozen=True)
class SessionExtra:
    key: str
    prepare: Callable | None = None
    list_html: Callable | None = None
    page_html: Callable | None = None
    order: int = 50


@dataclass(frozen=True)
class ProgrammeLink:
    url_name: str
    label: str | Promise
    order: int = 50


_EXTRAS: dict[str, SessionExtra] = {}
_LINKS: dict[str, ProgrammeLink] = {}


def register(
    key: str,
    *,
    prepare: Callable | None = None,
    list_html: Callable | None = None,
    page_html: Callable | None = None,
    order: int = 50,
) -> None:
    _EXTRAS[key] = SessionExtra(key, prepare, list_html, page_html, order)


def register_link(url_name: str, label: str | Promise, *, order: int = 50) -> None:
    """A call to action shown above the programme (URL name taking the edition slug)."""
    _LINKS[url_name] = ProgrammeLink(url_name, label, order)


def registered_links() -> list[ProgrammeLink]:
    return list(_LINKS.values())


def _extras() -> list[SessionExtra]:
    return sorted(_EXTRAS.values(), key=lambda extra: (extra.order, extra.key))


def prepare(sessions, request, edition) -> None:
    for extra in _extras():
        if extra.prepare is not None:
            extra.prepare(sessions, request, edition)


def _html(session, request, kind: str) -> SafeString:
    parts = [getattr(extra, kind)(session, request) for extra in _extras() if getattr(extra, kind)]
    return format_html_join("", "{}", ((part,) for part in parts if part))


def list_html(session, request) -> SafeString:
    return _html(session, request, "list_html")


def page_html(session, request) -> SafeString:
    return _html(session, request, "page_html")


def links_for(edition) -> list[dict]:
    return [
        {"url": edition_url(link.url_name, edition), "label": link.label}
        for link in sorted(_LINKS.values(), key=lambda item: (item.order, item.url_name))
    ]


def check_links(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """System check: every registered programme link names a page taking the edition slug."""
    errors = []
    for link in _LINKS.values():
        try:
            reverse(link.url_name, kwargs={"edition": "x"})
        except NoReverseMatch:
            errors.append(
                checks.Error(
                    f"session_extras: the URL name {link.url_name!r} does not exist or does not "
                    "take the edition slug as its only argument.",
                    id="nec.E002",
                )
            )
    return errors
