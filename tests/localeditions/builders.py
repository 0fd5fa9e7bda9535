"""Builders for the local editions' tests: a confirmed application made through the services,
as the public form and the e-mailed link make it."""

from datetime import timedelta

from django.utils import timezone

from nec.core.signed_links import make_token
from nec.localeditions.models import Application
from nec.localeditions.services import applications


def confirmed_application(email: str = "camille@metz.example", **fields) -> Application:
    data = {
        "organisation_name": "Ville de Metz",
        "first_name": "Camille",
        "last_name": "Martin",
        "email": email,
        "audience": "Médiateurs numériques et élus",
        "expected_size": 200,
        "objectives": "Fédérer les acteurs de l'inclusion numérique",
        "commune": "Metz",
        "department_code": "57",
        "region_code": "44",
        "venue": "Arsenal",
        "step_free_access": "yes",
        "event_date": timezone.localdate() + timedelta(days=120),
        "formats": "Plénières, ateliers, stands",
        "free_entry": True,
        "registration_mode": "registration",
        "partners": "HubEst",
        "support_requested": True,
        "grant_requested": 3500,
        "charter_accepted": True,
        **fields,
    }
    application = applications.submit_application(data)
    token = make_token(
        {"a": application.pk, "e": application.email}, salt=applications.CONFIRM_SALT
    )
    return applications.confirm_application(token)
