"""Editions, their figures and sources, organisations, partnerships and per-edition roles."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nec.editions.validators import validate_siret


class Source(models.Model):
    """A document a published figure comes from (a report, the guide ...)."""

    key = models.SlugField(_("clé"), unique=True)
    title = models.CharField(_("titre"), max_length=255)
    kind = models.CharField(_("nature"), max_length=40, blank=True)
    file = models.CharField(_("fichier"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("source")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.title


class Edition(models.Model):
    class Kind(models.TextChoices):
        NATIONAL = "national", _("nationale")
        LOCAL = "local", _("locale")

    class Status(models.TextChoices):
        DRAFT = "draft", _("brouillon")
        PUBLISHED = "published", _("publiée")
        ARCHIVED = "archived", _("archivée")

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.LOCAL)
    year = models.PositiveSmallIntegerField(_("année"))
    number = models.PositiveSmallIntegerField(_("numéro"), null=True, blank=True)
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), unique=True, max_length=80)
    city = models.CharField(_("ville"), max_length=120, blank=True)
    venue = models.CharField(_("lieu"), max_length=200, blank=True)
    # Practical information shown on the edition page, the ticket and the agenda.
    address = models.CharField(_("adresse du lieu"), max_length=300, blank=True)
    opening_hours = models.CharField(_("horaires d'ouverture"), max_length=300, blank=True)
    access_info = models.TextField(_("accès et transports"), max_length=1500, blank=True)
    venue_accessibility = models.TextField(_("accessibilité du lieu"), max_length=1500, blank=True)
    online = models.BooleanField(_("en ligne"), default=False)
    region_code = models.CharField(_("code région"), max_length=3, blank=True)
    departement_code = models.CharField(_("code département"), max_length=3, blank=True)
    start_date = models.DateField(_("date de début"), null=True, blank=True)
    end_date = models.DateField(_("date de fin"), null=True, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    description = models.TextField(_("description"), blank=True)
    description_source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("édition")
        ordering = ["-year", "-start_date", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("La date de fin ne peut pas précéder la date de début.")}
            )
        if self.status == self.Status.PUBLISHED and not self.start_date:
            raise ValidationError(
                {"start_date": _("Une édition publiée doit avoir une date de début.")}
            )

    def get_absolute_url(self) -> str:
        return reverse("editions:detail", kwargs={"slug": self.slug})

    @property
    def is_national(self) -> bool:
        return self.kind == self.Kind.NATIONAL

    @property
    def days(self) -> list:
        if not self.start_date:
            return []
        from datetime import timedelta

        end = self.end_date or self.start_date
        return [self.start_date + timedelta(n) for n in range((end - self.start_date).days + 1)]


class EditionFigure(models.Model):
    """A headline figure of an edition as published in a source document."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="figures")
    key = models.SlugField(_("clé"), max_length=60)
    label = models.CharField(_("libellé"), max_length=200)
    value = models.DecimalField(_("valeur"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unité"), max_length=40, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="figures")
    quote = models.TextField(_("citation"), blank=True)

    class Meta:
        verbose_name = _("chiffre clé")
        verbose_name_plural = _("chiffres clés")
        ordering = ["edition", "key"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "key", "source"], name="figure_unique")
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.display_value}"

    @property
    def display_value(self) -> str:
        value = self.value
        text = f"{value:.0f}" if value == value.to_integral_value() else f"{value:.1f}"
        return text.replace(".", ",")


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COLLECTIVITE = "collectivite", _("collectivité")
        ETAT = "etat", _("État / agence")
        OPERATEUR = "operateur", _("opérateur")
        ASSOCIATION = "association", _("association")
        ENTREPRISE = "entreprise", _("entreprise")
        ESS = "ess", _("coopérative / ESS")
        RECHERCHE = "recherche", _("recherche")
        TIERS_LIEU = "tiers_lieu", _("tiers-lieu")
        AUTRE = "autre", _("autre")

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), unique=True, max_length=120)
    kind = models.CharField(_("nature"), max_length=20, choices=Kind.choices, default=Kind.AUTRE)
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        blank=True,
        validators=[validate_siret],
        help_text=_("14 chiffres, facultatif."),
    )
    website = models.URLField(_("site web"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    logo_alt = models.CharField(_("texte alternatif du logo"), max_length=200, blank=True)
    description = models.TextField(_("présentation"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.logo and not self.logo_alt:
            raise ValidationError({"logo_alt": _("Décrivez le logo pour les lecteurs d'écran.")})


class Partnership(models.Model):
    class Role(models.TextChoices):
        PORTEUR = "porteur", _("porteur")
        SOUTIEN = "soutien", _("soutien")
        COOPERATEUR = "cooperateur", _("coopérateur / contributeur")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="partnerships"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("partenariat")
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "organisation"], name="one_partnership_per_edition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()}) — {self.edition}"


class Membership(models.Model):
    """A person's role on one edition. The national team needs none: it has every right."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("organisateur·rice")
        PARTNER = "partner", _("partenaire")
        SPEAKER = "speaker", _("intervenant·e")
        REVIEWER = "reviewer", _("relecteur·rice")
        STAFF = "staff", _("équipe d'accueil")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rôle sur une édition")
        verbose_name_plural = _("rôles sur les éditions")
        constraints = [
            models.UniqueConstraint(fields=["user", "edition", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.edition}"
