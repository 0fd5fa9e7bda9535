"""The call for proposals, the proposals it receives, their reviews and the partner offer
catalogue."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nec.editions.models import Edition, Organisation


class CallForProposals(models.Model):
    """The appel à propositions of one edition, open between two dates."""

    edition = models.OneToOneField(
        Edition, on_delete=models.CASCADE, related_name="call_for_proposals"
    )
    opens_at = models.DateTimeField(_("ouverture"))
    closes_at = models.DateTimeField(_("clôture"))
    intro = models.TextField(_("présentation"), blank=True)
    guidelines = models.TextField(_("consignes aux proposant·es"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("appel à propositions")
        verbose_name_plural = _("appels à propositions")

    def __str__(self) -> str:
        return f"{_('Appel à propositions')} — {self.edition}"

    def state(self, now=None) -> str:
        """'upcoming', 'open' or 'closed'."""
        now = now or timezone.now()
        if now < self.opens_at:
            return "upcoming"
        if now > self.closes_at:
            return "closed"
        return "open"

    @property
    def is_open(self) -> bool:
        return self.state() == "open"


class Proposal(models.Model):
    """What the call for proposals adds to a proposed session: who proposed it and how."""

    session = models.OneToOneField(
        "programme.Session", on_delete=models.CASCADE, related_name="proposal"
    )
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="proposals")
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    partner_name = models.CharField(_("organisation partenaire"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("déposée le"), default=timezone.now)
    decided_at = models.DateTimeField(_("décision le"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposition")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return str(self.session)


class Review(models.Model):
    """One reviewer's score (1–5) and comment on one proposed session."""

    session = models.ForeignKey(
        "programme.Session", on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    score = models.PositiveSmallIntegerField(
        _("note"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("commentaire"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("évaluation")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "reviewer"], name="review_unique"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="review_score_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} — {self.score}/5"


class PartnerOffer(models.Model):
    """A reusable format a partner organisation offers to every edition ("offre de formats").

    Offers are cross-edition whereas format types are per edition: the format is stored by name."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="offers")
    format_name = models.CharField(_("type de format"), max_length=80)
    title = models.CharField(_("titre"), max_length=250)
    description = models.TextField(_("description"))
    themes = models.CharField(
        _("thèmes"), max_length=300, blank=True, help_text=_("Séparés par des virgules.")
    )
    duration_minutes = models.PositiveSmallIntegerField(_("durée (min)"), null=True, blank=True)
    conditions = models.TextField(
        _("conditions"), blank=True, help_text=_("Public, jauge, matériel, coût éventuel…")
    )
    contact = models.CharField(_("contact"), max_length=200)
    published = models.BooleanField(_("publiée"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("offre de format")
        verbose_name_plural = _("offres de formats")
        ordering = ["organisation__name", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def theme_list(self) -> list[str]:
        return [t.strip() for t in self.themes.split(",") if t.strip()]
