"""The frame of an edition's programme: format types, themes, tracks ("parcours"), rooms and time
slots ("créneaux")."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nec.editions.models import Edition


class FormatType(models.Model):
    """A kind of session (masterclass, atelier, retex ...), per edition."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="format_types")
    name = models.CharField(_("nom"), max_length=80)
    slug = models.SlugField(_("identifiant"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    default_duration_minutes = models.PositiveSmallIntegerField(
        _("durée par défaut (min)"), default=60
    )
    participatory = models.BooleanField(_("participatif"), default=False)
    public = models.BooleanField(
        _("public"), default=True, help_text=_("Décocher pour un temps privé.")
    )

    class Meta:
        verbose_name = _("type de format")
        verbose_name_plural = _("types de formats")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="formattype_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("nom"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("thème")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Track(models.Model):
    """A "parcours" through the programme."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(_("nom"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("parcours")
        verbose_name_plural = _("parcours")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Room(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("nom"), max_length=120)
    capacity = models.PositiveIntegerField(_("jauge"))
    step_free = models.BooleanField(_("accès de plain-pied"), default=True)
    notes = models.TextField(_("remarques"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    available_from = models.DateTimeField(
        _("disponible à partir de"),
        null=True,
        blank=True,
        help_text=_("Laisser vide si la salle est disponible dès le début de l'édition."),
    )
    available_until = models.DateTimeField(
        _("disponible jusqu'à"),
        null=True,
        blank=True,
        help_text=_("Laisser vide si la salle est disponible jusqu'à la fin de l'édition."),
    )

    class Meta:
        verbose_name = _("salle")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def is_available(self, start, end) -> bool:
        """True if the room may be used from `start` to `end`."""
        if self.available_from and start < self.available_from:
            return False
        return not (self.available_until and end > self.available_until)


class TimeSlot(models.Model):
    """A créneau: sessions placed in the same slot run in parallel."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="slots")
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    label = models.CharField(_("libellé"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("créneau")
        ordering = ["start", "end"]

    def __str__(self) -> str:
        from django.utils import timezone

        start = timezone.localtime(self.start)
        end = timezone.localtime(self.end)
        return self.label or f"{start:%d/%m %H:%M}–{end:%H:%M}"
