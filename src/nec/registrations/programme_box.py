"""The booking box of one session in the programme list: seats in words and the one button the
visitor needs (book, join the waiting list, swap, leave). Built with plain string formatting
rather than a template: the programme shows ~100 sessions and must answer in a few
milliseconds (URLs and words are prepared once per request in `BoxContext`).

Every button is a plain form that comes back to the same session of the programme (`next` ends
with `#session-<pk>`); `booking.js` may post it in the background and update the list in place."""

from __future__ import annotations

from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def seats_text(session) -> tuple[str, str]:
    """(text, badge modifier) of a prepared session's seats."""
    booking = session.my_booking
    if booking is not None and booking.status == "waiting":
        return (
            _("Complet — liste d'attente (rang %(rank)s)") % {"rank": session.waiting_rank},
            "badge-full",
        )
    if session.seats_left == 0:
        return _("Complet — liste d'attente"), "badge-full"
    text = ngettext(
        "%(n)s place restante sur %(total)s",
        "%(n)s places restantes sur %(total)s",
        session.seats_left,
    ) % {"n": session.seats_left, "total": session.seat_capacity}
    return text, "badge-ok" if session.seats_left > 10 else ""


class BoxContext:
    """What every box of one page shares: the CSRF token, the page's address, the actions'
    URL patterns and the words."""

    def __init__(self, slug: str, csrf: str, page_url: str):
        self.csrf = escape(csrf)
        self.page_url = escape(page_url)
        # "/editions/<slug>/reservations/0/reserver/" -> ("/editions/.../reservations", "reserver/")
        self.urls = {
            name: tuple(reverse(f"registrations:{name}", args=[slug, 0]).split("/0/", 1))
            for name in ("book", "waitlist_join", "booking_swap", "booking_cancel")
        }
        self.offer_url = reverse("registrations:offer", args=[slug, 0])[: -len("0/")]
        self.words = {
            "booked": escape(_("Place réservée")),
            "leave": escape(_("Libérer ma place")),
            "offered": escape(_("Une place vous est proposée : répondre")),
            "unwait": escape(_("Quitter la liste d'attente")),
            "wait": escape(_("Rejoindre la liste d'attente")),
            "swap": escape(_("Échanger ma place")),
            "book": escape(_("Réserver")),
        }

    def url(self, name: str, pk: int) -> str:
        prefix, tail = self.urls[name]
        return f"{prefix}/{pk}/{tail}"

    def form(self, name: str, session, label: str, title: str, secondary: bool) -> str:
        css = ' class="button-secondary"' if secondary else ""
        return (
            f'<form method="post" action="{self.url(name, session.pk)}" class="inline-form" '
            f'data-booking><input type="hidden" name="csrfmiddlewaretoken" value="{self.csrf}">'
            f'<input type="hidden" name="next" value="{self.page_url}#session-{session.pk}">'
            f'<button type="submit"{css}>{self.words[label]}'
            f'<span class="visually-hidden"> — {title}</span></button></form>'
        )


def box_html(session, box: BoxContext) -> SafeString:
    """Seats and the button of a prepared session (see `selectors.prepare_sessions`)."""
    if getattr(session, "seats_left", None) is None:  # not bookable (no seat to count)
        return SafeString("")
    text, modifier = seats_text(session)
    title = escape(session.title)
    booking = session.my_booking
    status = booking.status if booking is not None else None
    mark = ""
    if status == "confirmed":
        mark = f'<span class="badge badge-ok">{box.words["booked"]}</span> '
        button = box.form("booking_cancel", session, "leave", title, True)
    elif status == "offered":
        button = (
            f'<a class="button" href="{box.offer_url}{booking.pk}/">{box.words["offered"]}'
            f'<span class="visually-hidden"> — {title}</span></a>'
        )
    elif status == "waiting":
        button = box.form("booking_cancel", session, "unwait", title, True)
    elif session.seats_left == 0:
        button = box.form("waitlist_join", session, "wait", title, True)
    elif session.seat_in_slot is not None:
        freed = _("libère votre place dans « %(title)s »") % {
            "title": session.seat_in_slot.session.title
        }
        button = box.form("booking_swap", session, "swap", title, False)
        button += f' <span class="muted">{escape(freed)}</span>'
    else:
        button = box.form("book", session, "book", title, False)
    badge = f"badge {modifier}".strip()
    return mark_safe(  # noqa: S308 (every value above is escaped)
        f'<div class="booking-box" id="reservation-{session.pk}">{mark}'
        f'<span class="{badge}">{escape(text)}</span> {button}</div>'
    )
