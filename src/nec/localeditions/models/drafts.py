"""Drafts of applications and attached files. A draft keeps what a visitor typed in the public
form, unchecked but their e-mail address, until they resume it from the e-mailed link; files
(PDF, PNG, JPEG) belong to a draft, then to the application submitted from it. Files are served
only through a view checking who asks, never from a public address."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nec.core.storage import private_storage
from nec.localeditions.models.application import Application


class ApplicationDraft(models.Model):
    """What a visitor saved with « Enregistrer le brouillon »: the raw values of the form's
    fields (`data`), resumed from a signed link e-mailed to `email`; deleted once submitted."""

    email = models.EmailField(_("adresse e-mail"))
    data = models.JSONField(_("champs saisis"), default=dict, blank=True)
    previous = models.ForeignKey(
        Application,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="drafts",
        verbose_name=_("candidature précédente"),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("enregistré le"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("brouillon de candidature NEC local")
        verbose_name_plural = _("brouillons de candidature NEC local")

    def __str__(self) -> str:
        commune = self.data.get("commune") if isinstance(self.data, dict) else ""
        return f"{self.email} ({commune or '—'})"


class ApplicationAttachment(models.Model):
    """A file joined to a draft or to an application (exactly one of them)."""

    application = models.ForeignKey(
        Application,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("candidature"),
    )
    draft = models.ForeignKey(
        ApplicationDraft,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("brouillon"),
    )
    file = models.FileField(
        _("fichier"), upload_to="localeditions/attachments/%Y/", storage=private_storage
    )
    original_name = models.CharField(_("nom du fichier"), max_length=255)
    size = models.PositiveIntegerField(_("taille (octets)"))
    content_type = models.CharField(_("type"), max_length=50)
    uploaded_at = models.DateTimeField(_("déposé le"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(application__isnull=True, draft__isnull=False)
                | models.Q(application__isnull=False, draft__isnull=True),
                name="attachment_of_draft_or_application",
            )
        ]
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")

    def __str__(self) -> str:
        return self.original_name
