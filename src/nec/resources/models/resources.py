"""A resource of the library: what it is, who made it, under which licence, where it comes from,
and its moderation status. Only services change it (`nec.resources.services`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nec.editions.models import Edition
from nec.programme.models import Session


class Licence(models.TextChoices):
    """Creative Commons licences a resource may carry (the charter's default first)."""

    CC_BY_SA = "CC-BY-SA-4.0-FR", "CC BY-SA 4.0 FR"
    CC_BY = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_NC_SA = "CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0"
    CC_BY_ND = "CC-BY-ND-4.0", "CC BY-ND 4.0"
    CC0 = "CC0-1.0", "CC0 1.0"


LICENCE_URLS = {
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/deed.fr",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/deed.fr",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/deed.fr",
}


class ResourceTheme(models.Model):
    """A theme of the library (shared by every edition, unlike the programme's themes)."""

    name = models.CharField(_("nom"), max_length=120)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("thème de ressource")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Resource(models.Model):
    class Kind(models.TextChoices):
        VIDEO = "video", _("vidéo")
        PODCAST = "podcast", _("podcast")
        DOCUMENTATION = "documentation", _("fiche de documentation")
        PHOTOS = "photos", _("album photo")
        SLIDES = "slides", _("présentation (PDF)")
        SYNTHESIS = "synthesis", _("synthèse")
        LINK = "link", _("lien")

    class Status(models.TextChoices):
        DRAFT = "draft", _("brouillon")
        SUBMITTED = "submitted", _("soumise")
        CHANGES = "changes", _("modifications demandées")
        PUBLISHED = "published", _("publiée")
        REFUSED = "refused", _("refusée")

    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=250)
    summary = models.TextField(_("résumé"), max_length=2000)
    body = models.TextField(_("texte"), blank=True)
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY_SA
    )
    edition = models.ForeignKey(
        Edition,
        on_delete=models.PROTECT,
        related_name="resources",
        verbose_name=_("édition"),
    )
    session = models.ForeignKey(
        Session,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
        verbose_name=_("session"),
    )
    themes = models.ManyToManyField(
        ResourceTheme, blank=True, related_name="resources", verbose_name=_("thèmes")
    )
    date = models.DateField(_("date"))
    language = models.CharField(
        _("langue"), max_length=8, default="fr", choices=[("fr", "français"), ("en", "English")]
    )
    url = models.URLField(_("adresse (vidéo, podcast, lien)"), blank=True, max_length=500)
    url_is_example = models.BooleanField(_("adresse d'exemple"), default=False)
    document = models.FileField(_("fichier PDF"), upload_to="resources/pdf/", blank=True)
    # parts of a local edition's documentation sheet ("a minima": description/bilan and
    # attendance, feedback on one or more formats, photos)
    attendance = models.PositiveIntegerField(_("fréquentation"), null=True, blank=True)
    format_feedback = models.TextField(_("retour sur un ou plusieurs formats"), blank=True)

    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    moderation_note = models.TextField(_("message de la modération"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_resources",
    )
    #: lower-case, accent-free text of the title, summary, body and authors (search both ways)
    search_text = models.TextField(editable=False, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ressource")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["status", "-date"], name="resource_status_date"),
            models.Index(fields=["edition", "kind", "status"], name="resource_edition_kind"),
            # the API's Last-Modified (the newest public change) read from the index's end
            models.Index(fields=["updated_at"], name="resource_updated"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resources:detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")


class ResourceAuthor(models.Model):
    """An author of a resource and their role (intervenante, réalisation, photographie …)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("nom"), max_length=200)
    role = models.CharField(_("rôle"), max_length=80, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


class ResourceImage(models.Model):
    """A photo of a resource, re-encoded and stripped of metadata, with its thumbnail."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to="resources/images/")
    thumbnail = models.ImageField(upload_to="resources/thumbs/")
    alt = models.CharField(_("texte alternatif"), max_length=250)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.alt
