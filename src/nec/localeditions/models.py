"""Applications to organise a NEC local: what a project holder submits from the public form
(for whom, why, where, when, how, partners, support), confirmed by a link e-mailed to them."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from nec.editions.regions import REGIONS
from nec.editions.validators import validate_siret


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

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("candidature NEC local")
        verbose_name_plural = _("candidatures NEC local")

    def __str__(self) -> str:
        return f"{self.organisation_name} ({self.commune})"

    @property
    def region_name(self) -> str:
        return REGIONS.get(self.region_code, "")
