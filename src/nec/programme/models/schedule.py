"""The published versions of an edition's timetable."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nec.editions.models import Edition


class ScheduleVersion(models.Model):
    """A published state of the timetable: numbered per edition, with what moved since the
    previous version (`changelog`) and the placement of every published session (`snapshot`)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="schedule_versions")
    number = models.PositiveIntegerField(_("numéro"))
    published_at = models.DateTimeField(_("publiée le"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changelog = models.JSONField(_("changements"), default=dict, blank=True)
    snapshot = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("version publiée du programme")
        verbose_name_plural = _("versions publiées du programme")
        ordering = ["edition", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="schedule_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.edition} — v{self.number}"

    @property
    def change_count(self) -> int:
        return sum(len(self.changelog.get(key, [])) for key in ("added", "moved", "removed"))
