"""Models of the timetabling app: participants' wishes ("ça m'intéresse"), the solver runs
that propose a grid from them, the fair allocation's window and rankings, and the slots a session
cannot take (its speakers' availability)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nec.editions.models import Edition
from nec.programme.models import Session, TimeSlot
from nec.registrations.models import Registration


class Wish(models.Model):
    """A registered participant is interested in a session of the edition (before or after the
    grid is fixed): the demand the solver places sessions for."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="wishes")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="wishes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("souhait")
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="one_wish_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.registration} → {self.session}"


class SolverRun(models.Model):
    """One "Proposer une grille" run: its settings, progress, and the best grid it found."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("en attente")
        RUNNING = "running", _("en cours")
        DONE = "done", _("terminée")
        STOPPED = "stopped", _("arrêtée")
        FAILED = "failed", _("échouée")

    FINISHED = (Status.DONE, Status.STOPPED, Status.FAILED)

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="solver_runs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    time_limit = models.PositiveIntegerField(_("durée maximale (secondes)"), default=60)
    seed = models.PositiveIntegerField(_("graine"), default=1)
    move_placed = models.BooleanField(_("déplacer aussi les sessions déjà placées"), default=True)
    #: format types whose placed sessions stay where they are (plenaries, institutional times)
    keep_formats = models.JSONField(default=list, blank=True)
    reserve_kept_slots = models.BooleanField(
        _("laisser vides les créneaux où les sessions gardées sont seules"), default=True
    )
    stop_requested = models.BooleanField(default=False)
    progress = models.FloatField(default=0.0)
    message = models.TextField(blank=True)
    #: figures of the grid at the start (sessions in place) and of the proposal
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    #: [{"session": pk, "slot": pk, "room": pk}, …]: the proposal
    proposal = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("proposition de grille")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.edition} — {self.created_at:%d/%m %H:%M}"

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def percent(self) -> int:
        return round(100 * self.progress)


class AllocationWindow(models.Model):
    """A fair seat allocation chosen by the edition instead of first-come-first-served for the
    opening of bookings: registered participants rank sessions per slot between `opens_at` and
    `closes_at`; the team closes the window, which allocates the seats (see `allocation`)."""

    class Status(models.TextChoices):
        OPEN = "open", _("classements ouverts")
        CLOSING = "closing", _("attribution en cours")
        ALLOCATED = "allocated", _("places attribuées")

    edition = models.OneToOneField(
        Edition, on_delete=models.CASCADE, related_name="allocation_window"
    )
    opens_at = models.DateTimeField(_("ouverture des classements"))
    closes_at = models.DateTimeField(_("clôture des classements"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    #: the seed of the random order of people (recorded: the allocation can be replayed)
    seed = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    allocated_at = models.DateTimeField(null=True, blank=True)
    #: figures of the allocation (fair vs first-come-first-served), the order, the seats given
    results = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("attribution équitable")

    def __str__(self) -> str:
        return f"{self.edition} — {self.opens_at:%d/%m %H:%M} → {self.closes_at:%d/%m %H:%M}"


class Ranking(models.Model):
    """One choice of a participant during the window: `session` is their `rank`-th choice
    (1 to 3) in its published time slot."""

    window = models.ForeignKey(AllocationWindow, on_delete=models.CASCADE, related_name="rankings")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="rankings"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="rankings")
    slot = models.ForeignKey(TimeSlot, on_delete=models.CASCADE, related_name="rankings")
    rank = models.PositiveSmallIntegerField(_("rang"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("classement")
        ordering = ["slot__start", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="one_ranking_per_session"
            ),
            models.UniqueConstraint(
                fields=["registration", "slot", "rank"], name="one_session_per_rank_and_slot"
            ),
            models.CheckConstraint(
                condition=models.Q(rank__gte=1, rank__lte=3), name="ranking_rank_1_to_3"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} → {self.session} ({self.rank})"


class SessionUnavailability(models.Model):
    """The session cannot take place during `slot` (a speaker is not there): the solver never
    puts it there, and the team sees a warning when the grid does. Entered by the team or by the
    session's speakers (`availability_services`)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="unavailabilities")
    slot = models.ForeignKey(TimeSlot, on_delete=models.CASCADE, related_name="unavailabilities")
    note = models.CharField(_("motif"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("indisponibilité d'une session")
        verbose_name_plural = _("indisponibilités des sessions")
        ordering = ["slot__start", "slot__end", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "slot"], name="one_unavailability_per_session_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} ✗ {self.slot}"
