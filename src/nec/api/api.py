"""The open-data API, version 1 (django-ninja): its description, licence and error answers.
Operations live in `nec.api.endpoints`."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from nec.api.endpoints import editions, programme, registrations, resources

LICENCE_NAME = "Licence Ouverte / Open Licence version 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

DESCRIPTION = """Données ouvertes de Numérique en Commun[s] (NEC) : les éditions et leurs chiffres
sourcés, le programme public (sessions, salles, créneaux, intervenant·es ayant accepté d'être
présenté·es), les partenaires et la bibliothèque de ressources.

Lecture seule, sans inscription. Données sous Licence Ouverte / Etalab 2.0 ; chaque ressource de
la bibliothèque porte sa propre licence Creative Commons et sa ligne d'attribution.

Pagination par `page` et `per_page` (100 au plus). Réponses avec `ETag` et `Last-Modified` :
renvoyez `If-None-Match` ou `If-Modified-Since` pour recevoir un 304. CORS ouvert en lecture.
Limite de requêtes par client et par minute (429 au-delà, avec `Retry-After`).

Les organisateur·rices peuvent créer dans l'espace organisation un jeton personnel pour lire
les inscriptions de leur édition (en-tête `Authorization: Bearer <jeton>`)."""

api = NinjaAPI(
    title="API Numérique en Commun[s]",
    version="1.0.0",
    description=DESCRIPTION,
    openapi_url=None,
    docs_url=None,
    urls_namespace="api-v1",
    openapi_extra={"info": {"license": {"name": LICENCE_NAME, "url": LICENCE_URL}}},
)


@api.exception_handler(ValidationError)
def bad_parameters(request, exc: ValidationError):
    problems = []
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("query",))
        problems.append(f"{where} : {error.get('msg', '')}")
    detail = _("Paramètres invalides — %(problems)s") % {"problems": " ; ".join(problems)}
    return api.create_response(request, {"detail": detail[:2000]}, status=400)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(
        request,
        {"detail": _("Jeton absent, invalide ou révoqué (en-tête Authorization: Bearer …).")},
        status=401,
    )


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


api.add_router("/editions", editions.router)
api.add_router("/editions", programme.router)
api.add_router("/editions", registrations.router)
api.add_router("/resources", resources.router)


def openapi_document() -> dict:
    """The OpenAPI 3 document of version 1 (paths under /api/v1/)."""
    return api.get_openapi_schema(path_prefix="/api/v1/")
