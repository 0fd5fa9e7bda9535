"""Every change to a report: the team's comment, overrides (each with its reason), typed-in
figures, publication. Each runs in a transaction and leaves an audit entry."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.core import audit
from nec.editions.models import Edition
from nec.reports.models import Override, Report, TypedFigure


class ReportError(Exception):
    """A refused change; `str(error)` is the French message to show."""


def _touch(report: Report) -> None:
    """The report changed (a correction, a typed figure): readers keyed on it recompute."""
    report.updated_at = timezone.now()
    Report.objects.filter(pk=report.pk).update(updated_at=report.updated_at)


def get_report(edition: Edition) -> Report:
    report, _created = Report.objects.get_or_create(edition=edition)
    return report


def set_comment(report: Report, comment: str, *, actor) -> Report:
    with transaction.atomic():
        report.comment = comment.strip()
        report.save(update_fields=["comment", "updated_at"])
        audit.record(actor, "reports.comment", report, edition=report.edition)
    return report


def override(report: Report, key: str, value: str, reason: str, *, known_keys, actor) -> Override:
    """Replace the computed figure `key` by `value`; the reason is mandatory and shown."""
    reason, value = (reason or "").strip(), (value or "").strip()
    if key not in known_keys:
        raise ReportError(_("Ce chiffre n'existe pas dans le bilan."))
    if not value:
        raise ReportError(_("Indiquez la valeur retenue."))
    if not reason:
        raise ReportError(_("Une correction doit être justifiée : indiquez la raison."))
    with transaction.atomic():
        item, _created = Override.objects.update_or_create(
            report=report,
            key=key,
            defaults={"value": value[:60], "reason": reason, "created_by": actor},
        )
        _touch(report)
        audit.record(
            actor,
            "reports.override",
            report,
            edition=report.edition,
            key=key,
            value=value,
            reason=reason,
        )
    return item


def remove_override(report: Report, key: str, *, actor) -> None:
    with transaction.atomic():
        deleted, _by_model = Override.objects.filter(report=report, key=key).delete()
        if deleted:
            _touch(report)
            audit.record(actor, "reports.override_removed", report, edition=report.edition, key=key)


def add_typed_figure(
    report: Report, *, topic: str, label: str, value: Decimal, unit: str, source: str, actor
) -> TypedFigure:
    if not source.strip():
        raise ReportError(_("Indiquez la source du chiffre."))
    with transaction.atomic():
        item = TypedFigure.objects.create(
            report=report,
            topic=topic,
            label=label.strip(),
            value=value,
            unit=unit.strip(),
            source=source.strip(),
        )
        _touch(report)
        audit.record(actor, "reports.typed_figure", report, edition=report.edition, label=label)
    return item


def remove_typed_figure(report: Report, pk: int, *, actor) -> None:
    with transaction.atomic():
        deleted, _by_model = TypedFigure.objects.filter(report=report, pk=pk).delete()
        if deleted:
            _touch(report)
            audit.record(actor, "reports.typed_figure_removed", report, edition=report.edition)


def publish(report: Report, *, actor) -> Report:
    with transaction.atomic():
        report.published_at = timezone.now()
        report.published_by = actor if getattr(actor, "is_authenticated", False) else None
        report.save(update_fields=["published_at", "published_by", "updated_at"])
        audit.record(actor, "reports.published", report, edition=report.edition)
    return report


def unpublish(report: Report, *, actor) -> Report:
    with transaction.atomic():
        report.published_at = None
        report.save(update_fields=["published_at", "updated_at"])
        audit.record(actor, "reports.unpublished", report, edition=report.edition)
    return report
