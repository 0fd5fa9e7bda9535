from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nec.editions.models import Edition, Organisation


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

    @property
    def capacity(self) -> int | None:
        """Seats: the session's own override, else its room's capacity; None if unknown."""
        if self.capacity_override is not None:
            return self.capacity_override
        return self.room.capacity if self.room_id else None

    @property
    def is_placed(self) -> bool:
        return bool(self.slot_id and self.room_id)


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


from nec.programme.models_cfp import *  # noqa: E402,F401,F403
