"""Readable French labels of audit codes ("programme.session_placed" -> "Session placée dans la
grille"), for the journal and the edition's home. An app may give its own labels:

    from nec.editions.audit_labels import register
    register({"surveys.sent": _("Enquête envoyée")})

Codes without a label are put into words from their parts (object, then verb), never shown raw
to organisers."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

_LABELS: dict[str, str | Promise] = {
    "edition.created": _("Édition créée"),
    "edition.member_added": _("Membre ajouté·e à l'équipe"),
    "edition.partnership_added": _("Partenaire ajouté"),
    "programme.schedule_published": _("Programme publié"),
    "programme.session_placed": _("Session placée dans la grille"),
    "programme.session_speaker_added": _("Intervenant·e ajouté·e à une session"),
    "programme.format_types_created": _("Formats par défaut créés"),
    "programme.proposal_received": _("Proposition reçue"),
    "registrations.checked_in": _("Présence enregistrée à l'accueil"),
    "registrations.promoted": _("Personne promue depuis la liste d'attente"),
    "registrations.waitlist_offered": _("Place proposée depuis la liste d'attente"),
    "registrations.waitlist_promoted": _("Place attribuée depuis la liste d'attente"),
    "registrations.offer_expired": _("Proposition de place expirée"),
    "registrations.exported": _("Inscriptions exportées"),
    "registrations.settings_changed": _("Réglages des inscriptions modifiés"),
    "account.signed_in": _("Connexion"),
    "account.login_link_sent": _("Lien de connexion envoyé"),
    "account.closed": _("Compte fermé (effacement des données)"),
    "account.created": _("Compte créé"),
    "account.password_failed": _("Échec de connexion par mot de passe"),
    "organisation.created": _("Organisation créée"),
    "edition.member_removed": _("Membre retiré·e de l'équipe"),
    "edition.partnership_removed": _("Partenaire retiré"),
    "edition.updated": _("Édition modifiée"),
}

_OBJECTS = {
    "session": _("Session"),
    "speaker": _("Intervenant·e"),
    "room": _("Salle"),
    "slot": _("Créneau"),
    "format_type": _("Format"),
    "theme": _("Thème"),
    "track": _("Parcours"),
    "proposal": _("Proposition"),
    "offer": _("Offre partenaire"),
    "booking": _("Réservation"),
    "registration": _("Inscription"),
    "question": _("Question du questionnaire"),
    "member": _("Membre de l'équipe"),
    "partnership": _("Partenariat"),
    "edition": _("Édition"),
    "token": _("Jeton d'API"),
    "run": _("Calcul de grille"),
    "mailing": _("Envoi"),
    "resource": _("Ressource"),
    "application": _("Candidature"),
    "milestone": _("Étape"),
}
_VERBS = {
    "created": _("créé·e"),
    "create": _("créé·e"),
    "added": _("ajouté·e"),
    "updated": _("modifié·e"),
    "changed": _("modifié·e"),
    "saved": _("enregistré·e"),
    "deleted": _("supprimé·e"),
    "removed": _("retiré·e"),
    "revoke": _("révoqué·e"),
    "placed": _("placé·e"),
    "unplaced": _("retiré·e de la grille"),
    "published": _("publié·e"),
    "publish": _("publié·e"),
    "cancelled": _("annulé·e"),
    "confirmed": _("confirmé·e"),
    "accepted": _("accepté·e"),
    "refused": _("refusé·e"),
    "submitted": _("déposé·e"),
    "sent": _("envoyé·e"),
    "moved": _("déplacé·e"),
    "reviewed": _("évalué·e"),
}


def register(labels: dict[str, str | Promise]) -> None:
    """Give readable labels to audit codes."""
    _LABELS.update(labels)


def is_labelled(code: str) -> bool:
    """True if `code` has a label of its own (not words made from its parts)."""
    return code in _LABELS


def label(code: str) -> str:
    """The readable label of an audit code."""
    if code in _LABELS:
        return str(_LABELS[code])
    _app, _dot, rest = (code or "").partition(".")
    rest = rest or code or ""
    for verb, verb_label in _VERBS.items():
        if rest.endswith("_" + verb) or rest == verb:
            thing = rest[: -len(verb)].rstrip("_") or _app
            noun = _OBJECTS.get(thing)
            if noun is not None:
                return f"{noun} {verb_label}"
            return f"{thing.replace('_', ' ').capitalize()} : {verb_label}"
    return rest.replace("_", " ").capitalize() or gettext("Action")
