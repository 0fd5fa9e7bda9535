"""Views of the fair seat allocation: the participant's ranking page (signed-in, registered:
their own rankings only, never anybody else's) and the team's page (window dates, how many
ranked, closing which allocates, satisfaction compared with first-come-first-served). Team pages
go through `edition_view` with the app's action."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.core.forms import apply_errors
from nec.core.ids import parse_id
from nec.editions.scoping import edition_view
from nec.editions.selectors import public_edition_or_404
from nec.registrations.access import login_required_back_to
from nec.registrations.models import Booking
from nec.registrations.selectors import SEAT_HOLDING, registration_for
from nec.timetabling import allocation_services as services
from nec.timetabling.allocation_run import run_allocation
from nec.timetabling.forms import WindowForm

RANK_FIELD = "rang-"


def _here(request, edition: str) -> str:
    return request.path


def _parse_ranks(post) -> dict[int, int]:
    """{session pk: rank} from the `rang-<pk>` selects (an empty select ranks nothing)."""
    ranks = {}
    for name, value in post.items():
        if not name.startswith(RANK_FIELD) or not value:
            continue
        pk, rank = parse_id(name[len(RANK_FIELD) :]), parse_id(value)
        if pk is None or rank is None:
            raise ValidationError(_("Choisissez un rang parmi 1er, 2e et 3e choix."))
        ranks[pk] = rank
    return ranks


@login_required_back_to(_here)
def rank(request, edition: str):
    edition_obj = public_edition_or_404(edition)
    window = services.window_of(edition_obj)
    state = services.window_state(window)
    registration = registration_for(request.user, edition_obj)
    status = 200
    if request.method == "POST":
        try:
            if registration is None:
                raise ValidationError(_("Inscrivez-vous à l'édition pour classer des sessions."))
            count = services.save_rankings(
                registration, _parse_ranks(request.POST), actor=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            status = 400
        else:
            messages.success(request, _("Vos choix sont enregistrés (%(n)s).") % {"n": count})
            return redirect(request.path)
    mine = services.my_rankings(registration) if registration is not None else {}
    slots = [
        {
            "slot": slot,
            "sessions": [(session, mine.get(session.pk)) for session in sessions],
        }
        for slot, sessions in services.rankable_slots(edition_obj)
    ]
    seats = []
    if registration is not None and state == "allocated":
        seats = list(
            Booking.objects.filter(registration=registration, status__in=SEAT_HOLDING)
            .select_related("session__published_slot")
            .order_by("session__published_slot__start")
        )
    context = {
        "edition": edition_obj,
        "window": window,
        "state": state,
        "registration": registration,
        "slots": slots,
        "seats": seats,
        "ranks": (1, 2, 3),
    }
    return render(request, "timetabling/allocation_rank.html", context, status=status)


@edition_view("timetabling.propose")
def team(request):
    edition = request.edition
    window = services.window_of(edition)
    initial = {"opens_at": window.opens_at, "closes_at": window.closes_at} if window else {}
    form = WindowForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.open_window(edition, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Fenêtre de classement enregistrée."))
                return redirect("timetabling:allocation", edition=edition.slug)
        status = 400
    people, rankings = services.ranking_counts(window) if window else (0, 0)
    context = {
        "edition": edition,
        "window": window,
        "state": services.window_state(window),
        "form": form,
        "people": people,
        "rankings": rankings,
        "results": window.results if window else {},
        "table": _table(window.results) if window and window.results else [],
    }
    return render(request, "timetabling/allocation_team.html", context, status=status)


def _percent(value: float) -> str:
    return f"{number_format(100 * value, 1)} %"


def _table(results: dict) -> list[tuple[str, str, str]]:
    """The satisfaction rows: (label, fair allocation, first-come-first-served)."""
    rows = [
        ("first", _("ont eu un 1er choix")),
        ("top3", _("ont eu au moins un de leurs 3 choix")),
        ("nothing", _("n'ont rien eu")),
    ]
    table = [
        (label, _percent(results["fair"][key]), _percent(results["fcfs"][key]))
        for key, label in rows
    ]
    seats = (
        _("places par personne (moyenne)"),
        number_format(results["fair"]["seats"], 2),
        number_format(results["fcfs"]["seats"], 2),
    )
    return [*table, seats]


@require_POST
@edition_view("timetabling.propose")
def close(request):
    edition = request.edition
    try:
        services.request_close(edition, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("timetabling:allocation", edition=edition.slug)
    run_allocation.enqueue(edition.pk, request.user.pk)
    window = services.window_of(edition)
    if window.status == window.Status.ALLOCATED:  # done already (immediate task backend)
        messages.success(
            request,
            _("Places attribuées : %(n)s places ; chaque personne reçoit son résultat par e-mail.")
            % {"n": window.results["seats_given"]},
        )
    else:
        messages.success(
            request,
            _(
                "Classements clos : l'attribution des places est en cours, rechargez la page "
                "dans quelques minutes."
            ),
        )
    return redirect("timetabling:allocation", edition=edition.slug)
