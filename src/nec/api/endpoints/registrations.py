"""An organiser's own edition's registrations, read with a personal API token (never public)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError
from ninja.security import HttpBearer

from nec.api import tokens
from nec.api.endpoints.common import ERRORS, PageQuery, PerPageQuery, SlugPath, paginate
from nec.api.schemas import Error, RegistrationPage
from nec.core import audit
from nec.editions.permissions import can
from nec.registrations.models import Registration

router = Router(tags=["inscriptions (jeton)"])


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        return tokens.active_token(token)


@router.get(
    "/{slug}/registrations",
    response={200: RegistrationPage, 401: Error, **ERRORS},
    auth=TokenAuth(),
    summary="Inscriptions de votre édition (jeton personnel)",
    operation_id="list_registrations",
)
def list_registrations(request, slug: SlugPath, page: PageQuery = 1, per_page: PerPageQuery = 100):
    """Les inscriptions de l'édition du jeton ; toute autre édition est une 404, de même
    qu'une édition que son ou sa propriétaire ne gère plus."""
    token = request.auth
    edition = token.edition
    if edition.slug != slug or not can(token.user, "registrations.view", edition):
        raise HttpError(404, _("Aucune édition accessible avec ce jeton ne porte cet identifiant."))
    registrations = Registration.objects.filter(edition=edition).order_by("created_at", "pk")
    items, envelope = paginate(registrations, page, per_page)
    tokens.mark_used(token)
    audit.record(token.user, "api.registrations_read", edition, token=token.pk, page=page)
    return {
        **envelope,
        "results": [
            {
                "id": r.pk,
                "first_name": r.first_name,
                "last_name": r.last_name,
                "email": r.email,
                "organisation": r.organisation,
                "job_title": r.job_title,
                "status": r.status,
                "created_at": r.created_at,
                "checked_in_at": r.checked_in_at,
            }
            for r in items
        ],
    }
