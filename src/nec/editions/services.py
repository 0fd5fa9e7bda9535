"""Editions: every state change of editions, organisations, partnerships and memberships.

Each function validates, saves inside a transaction and writes an audit entry. Views check the
permission to reach a page; the functions re-check what only the national team may do (creating
editions, changing a status) so that no other caller can bypass it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from nec.accounts import services as account_services
from nec.core import audit
from nec.core.validation import refuse_unknown_fields
from nec.editions.models import Edition, Membership, Organisation, Partnership
from nec.editions.permissions import can

#: slugs an edition may not take: they are pages of the espace organisation itself
RESERVED_SLUGS = frozenset(
    {"nouvelle-edition", "journal", "candidatures", "editions", "static", "media"}
)

#: fields only the national team may change (publishing, archiving, national vs local)
NATIONAL_TEAM_FIELDS = ("status", "kind")

EDITION_FIELDS = (
    "kind",
    "year",
    "number",
    "title",
    "slug",
    "city",
    "venue",
    "address",
    "opening_hours",
    "access_info",
    "venue_accessibility",
    "online",
    "region_code",
    "departement_code",
    "start_date",
    "end_date",
    "status",
    "description",
)


def _check_slug(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            {"slug": _("Cet identifiant est réservé, choisissez-en un autre.")}, code="reserved"
        )


def create_edition(*, actor, **fields: Any) -> Edition:
    """Create an edition (national team only). Raises ValidationError on bad data."""
    if not can(actor, "edition.create"):
        raise PermissionDenied(_("Seule l'équipe nationale peut créer une édition."))
    refuse_unknown_fields(fields, EDITION_FIELDS, "edition")
    edition = Edition(**fields)
    if not edition.slug:
        edition.slug = slugify(f"{edition.title}")[:80]
    _check_slug(edition.slug)
    edition.full_clean()
    with transaction.atomic():
        edition.save()
        audit.record(actor, "edition.created", edition, edition=edition, kind=edition.kind)
    return edition


def update_edition(edition: Edition, *, actor, **changes: Any) -> list[str]:
    """Apply `changes` to `edition`; returns the names of the fields that changed.

    Changing the status or the kind needs the national team's right `edition.change_status`."""
    refuse_unknown_fields(changes, EDITION_FIELDS, "edition")
    protected = [
        name
        for name in NATIONAL_TEAM_FIELDS
        if name in changes and changes[name] != getattr(edition, name)
    ]
    if protected and not can(actor, "edition.change_status", edition):
        raise PermissionDenied(
            _("Seule l'équipe nationale peut changer le statut ou le type d'une édition.")
        )
    current = Edition.objects.get(pk=edition.pk)
    changed = [name for name, value in changes.items() if getattr(current, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(edition, name, changes[name])
    if "slug" in changed:
        _check_slug(edition.slug)
    try:
        edition.full_clean()
    except ValidationError:
        # leave the instance as it is in the database: nothing half-applied
        edition.refresh_from_db()
        raise
    with transaction.atomic():
        edition.save()
        audit.record(
            actor,
            "edition.updated",
            edition,
            edition=edition,
            fields=changed,
            changes={name: [getattr(current, name), changes[name]] for name in changed},
        )
    return changed


def create_organisation(*, actor, **fields: Any) -> Organisation:
    """Create an organisation; the slug is derived from the name and made unique."""
    organisation = Organisation(**fields)
    organisation.siret = (organisation.siret or "").replace(" ", "")
    base = slugify(organisation.name)[:110] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    organisation.slug = slug
    organisation.full_clean()
    with transaction.atomic():
        organisation.save()
        audit.record(actor, "organisation.created", organisation, siret=organisation.siret)
    return organisation


def add_partnership(
    edition: Edition, organisation: Organisation, role: str, *, actor
) -> Partnership:
    """Make `organisation` a partner of `edition` with `role` (one partnership per pair)."""
    if role not in Partnership.Role.values:
        raise ValidationError({"role": _("Choisissez un rôle de la liste.")})
    if Partnership.objects.filter(edition=edition, organisation=organisation).exists():
        raise ValidationError(
            {"organisation": _("Cette organisation est déjà partenaire de l'édition.")}
        )
    try:
        with transaction.atomic():
            partnership = Partnership.objects.create(
                edition=edition, organisation=organisation, role=role
            )
            audit.record(
                actor,
                "edition.partnership_added",
                partnership,
                edition=edition,
                organisation=organisation.name,
                role=role,
            )
    except IntegrityError as error:  # a concurrent request added it first
        raise ValidationError(
            {"organisation": _("Cette organisation est déjà partenaire de l'édition.")}
        ) from error
    return partnership


def remove_partnership(partnership: Partnership, *, actor) -> None:
    audit.record_deletion(
        actor,
        "edition.partnership_removed",
        partnership,
        organisation=partnership.organisation.name,
        role=partnership.role,
    )


def add_member(
    edition: Edition,
    email: str,
    role: str,
    *,
    actor,
    first_name: str = "",
    last_name: str = "",
    organisation: Organisation | None = None,
    notify: bool = True,
) -> Membership:
    """Give the person with this address `role` on `edition`, creating the account if needed,
    and e-mail them a sign-in link (to the espace organisation when the role needs it)."""
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choisissez un rôle de la liste.")})
    with transaction.atomic():
        user, created = account_services.get_or_create_user(
            email, first_name=first_name, last_name=last_name, actor=actor
        )
        if Membership.objects.filter(user=user, edition=edition, role=role).exists():
            raise ValidationError(
                {"email": _("Cette personne a déjà ce rôle sur l'édition.")}, code="duplicate"
            )
        membership = Membership.objects.create(
            user=user, edition=edition, role=role, organisation=organisation
        )
        audit.record(
            actor,
            "edition.member_added",
            membership,
            edition=edition,
            email=user.email,
            role=role,
            account_created=created,
        )
        if notify:
            from django.urls import reverse

            next_url = reverse("editions:orga_edition", kwargs={"edition": edition.slug})
            transaction.on_commit(
                lambda: account_services.send_login_link(
                    user, next_url=next_url, reason="membership"
                )
            )
    return membership


def remove_member(membership: Membership, *, actor) -> None:
    audit.record_deletion(
        actor,
        "edition.member_removed",
        membership,
        email=membership.user.email,
        role=membership.role,
    )
