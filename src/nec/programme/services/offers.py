"""The partner offer catalogue: formats partner organisations offer to every edition, who may
edit them, publishing them, searching them and turning one into a session of an edition."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _

from nec.accounts.permissions import is_national_team
from nec.core import audit
from nec.core.search import every_word
from nec.editions.models import Edition, Membership, Organisation
from nec.editions.permissions import can, editions_for
from nec.programme.models import FormatType, PartnerOffer, Session, Theme
from nec.programme.services.common import Actor
from nec.programme.services.sessions import create_session

# ---------------------------------------------------------------------------------------------
# Partner offer catalogue


def offer_organisations_for(user: Actor) -> QuerySet[Organisation]:
    """Organisations whose offers `user` may edit: theirs as a partner; all for the team."""
    if is_national_team(user):
        return Organisation.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    editions = editions_for(user, "offers.manage")
    return Organisation.objects.filter(
        members__user=user,
        members__role=Membership.Role.PARTNER,
        members__edition__in=editions,
    ).distinct()


def may_manage_offers(user: Actor) -> bool:
    return is_national_team(user) or offer_organisations_for(user).exists()


def save_offer(offer: PartnerOffer, *, actor: Actor) -> PartnerOffer:
    if not offer_organisations_for(actor).filter(pk=offer.organisation_id).exists():
        raise PermissionDenied
    created = offer.pk is None
    if created:
        offer.created_by = actor
    with transaction.atomic():
        offer.save()
        audit.record(
            actor,
            "programme.offer_created" if created else "programme.offer_changed",
            offer,
            edition=None,
            organisation=offer.organisation.name,
        )
    return offer


def set_offer_published(offer: PartnerOffer, published: bool, *, actor: Actor) -> PartnerOffer:
    if not offer_organisations_for(actor).filter(pk=offer.organisation_id).exists():
        raise PermissionDenied
    with transaction.atomic():
        offer.published = published
        offer.save(update_fields=["published", "updated_at"])
        audit.record(
            actor,
            "programme.offer_published" if published else "programme.offer_unpublished",
            offer,
            edition=None,
        )
    return offer


def published_offers() -> QuerySet[PartnerOffer]:
    return PartnerOffer.objects.filter(published=True).select_related("organisation")


def filter_offers(
    qs: QuerySet[PartnerOffer],
    *,
    format_name: str = "",
    theme: str = "",
    organisation: Organisation | None = None,
    text: str = "",
) -> QuerySet[PartnerOffer]:
    if format_name:
        qs = qs.filter(format_name__iexact=format_name)
    if theme:
        qs = qs.filter(themes__icontains=theme)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs.filter(every_word(text, "title", "description", "themes", "organisation__name"))


def session_from_offer(edition: Edition, offer: PartnerOffer, *, actor: Actor) -> Session:
    """Turn a published partner offer into an accepted session of `edition`, credited to the
    partner organisation. The format type and themes are matched by name within the edition."""
    if not can(actor, "offers.use", edition):
        raise PermissionDenied
    if not offer.published:
        raise ValidationError(_("Cette offre n'est pas publiée."))
    format_type = (
        FormatType.objects.filter(edition=edition)
        .filter(Q(name__iexact=offer.format_name) | Q(slug=slugify(offer.format_name)))
        .first()
    )
    with transaction.atomic():
        names = [n.lower() for n in offer.theme_list]
        themes = [t for t in Theme.objects.filter(edition=edition) if t.name.lower() in names]
        session = create_session(
            edition,
            actor=actor,
            title=offer.title,
            themes=themes,
            partners=[offer.organisation],
            status=Session.Status.ACCEPTED,
            summary=offer.description[:500],
            description=offer.description,
            format_type=format_type,
            material_needs=offer.conditions,
        )
        audit.record(
            actor,
            "programme.session_from_offer",
            session,
            edition=edition,
            offer=offer.pk,
            organisation=offer.organisation.name,
        )
    return session
