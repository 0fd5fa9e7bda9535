"""Following a local edition once accepted: its retro-planning milestones (generated from the
event date, editable, with owners) and its follow-up committees ("comités de suivi")."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nec.editions.models import Edition


class Milestone(models.Model):
    """A step of the retro-planning, due on a date; overdue while not done after it."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("étape"), max_length=200)
    due_date = models.DateField(_("échéance"))
    owner = models.CharField(_("responsable"), max_length=120, blank=True)
    done_on = models.DateField(_("faite le"), null=True, blank=True)
    reminded_on = models.DateField(_("rappel envoyé le"), null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("étape du rétroplanning")

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today) -> bool:
        return self.done_on is None and self.due_date < today


class Committee(models.Model):
    """A follow-up committee, held "selon les besoins propres à chaque projet"."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="committees")
    held_on = models.DateField(_("date"))
    participants = models.TextField(_("participants"), max_length=2000)
    minutes = models.TextField(_("compte rendu"), max_length=10000, blank=True)

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("comité de suivi")

    def __str__(self) -> str:
        return f"{self.held_on}"
