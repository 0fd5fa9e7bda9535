"""Models of the surveys app: an edition's evaluation survey, its questions (the same shape as
the registration questionnaire's, so that its form fields come from the same engine), the
invitations and answers, and per-session feedback. Thin: changes go through the services."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nec.editions.models import Edition
from nec.programme.models import Session
from nec.registrations.models import Question, Registration


class Survey(models.Model):
    """The evaluation survey of one edition, sent after the event."""

    class Audience(models.TextChoices):
        CHECKED_IN = "checked_in", _("les personnes venues (présence constatée)")
        REGISTERED = "registered", _("toutes les personnes inscrites")

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="survey")
    audience = models.CharField(
        _("destinataires"), max_length=12, choices=Audience.choices, default=Audience.CHECKED_IN
    )
    closes_at = models.DateTimeField(_("clôture de l'enquête"), null=True, blank=True)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("relance envoyée le"), null=True, blank=True)
    #: sent by the daily job the day after the event, then reminded a week later
    automatic = models.BooleanField(
        _("envoi automatique"),
        default=True,
        help_text=_(
            "Envoyer l'enquête le lendemain de la fin de l'édition, puis relancer une fois, "
            "une semaine plus tard, les personnes qui n'ont pas répondu."
        ),
    )

    class Meta:
        verbose_name = _("enquête d'évaluation")
        verbose_name_plural = _("enquêtes d'évaluation")

    def __str__(self) -> str:
        return f"{_('Enquête')} — {self.edition}"


class SurveyQuestion(models.Model):
    """A question of a survey. Same fields as `registrations.Question` (key, label, kind,
    choices, required, condition), so `registrations.questionnaire_fields` builds its form."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("clé"), max_length=60)
    label = models.CharField(_("intitulé"), max_length=255)
    help_text = models.CharField(_("aide"), max_length=255, blank=True)
    kind = models.CharField(_("type"), max_length=12, choices=Question.Kind.choices)
    choices = models.JSONField(_("choix"), default=list, blank=True)
    required = models.BooleanField(_("obligatoire"), default=False)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    condition = models.JSONField(_("condition d'affichage"), default=dict, blank=True)

    class Meta:
        verbose_name = _("question d'enquête")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="survey_question_unique_key")
        ]

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    """One invited person's answers: created when the survey is sent (submitted_at empty), filled
    through the personal link. The team never sees which answers are whose."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="survey_responses"
    )
    invited_at = models.DateTimeField(_("invitée le"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("relancée le"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("répondu le"), null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("réponse à l'enquête")
        constraints = [
            models.UniqueConstraint(fields=["survey", "registration"], name="one_response")
        ]


class ResponseAnswer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_survey_answer")
        ]
        # covering index: the figures count answers per (question, value) from the index alone
        indexes = [
            models.Index(fields=["question", "value", "response"], name="survey_answer_counts")
        ]


class SessionFeedback(models.Model):
    """A rating (1 to 5) and a comment on one session the person booked or attended."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="session_feedback"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(_("note"), null=True, blank=True)
    comment = models.TextField(_("commentaire"), blank=True, max_length=1000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "session"], name="one_feedback"),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="feedback_rating_1_5",
            ),
        ]
