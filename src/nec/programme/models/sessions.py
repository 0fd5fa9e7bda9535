"""Sessions of the programme and their speakers (profiles and who speaks in which session)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nec.editions.models import Edition, Organisation
from nec.programme.models.setup import FormatType, Room, Theme, TimeSlot, Track


class Speaker(models.Model):
    """A speaker's profile. Gender is self-declared, optional, used only for parity figures."""

    class Gender(models.TextChoices):
        FEMME = "femme", _("femme")
        HOMME = "homme", _("homme")
        NON_BINAIRE = "non_binaire", _("non-binaire")
        NO_ANSWER = "no_answer", _("ne souhaite pas répondre")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="speakers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speaker_profiles",
    )
    email = models.EmailField(_("adresse e-mail"), blank=True)
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(max_length=120)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    job_title = models.CharField(_("fonction"), max_length=200, blank=True)
    bio = models.TextField(_("biographie courte"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="speakers/", blank=True)
    photo_alt = models.CharField(_("texte alternatif de la photo"), max_length=200, blank=True)
    links = models.JSONField(_("liens"), default=list, blank=True)
    public_consent = models.BooleanField(_("accepte d'être présenté·e publiquement"), default=False)
    gender = models.CharField(
        _("genre (auto-déclaré, facultatif)"), max_length=12, choices=Gender.choices, blank=True
    )

    class Meta:
        verbose_name = _("intervenant·e")
        verbose_name_plural = _("intervenant·es")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="speaker_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    """One occurrence of a format in the programme."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposée")
        ACCEPTED = "accepted", _("acceptée")
        DECLINED = "declined", _("refusée")
        SCHEDULED = "scheduled", _("placée")
        PUBLISHED = "published", _("publiée")
        CANCELLED = "cancelled", _("annulée")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("titre"), max_length=250)
    summary = models.TextField(_("résumé"), blank=True)
    description = models.TextField(_("description"), blank=True)
    format_type = models.ForeignKey(
        FormatType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("type de format"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="sessions", verbose_name=_("thèmes")
    )
    track = models.ForeignKey(
        Track,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        verbose_name=_("parcours"),
    )
    room = models.ForeignKey(
        Room,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        verbose_name=_("salle"),
    )
    slot = models.ForeignKey(
        TimeSlot,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        verbose_name=_("créneau"),
    )
    #: the placement of the last published version of the schedule: what the public pages,
    #: the exports and the bookings show; `slot` and `room` above are the grid's draft, copied
    #: here by `nec.programme.services.schedule.publish_schedule`
    published_room = models.ForeignKey(
        Room,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_sessions",
        verbose_name=_("salle publiée"),
    )
    published_slot = models.ForeignKey(
        TimeSlot,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_sessions",
        verbose_name=_("créneau publié"),
    )
    capacity_override = models.PositiveIntegerField(_("jauge spécifique"), null=True, blank=True)
    language = models.CharField(_("langue"), max_length=8, default="fr")
    status = models.CharField(
        _("statut"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    needs_step_free = models.BooleanField(_("nécessite un accès de plain-pied"), default=False)
    material_needs = models.TextField(_("besoins matériels"), blank=True)
    partners = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="co_designed_sessions",
        verbose_name=_("partenaires co-concepteurs"),
    )
    speakers = models.ManyToManyField(Speaker, through="SessionSpeaker", related_name="sessions")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    #: statuses of the sessions that make the programme (in the grid or waiting for a place)
    ACTIVE_STATUSES = (Status.ACCEPTED, Status.SCHEDULED, Status.PUBLISHED)
    #: statuses of the sessions placed in the grid
    PLACED_STATUSES = (Status.SCHEDULED, Status.PUBLISHED)

    class Meta:
        verbose_name = _("session")
        ordering = ["slot__start", "room__position", "title"]
        indexes = [models.Index(fields=["edition", "status"], name="session_edition_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:session", kwargs={"edition": self.edition.slug, "pk": self.pk})

    def capacity_in(self, room: Room | None) -> int | None:
        """Seats of this session in `room`: its own override, else the room's capacity; None
        if unknown."""
        if self.capacity_override is not None:
            return self.capacity_override
        return room.capacity if room is not None else None

    @property
    def capacity(self) -> int | None:
        """Seats people can book: in the PUBLISHED room (people booked what was published); a
        move in the grid changes them only when it is published."""
        return self.capacity_in(self.published_room if self.published_room_id else None)

    @property
    def draft_capacity(self) -> int | None:
        """Seats in the grid's (draft) room."""
        return self.capacity_in(self.room if self.room_id else None)

    @property
    def is_placed(self) -> bool:
        return bool(self.slot_id and self.room_id)

    @property
    def is_publicly_placed(self) -> bool:
        return bool(self.published_slot_id and self.published_room_id)


class SessionSpeaker(models.Model):
    class Role(models.TextChoices):
        SPEAKER = "speaker", _("intervenant·e")
        HOST = "host", _("animateur·rice")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speaker_roles")
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="session_roles")
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices, default=Role.SPEAKER)
    confirmed = models.BooleanField(_("confirmé"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "speaker"], name="sessionspeaker_unique")
        ]
