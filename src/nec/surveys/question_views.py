"""The team's editor of the survey's questions: the registration questionnaire's editor (its
question form, table and pages) on the survey of the edition, with the survey's rules on
questions that have answers (`question_rules`), and restoring the default questions."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.editions.scoping import edition_view
from nec.surveys import services
from nec.surveys.forms import SurveyQuestionForm
from nec.surveys.models import SurveyQuestion
from nec.surveys.question_rules import BILAN_QUESTIONS


def _question_or_404(request, pk) -> SurveyQuestion:
    return get_object_or_404(
        SurveyQuestion.objects.select_related("survey"), pk=pk, survey__edition=request.edition
    )


def _back(request):
    return redirect("surveys:team_questions", edition=request.edition.slug)


@edition_view("surveys.manage")
def questions(request):
    survey = services.get_survey(request.edition)
    rows = list(survey.questions.annotate(answer_count=Count("answers")))
    for question in rows:
        if question.key in BILAN_QUESTIONS:
            question.badge = _("lue par le bilan")
    return render(
        request,
        "surveys/orga/questions.html",
        {
            "edition": request.edition,
            "survey": survey,
            "questions": rows,
            "answered": any(question.answer_count for question in rows),
            "is_open": services.is_open(survey),
        },
    )


@require_POST
@edition_view("surveys.manage")
def restore(request):
    survey = services.get_survey(request.edition)
    try:
        services.restore_defaults(survey, actor=request.user)
    except services.SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Les questions par défaut sont rétablies."))
    return _back(request)


@edition_view("surveys.manage")
def question(request, pk=None):
    survey = services.get_survey(request.edition)
    instance = _question_or_404(request, pk) if pk else SurveyQuestion(survey=survey)
    form = SurveyQuestionForm(request.POST or None, instance=instance, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_question(survey, form.instance, actor=request.user)
        except services.SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("La question de l'enquête est enregistrée."))
            return _back(request)
    return render(
        request,
        "surveys/orga/question_form.html",
        {"edition": request.edition, "form": form, "question": instance if pk else None},
        status=400 if form.errors else 200,
    )


@edition_view("surveys.manage")
def question_delete(request, pk):
    instance = _question_or_404(request, pk)
    answers = instance.answers.count()
    if request.method == "POST":
        try:
            services.delete_question(instance, actor=request.user)
        except services.SurveyError as error:
            messages.error(request, str(error))
            answers = instance.answers.count()
        else:
            messages.success(request, _("La question est supprimée de l'enquête."))
            return _back(request)
    return render(
        request,
        "surveys/orga/question_delete.html",
        {
            "edition": request.edition,
            "question": instance,
            "answers": answers,
            "in_bilan": instance.key in BILAN_QUESTIONS,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@edition_view("surveys.manage")
def question_move(request, pk):
    direction = -1 if request.POST.get("direction") == "up" else 1
    services.move_question(_question_or_404(request, pk), direction, actor=request.user)
    return _back(request)
