"""The audit log (who did what, when, on which edition) and the actions waiting for the click on
an e-mailed link (`PendingAction`, handled by `nec.core.signed_links`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One state change: who did what to which object, when. Written by services only."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
        verbose_name=_("auteur·rice"),
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("type d'objet"), max_length=80, blank=True)
    object_id = models.CharField(_("identifiant de l'objet"), max_length=64, blank=True)
    object_repr = models.CharField(_("objet"), max_length=255, blank=True)
    edition = models.ForeignKey(
        "editions.Edition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
        verbose_name=_("édition"),
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)
    details = models.JSONField(_("détails"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("entrée du journal")
        verbose_name_plural = _("journal d'audit")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class PendingAction(models.Model):
    """Something an anonymous visitor asked for on behalf of an e-mail address (a proposal, a
    new registration over a cancelled one): nothing is applied until the link e-mailed to that
    address is used, once. Written and read only through `nec.core.signed_links`."""

    kind = models.CharField(max_length=60)
    email = models.EmailField()
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("action en attente de confirmation")
        verbose_name_plural = _("actions en attente de confirmation")

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}"
