"""Models of the registrations app: an edition's registration settings, questionnaire questions,
registrations and their answers, and session bookings. Thin: changes go through the services."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nec.editions.models import Edition
from nec.programme.models import Session


def new_code() -> str:
    """Short, unguessable ticket code (the QR code carries it, signed)."""
    return secrets.token_hex(5).upper()


class RegistrationSettings(models.Model):
    """Per-edition settings of registration and session booking, chosen by the team."""

    class WaitlistMode(models.TextChoices):
        OFFER = "offer", _("proposer la place par e-mail pour un temps limité")
        DIRECT = "direct", _("attribuer la place directement")

    edition = models.OneToOneField(
        Edition, on_delete=models.CASCADE, related_name="registration_settings"
    )
    registration_open = models.BooleanField(_("inscriptions ouvertes"), default=True)
    capacity = models.PositiveIntegerField(
        _("jauge de l'édition"),
        null=True,
        blank=True,
        help_text=_("Nombre maximal d'inscrit·es ; vide pour illimité."),
    )
    booking_opens_at = models.DateTimeField(_("ouverture des réservations"), null=True, blank=True)
    booking_closes_at = models.DateTimeField(_("clôture des réservations"), null=True, blank=True)
    waitlist_mode = models.CharField(
        _("liste d'attente"),
        max_length=10,
        choices=WaitlistMode.choices,
        default=WaitlistMode.OFFER,
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("durée d'une proposition de place (heures)"), default=24
    )

    class Meta:
        verbose_name = _("réglages des inscriptions")
        verbose_name_plural = _("réglages des inscriptions")


class Question(models.Model):
    """A question of an edition's registration questionnaire."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("choix unique")
        MULTIPLE = "multiple", _("choix multiple")
        TEXT = "text", _("texte court")
        NUMBER = "number", _("nombre")
        BOOLEAN = "boolean", _("oui / non")
        DEPARTEMENT = "departement", _("département")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("clé"), max_length=60)
    label = models.CharField(_("intitulé"), max_length=255)
    help_text = models.CharField(_("aide"), max_length=255, blank=True)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    choices = models.JSONField(
        _("choix"), default=list, blank=True, help_text=_("Liste de [valeur, libellé].")
    )
    required = models.BooleanField(_("obligatoire"), default=False)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    team_only = models.BooleanField(
        _("réservée à l'équipe"),
        default=False,
        help_text=_("La réponse n'est visible que par l'équipe (ex. besoins d'accessibilité)."),
    )
    #: Only asked when another question has a given answer, e.g. {"sector": "public"}.
    condition = models.JSONField(_("condition d'affichage"), default=dict, blank=True)

    class Meta:
        verbose_name = _("question")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "key"], name="question_unique_key")
        ]

    def __str__(self) -> str:
        return self.label


class Registration(models.Model):
    """One person's (free) registration to one edition."""

    class Status(models.TextChoices):
        PENDING = "pending", _("à confirmer")
        CONFIRMED = "confirmed", _("confirmée")
        WAITING = "waiting", _("en liste d'attente")
        CANCELLED = "cancelled", _("annulée")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    email = models.EmailField(_("adresse e-mail"))
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    job_title = models.CharField(_("fonction"), max_length=200, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    code = models.CharField(_("code du billet"), max_length=16, unique=True, default=new_code)
    newsletter_consent = models.BooleanField(_("accepte la lettre d'information"), default=False)
    calendar_token = models.CharField(max_length=64, blank=True, db_index=True)
    checked_in_at = models.DateTimeField(_("présence constatée le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("inscription")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "email"], name="one_registration_per_email")
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Answer(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    #: str, number, bool or list of str, as the question's kind says.
    value = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="one_answer")
        ]
        # The bilan counts answers per question and value: this index makes it ten times faster.
        indexes = [models.Index(fields=["question", "value", "registration"], name="answer_counts")]


class Booking(models.Model):
    """A seat in a session, or a place on its waiting list."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmée")
        WAITING = "waiting", _("en liste d'attente")
        OFFERED = "offered", _("place proposée")
        CANCELLED = "cancelled", _("annulée")
        EXPIRED = "expired", _("proposition expirée")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="bookings")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="bookings"
    )
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices)
    offered_until = models.DateTimeField(_("proposition valable jusqu'au"), null=True, blank=True)
    attended_at = models.DateTimeField(_("présence constatée le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("réservation")
        ordering = ["created_at", "id"]
        constraints = [
            # One live booking (seat, waiting place or offer) per person and session; cancelled
            # and expired rows stay for history.
            models.UniqueConstraint(
                fields=["session", "registration"],
                condition=models.Q(status__in=["confirmed", "waiting", "offered"]),
                name="one_live_booking_per_session",
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration} → {self.session} ({self.get_status_display()})"
