"""Models of the reports app: an edition's report (team comment, publication), the figures the
team types in (communication, streams, with their source) and the team's overrides of computed
figures, each with its mandatory reason. The figures themselves are computed, never stored."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nec.editions.models import Edition


class Report(models.Model):
    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="report")
    comment = models.TextField(_("commentaire de l'équipe"), blank=True, max_length=5000)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: shown at the top of every view of the report, e.g. that its individual data is simulated
    notice = models.TextField(_("avertissement"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bilan")

    def __str__(self) -> str:
        return f"{_('Bilan')} — {self.edition}"


class TypedFigure(models.Model):
    """A figure the platform cannot compute (mailing, social networks, live streams)."""

    class Topic(models.TextChoices):
        MAILING = "mailing", _("e-mailing")
        SOCIAL = "social", _("réseaux sociaux")
        STREAM = "stream", _("retransmission en direct")
        OTHER = "other", _("autre")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="typed_figures")
    topic = models.CharField(_("sujet"), max_length=10, choices=Topic.choices)
    label = models.CharField(_("libellé"), max_length=200)
    value = models.DecimalField(_("valeur"), max_digits=12, decimal_places=1)
    unit = models.CharField(_("unité"), max_length=20, blank=True)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("chiffre saisi")
        ordering = ["topic", "id"]


class Override(models.Model):
    """The team's correction of one computed figure, shown as such with its reason."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="overrides")
    key = models.SlugField(_("chiffre"), max_length=60)
    value = models.CharField(_("valeur retenue"), max_length=60)
    reason = models.TextField(_("raison"), max_length=1000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("correction")
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="one_override_per_figure"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="override_has_reason"),
        ]
