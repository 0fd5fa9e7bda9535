"""Models of the community app: contacts (one row per normalised address), their consents per
purpose, saved segments, mailings with one state per recipient, and the retention runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nec.editions.models import Edition
from nec.editions.regions import REGIONS


class Sector(models.TextChoices):
    COLLECTIVITE = "collectivite", _("collectivité")
    ADMINISTRATION = "administration", _("administration")
    ASSOCIATION = "association", _("association")
    ENTREPRISE = "entreprise", _("entreprise")
    RECHERCHE = "recherche", _("recherche")
    AUTRE = "autre", _("autre")


class AudienceCategory(models.TextChoices):
    """The audiences of the 2022 report (seed-facts §B)."""

    INCLUSION = "inclusion", _("stratégies d'inclusion numérique")
    CULTURE = "culture", _("culture numérique socio-culturelle")
    COMMONS = "communs", _("innovation ouverte et communs")
    STATE = "etat", _("transformation de l'État")
    NETWORKS = "reseaux", _("têtes de réseaux de médiation")
    OPERATORS = "operateurs", _("opérateurs de services publics")
    BUYERS = "acheteurs", _("acheteurs des collectivités")
    OTHER = "autre", _("autre")


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("participant·e")
    SPEAKER = "speaker", _("intervenant·e")
    PARTNER = "partner", _("partenaire")
    APPLICANT = "applicant", _("porteur·se de NEC local")
    IMPORTED = "imported", _("importé")


class Purpose(models.TextChoices):
    NEWSLETTER = "newsletter", _("Lettre d'information NEC")
    LOCAL_NEWS = "local_news", _("Actualités des NEC locaux près de chez moi")
    SURVEYS = "surveys", _("Invitations aux questionnaires")
    OPEN_TRACKING = "open_tracking", _("Mesure de l'ouverture de nos courriels")


#: the wording a person agrees to, per purpose, stored with each consent as shown at the time
WORDING = {
    Purpose.NEWSLETTER: "J'accepte de recevoir la lettre d'information de Numérique en Commun[s].",
    Purpose.LOCAL_NEWS: "J'accepte de recevoir les actualités des NEC locaux de ma région.",
    Purpose.SURVEYS: "J'accepte d'être invité·e à répondre aux questionnaires de NEC.",
    Purpose.OPEN_TRACKING: "J'accepte que l'ouverture des courriels de NEC soit mesurée.",
}


class Contact(models.Model):
    email = models.EmailField(_("adresse e-mail"), unique=True)
    first_name = models.CharField(_("prénom"), max_length=150, blank=True)
    last_name = models.CharField(_("nom"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.CharField(_("secteur"), max_length=20, choices=Sector.choices, blank=True)
    audience_category = models.CharField(
        _("catégorie de public"), max_length=20, choices=AudienceCategory.choices, blank=True
    )
    region_code = models.CharField(
        _("région"), max_length=2, choices=sorted(REGIONS.items()), blank=True
    )
    department_code = models.CharField(_("département"), max_length=3, blank=True)
    roles = models.JSONField(_("rôles"), default=list, blank=True)
    editions = models.ManyToManyField(
        Edition, blank=True, related_name="community_contacts", verbose_name=_("éditions")
    )
    bouncing = models.BooleanField(_("adresse en erreur"), default=False)
    created_at = models.DateTimeField(_("créé le"), db_index=True)
    last_activity_at = models.DateTimeField(_("dernière activité le"), db_index=True)
    reconsent_sent_at = models.DateTimeField(
        _("demande de renouvellement du consentement envoyée le"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("contact")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    @property
    def role_labels(self) -> str:
        labels = dict(Role.choices)
        return ", ".join(str(labels.get(code, code)) for code in self.roles)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Consent(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("en attente de confirmation")
        GRANTED = "granted", _("accordé")
        WITHDRAWN = "withdrawn", _("retiré")

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("finalité"), max_length=20, choices=Purpose.choices)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices)
    source = models.CharField(_("source"), max_length=200)
    wording = models.TextField(_("texte accepté"))
    given_at = models.DateTimeField(_("donné le"))
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("retiré le"), null=True, blank=True)

    class Meta:
        verbose_name = _("consentement")
        constraints = [
            models.UniqueConstraint(fields=["contact", "purpose"], name="one_consent_per_purpose")
        ]
        indexes = [models.Index(fields=["purpose", "status"])]

    def __str__(self) -> str:
        return f"{self.contact} — {self.get_purpose_display()} ({self.get_status_display()})"


class Segment(models.Model):
    """Contacts chosen by a saved filter (see `selectors.FILTER_KEYS`), counted live."""

    name = models.CharField(_("nom"), max_length=150)
    filters = models.JSONField(_("filtre"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("segment")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Mailing(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("brouillon")
        SCHEDULED = "scheduled", _("programmé")
        SENDING = "sending", _("en cours d'envoi")
        PAUSED = "paused", _("en pause")
        DONE = "done", _("envoyé")

    subject = models.CharField(_("objet"), max_length=200)
    body = models.TextField(_("texte"), max_length=20000)
    segment = models.ForeignKey(Segment, null=True, on_delete=models.SET_NULL)
    purpose = models.CharField(
        _("finalité"), max_length=20, choices=Purpose.choices, default=Purpose.NEWSLETTER
    )
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    scheduled_at = models.DateTimeField(_("envoi prévu le"), null=True, blank=True)
    rate_per_minute = models.PositiveIntegerField(
        _("débit (courriels par minute)"), default=0, help_text=_("0 : sans limite.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(_("envoi commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("envoi terminé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("envoi")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class Recipient(models.Model):
    """One recipient of a mailing. Its state is written before and after the SMTP exchange, so
    that a worker killed in between leaves it "sending": listed as uncertain, never resent."""

    class State(models.TextChoices):
        PENDING = "pending", _("à envoyer")
        SENDING = "sending", _("envoi en cours")
        SENT = "sent", _("envoyé")
        FAILED = "failed", _("échec")
        UNCERTAIN = "uncertain", _("incertain")

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="recipients")
    contact = models.ForeignKey(
        Contact, null=True, on_delete=models.SET_NULL, related_name="receipts"
    )
    email = models.EmailField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    bounced = models.BooleanField(default=False)
    measure_opens = models.BooleanField(default=False)
    opened_at = models.DateTimeField(null=True, blank=True)
    clicked_at = models.DateTimeField(null=True, blank=True)
    clicks = models.PositiveIntegerField(default=0)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mailing", "email"], name="one_receipt_per_address")
        ]
        indexes = [models.Index(fields=["mailing", "state"])]


class RetentionRun(models.Model):
    """One run of the daily retention task, kept as its log."""

    ran_at = models.DateTimeField(auto_now_add=True)
    reconsent_mails = models.PositiveIntegerField(default=0)
    contacts_deleted = models.PositiveIntegerField(default=0)
    registrations_purged = models.PositiveIntegerField(default=0)
    sign_in_requests_purged = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-ran_at"]
