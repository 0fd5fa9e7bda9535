"""Pages of the surveys app: a person's answers through their personal link (no sign-in), and
the team's survey page (settings, sending, reminder, live response rate, anonymous figures)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.core.signed_links import LinkError
from nec.editions.scoping import edition_view
from nec.registrations.questionnaire_fields import choice_label
from nec.surveys import links, selectors, services
from nec.surveys.forms import AnswerForm, SettingsForm
from nec.surveys.models import Response


def _response_or_404(token: str) -> Response:
    try:
        response_id, survey_id = links.read(token)
    except LinkError as error:
        raise Http404 from error
    response = (
        Response.objects.select_related("survey__edition", "registration")
        .filter(pk=response_id, survey_id=survey_id)
        .first()
    )
    if response is None:
        raise Http404
    return response


def answer(request, token):
    response = _response_or_404(token)
    survey = response.survey
    questions = list(survey.questions.all())
    stored = dict(response.answers.values_list("question__key", "value"))
    sessions = list(services.feedback_sessions(response.registration))
    feedback = {f.session_id: (f.rating, f.comment) for f in response.session_feedback.all()}
    context = {"edition": survey.edition, "survey": survey, "response": response}
    if not services.is_open(survey):
        by_key = {q.key: q for q in questions}
        context["read_only"] = [
            (by_key[key].label, choice_label(by_key[key], value))
            for key, value in stored.items()
            if key in by_key
        ]
        context["read_only_sessions"] = [
            (s.title, *feedback[s.pk]) for s in sessions if s.pk in feedback
        ]
        return render(request, "surveys/closed.html", context)
    form = AnswerForm(
        request.POST or None,
        questions=questions,
        answers=stored,
        sessions=sessions,
        feedback=feedback,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_response(response, form.stored_answers(), form.feedback())
        except services.SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Merci ! Vos réponses sont enregistrées ; vous pouvez les modifier jusqu'à la "
                    "clôture de l'enquête."
                ),
            )
            return redirect(request.path)
    context["form"] = form
    return render(request, "surveys/answer.html", context, status=400 if form.errors else 200)


@edition_view("surveys.manage")
def team(request):
    survey = services.get_survey(request.edition)
    form = SettingsForm(request.POST or None, instance=survey)
    if request.method == "POST":
        if form.is_valid():
            services.update_settings(
                survey,
                audience=form.cleaned_data["audience"],
                closes_at=form.cleaned_data["closes_at"],
                automatic=form.cleaned_data["automatic"],
                actor=request.user,
            )
            messages.success(request, _("Réglages de l'enquête enregistrés."))
            return redirect(request.path)
        messages.error(request, _("Le formulaire contient des erreurs."))
    return render(
        request,
        "surveys/orga/survey.html",
        {
            "edition": request.edition,
            "survey": survey,
            "form": form,
            "is_open": services.is_open(survey),
            "closed": survey.closes_at is not None and survey.closes_at <= timezone.now(),
            "rate": selectors.response_rate(survey),
            "figures": selectors.question_figures(survey),
            "sessions": selectors.best_sessions(survey),
            "recipients": services.recipients(survey).count(),
            "automatic_on": services.automatic_date(survey),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@edition_view("surveys.manage")
def team_send(request):
    survey = services.get_survey(request.edition)
    try:
        added = services.send(survey, actor=request.user)
    except services.SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Enquête envoyée à %(n)s personne(s).") % {"n": added})
    return redirect("surveys:team", edition=request.edition.slug)


@require_POST
@edition_view("surveys.manage")
def team_remind(request):
    survey = services.get_survey(request.edition)
    try:
        services.remind(survey, actor=request.user)
    except services.SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Relance envoyée aux personnes qui n'ont pas répondu."))
    return redirect("surveys:team", edition=request.edition.slug)
