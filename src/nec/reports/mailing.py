"""Where the report reads mailing figures (mailings, messages sent, open and click rates), from
the community app's one figures module (`nec.community.figures`, below this app).

Mailings belong to the community, not to one edition: an edition's bilan counts those started
from eight months before its first day to two months after its last (invitations, programme,
thanks). Without any in that window the report keeps the figures the team typed in."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nec.community import figures

BEFORE, AFTER = timedelta(days=240), timedelta(days=60)


def window(edition) -> tuple[datetime, datetime] | None:
    if edition.start_date is None:
        return None
    tz = timezone.get_current_timezone()
    start = datetime.combine(edition.start_date, time.min, tzinfo=tz)
    end = datetime.combine(edition.end_date or edition.start_date, time.max, tzinfo=tz)
    return start - BEFORE, end + AFTER


def mailing_figures(edition) -> list[dict[str, Any]] | None:
    """[{"label", "value", "unit", "source"}] from the community app, or None when it has none."""
    period = window(edition)
    if period is None:
        return None
    totals = figures.totals(*period)
    if not totals["mailings"]:
        return None
    since, until = (date_format(moment.date(), "j F Y") for moment in period)
    source = _("envois de la plateforme du %(since)s au %(until)s") % {
        "since": since,
        "until": until,
    }
    rows = [
        {"label": _("Envois à la communauté"), "value": totals["mailings"], "source": source},
        {"label": _("Messages envoyés"), "value": totals["sent"], "source": source},
        {"label": _("Désinscriptions"), "value": totals["unsubscribed"], "source": source},
    ]
    if totals["open_rate"] is not None:
        rows.append(
            {
                "label": _("Taux d'ouverture"),
                "value": totals["open_rate"],
                "unit": "%",
                "source": ngettext(
                    "%(source)s ; mesuré chez la %(n)s personne qui l'a accepté",
                    "%(source)s ; mesuré chez les %(n)s personnes qui l'ont accepté",
                    totals["open_base"],
                )
                % {"source": source, "n": totals["open_base"]},
            }
        )
    if totals["click_rate"] is not None:
        rows.append(
            {
                "label": _("Taux de clic"),
                "value": totals["click_rate"],
                "unit": "%",
                "source": _("%(source)s ; sur les messages envoyés") % {"source": source},
            }
        )
    return rows
