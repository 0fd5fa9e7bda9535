"""Importing contacts from a CSV file: a consent source and date are mandatory on every line; a
dry run lists the errors with their line numbers; duplicates are merged; nothing is imported
while one line is wrong (all or nothing, in one transaction)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.community.models import AudienceCategory, Purpose, Role, Sector
from nec.community.services.contacts import grant_consent, normalise_email, upsert_contact
from nec.core import audit
from nec.core.forms import EARLIEST_DATE
from nec.editions.regions import REGIONS

MAX_BYTES = 5 * 1024 * 1024
MAX_LINES = 20_000
REQUIRED = ("email", "source_consentement", "date_consentement")
COLUMNS = {
    "prenom": "first_name",
    "nom": "last_name",
    "organisation": "organisation",
    "secteur": "sector",
    "categorie": "audience_category",
    "region": "region_code",
    "departement": "department_code",
}
CHOICES = {
    "sector": set(Sector.values),
    "audience_category": set(AudienceCategory.values),
    "region_code": set(REGIONS),
}


@dataclass
class ImportReport:
    rows: dict[str, dict] = field(default_factory=dict)  # by normalised address
    errors: list[str] = field(default_factory=list)
    lines: int = 0
    duplicates: int = 0
    created: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _parse_date(value: str) -> date:
    value = value.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ValidationError(_("Le fichier dépasse 5 Mo."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ValidationError(
            _(
                "Ligne %(line)s : le fichier n'est pas encodé en UTF-8. Enregistrez-le en "
                "« CSV UTF-8 » et recommencez."
            )
            % {"line": line}
        ) from error


def read_csv(data: bytes) -> ImportReport:
    """Check the whole file; the report holds either errors or the rows to import."""
    text = _decode(data)
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in headers]
    if missing:
        raise ValidationError(
            _("Colonnes obligatoires absentes : %(missing)s. Colonnes attendues : %(all)s.")
            % {
                "missing": ", ".join(missing),
                "all": ", ".join([*REQUIRED, "finalites", *COLUMNS]),
            }
        )
    reader.fieldnames = headers
    report = ImportReport()
    today = timezone.localdate()
    for number, raw in enumerate(reader, start=2):
        report.lines += 1
        if report.lines > MAX_LINES:
            report.errors.append(
                _("Plus de %(max)s lignes : découpez le fichier.") % {"max": MAX_LINES}
            )
            break
        row = {key: (value or "").strip() for key, value in raw.items() if isinstance(value, str)}
        line_errors = []
        try:
            email = normalise_email(row.get("email", ""))
        except ValidationError:
            line_errors.append(
                _("adresse e-mail invalide « %(value)s »") % {"value": row.get("email", "")[:100]}
            )
            email = None
        source = row.get("source_consentement", "")
        if not source:
            line_errors.append(_("source du consentement manquante"))
        try:
            given = _parse_date(row.get("date_consentement", ""))
            if not EARLIEST_DATE <= given <= today:
                raise ValueError(given)
        except ValueError:
            line_errors.append(
                _("date du consentement invalide (AAAA-MM-JJ ou JJ/MM/AAAA, passée)")
            )
            given = None
        purposes = [
            p.strip() for p in (row.get("finalites") or Purpose.NEWSLETTER).split("|") if p.strip()
        ]
        unknown = [p for p in purposes if p not in Purpose.values]
        if unknown:
            line_errors.append(
                _("finalité inconnue : %(value)s") % {"value": ", ".join(unknown)[:100]}
            )
        profile = {}
        for column, name in COLUMNS.items():
            value = row.get(column, "")[:150]
            if value and name in CHOICES and value not in CHOICES[name]:
                line_errors.append(
                    _("valeur inconnue pour %(column)s : « %(value)s »")
                    % {"column": column, "value": value[:50]}
                )
            elif value:
                profile[name] = value
        if line_errors:
            report.errors.append(
                _("Ligne %(line)s : %(errors)s.")
                % {"line": number, "errors": " ; ".join(line_errors)}
            )
            continue
        when = timezone.make_aware(datetime.combine(given, time(12)))
        if email in report.rows:
            report.duplicates += 1
            merged = report.rows[email]
            for key, value in profile.items():
                merged["profile"].setdefault(key, value)
            merged["purposes"] |= set(purposes)
        else:
            report.rows[email] = {
                "profile": profile,
                "purposes": set(purposes),
                "source": source,
                "when": when,
            }
    if report.lines == 0:
        report.errors.append(_("Le fichier ne contient aucune ligne de contact."))
    return report


def import_csv(data: bytes, *, actor, dry_run: bool) -> ImportReport:
    """Check the file and, unless `dry_run` or any error, import every line in one transaction."""
    report = read_csv(data)
    if dry_run or not report.ok:
        return report
    with transaction.atomic():
        for email, row in report.rows.items():
            contact, created = upsert_contact(
                email, profile=row["profile"], roles=[Role.IMPORTED], when=row["when"]
            )
            for purpose in sorted(row["purposes"]):
                grant_consent(contact, purpose, source=row["source"], given_at=row["when"])
            if created:
                report.created += 1
            else:
                report.updated += 1
        audit.record(
            actor, "community.contacts_imported", created=report.created, updated=report.updated
        )
    return report
