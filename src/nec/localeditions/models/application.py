"""Applications to organise a NEC local: what a project holder submits from the public form
(for whom, why, where, when, how, partners, support), confirmed by a link e-mailed to them."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from nec.editions.models import Edition
from nec.editions.regions import REGIONS
from nec.editions.validators import validate_siret


class RefusalReason(models.TextChoices):
    """Grounds for refusing a project: the guide refuses a project "si celui-ci ne respecte pas le
    cahier des charges attendu"; the seeds do not list that cahier des charges, so these are the
    rules the guide and the charter state."""

    TIMING = "timing", _("Moins de 3 mois avant l'évènement")
    NOT_FREE = "not_free", _("L'évènement n'est pas gratuit pour le public")
    CHARTER = "charter", _("Le projet ne respecte pas la charte NEC")
    SCOPE = "scope", _("Le projet ne porte pas sur un numérique d'intérêt général")
    OVERLAP = "overlap", _("Un NEC local est déjà prévu à proximité à une date proche")
    OTHER = "other", _("Autre motif (précisé ci-dessous)")


class Application(models.Model):
    """An application submitted from `/nec-locaux/candidater/`. It stays invisible to the national
    team until its author opens the e-mailed link (`confirmed_at`)."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Déposée")
        INFORMATION_REQUESTED = "information_requested", _("Renseignements demandés")
        INTERVIEW_PROPOSED = "interview_proposed", _("Entretien proposé")
        ACCEPTED = "accepted", _("Acceptée")
        REFUSED = "refused", _("Refusée")

    class Access(models.TextChoices):
        YES = "yes", _("Oui")
        NO = "no", _("Non")
        UNKNOWN = "unknown", _("Je ne sais pas encore")

    class Registration(models.TextChoices):
        FREE = "free", _("Entrée libre, sans inscription")
        REGISTRATION = "registration", _("Inscription libre en ligne")
        INVITATION = "invitation", _("Sur invitation et inscription")

    organisation_name = models.CharField(_("structure porteuse"), max_length=200)
    siret = models.CharField(_("SIRET"), max_length=17, blank=True, validators=[validate_siret])
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    email = models.EmailField(_("adresse e-mail"))
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    audience = models.TextField(_("public visé"), max_length=3000)
    expected_size = models.PositiveIntegerField(
        _("nombre de personnes attendues"), validators=[MinValueValidator(1)]
    )
    objectives = models.TextField(_("objectifs"), max_length=3000)
    commune = models.CharField(_("commune"), max_length=150)
    department_code = models.CharField(_("département"), max_length=3)
    region_code = models.CharField(_("région"), max_length=2, choices=sorted(REGIONS.items()))
    venue = models.CharField(_("lieu"), max_length=200)
    step_free_access = models.CharField(
        _("accès de plain-pied"), max_length=10, choices=Access.choices
    )
    event_date = models.DateField(_("date de l'évènement"))
    formats = models.TextField(_("formats prévus"), max_length=3000)
    free_entry = models.BooleanField(_("entrée gratuite"), default=False)
    registration_mode = models.CharField(
        _("mode d'inscription"), max_length=20, choices=Registration.choices
    )
    partners = models.TextField(_("partenaires"), max_length=3000, blank=True)
    support_requested = models.BooleanField(_("accompagnement demandé"), default=False)
    grant_requested = models.PositiveIntegerField(
        _("subvention demandée (€)"), null=True, blank=True
    )
    budget = models.TextField(_("budget prévisionnel"), max_length=3000, blank=True)
    charter_accepted = models.BooleanField(_("charte acceptée"), default=False)
    state = models.CharField(
        _("état"), max_length=30, choices=State.choices, default=State.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("déposée le"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    # --- instruction by the national team
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="local_applications",
        verbose_name=_("porteur (compte)"),
    )
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resubmissions",
        verbose_name=_("candidature précédente"),
    )
    state_changed_at = models.DateTimeField(_("état changé le"), null=True, blank=True)
    internal_note = models.TextField(_("note interne"), max_length=5000, blank=True)
    information_due = models.DateField(_("renseignements attendus pour le"), null=True, blank=True)
    interview_at = models.DateTimeField(_("entretien le"), null=True, blank=True)
    interview_place = models.CharField(_("lieu ou lien de visio"), max_length=300, blank=True)
    decided_grant = models.PositiveIntegerField(_("subvention accordée (€)"), null=True, blank=True)
    grant_override_reason = models.TextField(
        _("motif du montant hors fourchette"), max_length=2000, blank=True
    )
    refusal_reason = models.CharField(
        _("motif du refus"), max_length=30, choices=RefusalReason.choices, blank=True
    )
    refusal_details = models.TextField(_("précisions sur le refus"), max_length=3000, blank=True)
    edition = models.OneToOneField(
        Edition,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
        verbose_name=_("édition locale créée"),
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("candidature NEC local")
        verbose_name_plural = _("candidatures NEC local")

    def __str__(self) -> str:
        return f"{self.organisation_name} ({self.commune})"

    @property
    def is_open(self) -> bool:
        """Still being instructed: neither accepted nor refused."""
        return self.state not in (self.State.ACCEPTED, self.State.REFUSED)

    @property
    def region_name(self) -> str:
        return REGIONS.get(self.region_code, "")
