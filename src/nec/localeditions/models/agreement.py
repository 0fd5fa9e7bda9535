"""The grant agreement ("convention de subvention") sent after an application is accepted with a
grant: versioned, drafted → sent → signed, its signed copy uploaded back, its payment recorded."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nec.core.storage import private_storage
from nec.editions.models import Edition


class Agreement(models.Model):
    class State(models.TextChoices):
        DRAFTED = "drafted", _("Rédigée")
        SENT = "sent", _("Envoyée")
        SIGNED = "signed", _("Signée")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="agreements")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    state = models.CharField(_("état"), max_length=10, choices=State.choices, default="drafted")
    amount = models.PositiveIntegerField(_("montant (€)"))
    override_reason = models.TextField(_("motif du montant hors fourchette"), blank=True)
    beneficiary = models.CharField(_("bénéficiaire"), max_length=200)
    purpose = models.TextField(_("objet"), max_length=5000)
    obligations = models.TextField(_("engagements du bénéficiaire"), max_length=10000)
    documentation_due = models.DateField(_("documentation attendue pour le"))
    signed_copy = models.FileField(
        _("exemplaire signé (PDF)"), upload_to="conventions/", blank=True, storage=private_storage
    )
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signée le"), null=True, blank=True)
    paid_on = models.DateField(_("versée le"), null=True, blank=True)
    paid_amount = models.PositiveIntegerField(_("montant versé (€)"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "version"], name="one_agreement_version")
        ]
        verbose_name = _("convention de subvention")

    def __str__(self) -> str:
        return f"{self.edition} v{self.version}"
