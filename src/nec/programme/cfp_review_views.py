"""Espace organisation: the list of proposals, a proposal's page (scores, the walk to the
previous / next one, the decision) and the decisions with their editable e-mail.

The other reviewers' scores show only once the reviewer has scored (see
`services.review_queue`). The walk follows the list the reviewer came from: its filters travel in
the query string as `?from=<the list's query string>` (only the filter fields are kept). A
decision taken from a proposal's page goes through the same two steps as from the list (preview
of the e-mail, then confirmation) and comes back to that page (`back`)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Avg, Count
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.core.http import safe_next_path
from nec.core.ids import parse_ids
from nec.editions.scoping import edition_view, scoped
from nec.programme.cfp_forms import DecisionForm, ProposalFilterForm, ReviewForm
from nec.programme.models import Review, Session
from nec.programme.services import proposals as proposal_services
from nec.programme.services import review_queue
from nec.programme.services import reviews as review_services

#: longest `from` query string taken into account (the filters fit in far less)
MAX_FROM_LENGTH = 1000


def _list_filters(request, data: QueryDict | None) -> tuple[ProposalFilterForm, str]:
    """The list's filter form on `data`, and the query string of its valid filters (for the
    `from` parameter of the links to a proposal)."""
    filters = ProposalFilterForm(data or None, edition=request.edition)
    if not data or not filters.is_valid():
        return filters, ""
    kept = QueryDict(mutable=True)
    for name in filters.fields:
        values = [value for value in data.getlist(name) if value]
        if values:
            kept.setlist(name, values[:1])
    return filters, kept.urlencode()


def _from_suffix(from_query: str) -> str:
    return "?" + urlencode({"from": from_query}) if from_query else ""


def _filtered(request, filters: ProposalFilterForm):
    edition = request.edition
    hidden = not review_queue.sees_all_scores(request.user, edition)
    return filters.apply(review_services.proposals_of(edition), request.user, scores_hidden=hidden)


@edition_view("programme.review")
def proposals(request):
    edition = request.edition
    filters, from_query = _list_filters(request, request.GET)
    sees_all = review_queue.sees_all_scores(request.user, edition)
    mine = review_queue.scored_by(request.user, edition)
    rows = list(_filtered(request, filters))
    for row in rows:
        row.my_score = mine.get(row.pk)
        row.scores_visible = sees_all or row.my_score is not None
    return render(
        request,
        "programme/cfp/proposals.html",
        {
            "edition": edition,
            "filters": filters,
            "rows": rows,
            "call": proposal_services.get_call(edition),
            "can_decide": sees_all,
            "sees_all": sees_all,
            "from_suffix": _from_suffix(from_query),
        },
    )


def _proposal_url(edition, pk: int, suffix: str) -> str:
    return reverse("programme:cfp_proposal", kwargs={"edition": edition.slug, "pk": pk}) + suffix


@edition_view("programme.review")
def proposal_detail(request, pk):
    edition = request.edition
    session = get_object_or_404(
        scoped(Session, edition).select_related("format_type", "track", "proposal__proposer"),
        pk=pk,
    )
    raw_from = request.GET.get("from", "")
    from_data = QueryDict(raw_from) if len(raw_from) <= MAX_FROM_LENGTH else None
    filters, from_query = _list_filters(request, from_data)
    suffix = _from_suffix(from_query)
    review = Review.objects.filter(session=session, reviewer=request.user).first()
    form = ReviewForm(request.POST or None, instance=review)
    if request.method == "POST" and form.is_valid():
        try:
            review_services.review_proposal(
                session,
                form.cleaned_data["score"],
                form.cleaned_data["comment"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Votre note est enregistrée."))
            if "save_next" in request.POST:
                return _to_next_unscored(request, session, filters, suffix)
            return redirect(_proposal_url(edition, session.pk, suffix))
    mine = review_queue.scored_by(request.user, edition)
    visible = review_queue.scores_visible(request.user, edition, has_scored=session.pk in mine)
    walk = review_queue.neighbours(
        review_queue.ordered_ids(_filtered(request, filters)), session.pk, mine
    )
    can_decide = review_queue.sees_all_scores(request.user, edition)
    return render(
        request,
        "programme/cfp/proposal.html",
        {
            "edition": edition,
            "session": session,
            "form": form,
            "scores_visible": visible,
            "reviews": session.reviews.select_related("reviewer") if visible else [],
            "stats": session.reviews.aggregate(avg=Avg("score"), count=Count("id")),
            "roles": session.speaker_roles.select_related("speaker"),
            "walk": walk,
            "walk_links": _walk_links(edition, walk, suffix),
            "suffix": suffix,
            "list_url": reverse("programme:cfp_proposals", kwargs={"edition": edition.slug})
            + ("?" + from_query if from_query else ""),
            "can_decide": can_decide,
            "back": _proposal_url(edition, session.pk, suffix),
        },
        status=400 if request.method == "POST" else 200,
    )


def _walk_links(edition, walk: review_queue.Neighbours, suffix: str) -> list[dict]:
    """The links "previous", "next" and "next to score" (those that exist; the last only when
    it is not the next one anyway)."""
    wanted = [
        (walk.previous, _("Précédente"), "prev"),
        (walk.next, _("Suivante"), "next"),
        (
            walk.next_unscored if walk.next_unscored != walk.next else None,
            _("Suivante à noter"),
            "",
        ),
    ]
    pks = {pk for pk, _label, _rel in wanted if pk is not None}
    titles = dict(scoped(Session, edition).filter(pk__in=pks).values_list("pk", "title"))
    return [
        {"url": _proposal_url(edition, pk, suffix), "label": label, "rel": rel, "title": titles[pk]}
        for pk, label, rel in wanted
        if pk in titles
    ]


def _to_next_unscored(request, session: Session, filters: ProposalFilterForm, suffix: str):
    """After "save and go on": the next proposal of the list still to score, else the list."""
    edition = request.edition
    walk = review_queue.neighbours(
        review_queue.ordered_ids(_filtered(request, filters)),
        session.pk,
        review_queue.scored_by(request.user, edition),
    )
    if walk.next_unscored is not None:
        return redirect(_proposal_url(edition, walk.next_unscored, suffix))
    messages.info(request, _("Vous avez noté toutes les propositions en attente de cette liste."))
    return redirect(reverse("programme:cfp_proposals", kwargs={"edition": edition.slug}))


@edition_view("programme.manage")
@require_POST
def decide(request):
    """Step 1 (no `confirm`): preview the e-mail, editable. Step 2 (`confirm`): apply. `back`
    (a path of this site) is where to return: the list, or the proposal's page."""
    edition = request.edition
    ids = parse_ids(request.POST.getlist("sessions"))
    sessions = list(scoped(Session, edition).filter(pk__in=ids).select_related("format_type"))
    back = safe_next_path(request.POST.get("back")) or reverse(
        "programme:cfp_proposals", kwargs={"edition": edition.slug}
    )
    if not sessions:
        messages.error(request, _("Sélectionnez au moins une proposition."))
        return redirect(back)
    decision = request.POST.get("decision", "")
    if decision not in review_services.DEFAULT_TEMPLATES:
        messages.error(request, _("Choisissez « accepter » ou « refuser »."))
        return redirect(back)
    if "confirm" in request.POST or "preview" in request.POST:
        form = DecisionForm(request.POST)
        if "confirm" in request.POST and form.is_valid():
            try:
                count = review_services.decide_proposals(
                    edition,
                    sessions,
                    form.cleaned_data["decision"],
                    form.cleaned_data["subject"],
                    form.cleaned_data["body"],
                    actor=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(count)d proposition(s) traitée(s), messages envoyés.") % {"count": count},
                )
                return redirect(back)
    else:
        try:  # nothing to preview for a decision already taken
            review_services.check_pending(sessions)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        subject, body = review_services.DEFAULT_TEMPLATES[decision]
        form = DecisionForm(initial={"decision": decision, "subject": subject, "body": body})
    return render(
        request,
        "programme/cfp/decide.html",
        {
            "edition": edition,
            "sessions": sessions,
            "form": form,
            "decision": decision,
            "sample": _sample(request, form, sessions[0]),
            "back": back,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _sample(request, form: DecisionForm, first: Session) -> dict[str, str] | None:
    """The e-mail as the speakers of `first` would read it, or None while the form is wrong."""
    if form.is_bound and form.is_valid():
        subject, body = form.cleaned_data["subject"], form.cleaned_data["body"]
    elif not form.is_bound:
        subject, body = form.initial["subject"], form.initial["body"]
    else:
        return None
    values = {
        "titre": first.title,
        "prenom": _("Camille"),
        "nom": _("Camille Exemple"),
        "edition": request.edition.title,
        "format": first.format_type.name if first.format_type_id else "",
        "lien": request.build_absolute_uri(reverse("programme:my_proposals")),
    }
    try:
        return {
            "subject": review_services.fill_template(subject, values),
            "body": review_services.fill_template(body, values),
        }
    except ValidationError:
        return None
