"""Views of the call for proposals, reviews, decisions and the partner offer catalogue."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg, Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.editions.permissions import can
from nec.editions.models import Edition
from nec.editions.scoping import edition_view, scoped
from nec.programme import cfp
from nec.programme.cfp_forms import (
    CallForm,
    DecisionForm,
    OfferFilterForm,
    OfferForm,
    ProposalFilterForm,
    ProposalForm,
    ReviewForm,
)
from nec.programme.models import CallForProposals, PartnerOffer, Review, Session, SessionSpeaker


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- public ---------------------------------------------------------------------------------


def call_for_proposals(request, edition):
    edition = get_object_or_404(Edition, slug=edition)
    call = cfp.get_call(edition)
    state = call.state() if call else "missing"
    form = None
    status = 200
    if state == "open":
        if request.method == "POST":
            form = ProposalForm(request.POST, edition=edition, user=request.user)
            if form.is_valid():
                try:
                    proposal = cfp.submit_proposal(edition, form.to_data(), actor=request.user)
                except cfp.CallClosed as closed:
                    state = closed.state
                    status = 400
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    request.session["cfp_last_proposal"] = proposal.pk
                    return redirect("programme:cfp_thanks", edition=edition.slug)
        else:
            form = ProposalForm(edition=edition, user=request.user)
    elif request.method == "POST":
        status = 400
    if state != "open":
        form = None
    return render(
        request,
        "programme/cfp/call.html",
        {"edition": edition, "call": call, "state": state, "form": form},
        status=status,
    )


def call_thanks(request, edition):
    edition = get_object_or_404(Edition, slug=edition)
    pk = request.session.get("cfp_last_proposal")
    session = Session.objects.filter(edition=edition, proposal__pk=pk).first() if pk else None
    return render(request, "programme/cfp/thanks.html", {"edition": edition, "proposed": session})


def my_proposals(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    sessions = list(cfp.sessions_of(request.user).prefetch_related("speaker_roles__speaker"))
    for session in sessions:
        session.my_roles = [
            r for r in session.speaker_roles.all() if r.speaker.user_id == request.user.pk
        ]
    return render(request, "programme/cfp/mine.html", {"sessions": sessions})


@require_POST
def confirm_participation(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("programme:my_proposals"))
    role = get_object_or_404(
        SessionSpeaker.objects.select_related("session", "speaker"),
        pk=pk,
        speaker__user=request.user,
    )
    try:
        cfp.confirm_participation(request.user, role)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("Participation confirmée pour « %(title)s ».") % {"title": role.session.title},
        )
    return redirect("programme:my_proposals")


# --- orga: call settings, reviews, decisions --------------------------------------------------


@edition_view("programme.manage")
def call_settings(request):
    edition = request.edition
    call = cfp.get_call(edition) or CallForProposals(edition=edition)
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        try:
            cfp.save_call(request.user, edition, form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Appel à propositions enregistré."))
            return redirect("programme:cfp_proposals", edition=edition.slug)
    return render(request, "programme/cfp/call_settings.html", {"edition": edition, "form": form})


@edition_view("programme.review")
def proposals(request):
    edition = request.edition
    filters = ProposalFilterForm(request.GET or None, edition=edition)
    qs = filters.apply(cfp.proposals_of(edition), request.user)
    mine = dict(
        Review.objects.filter(session__edition=edition, reviewer=request.user).values_list(
            "session_id", "score"
        )
    )
    rows = list(qs)
    for row in rows:
        row.my_score = mine.get(row.pk)
    return render(
        request,
        "programme/cfp/proposals.html",
        {
            "edition": edition,
            "filters": filters,
            "rows": rows,
            "call": cfp.get_call(edition),
            "can_decide": can(request.user, "programme.manage", edition),
        },
    )


@edition_view("programme.review")
def proposal_detail(request, pk):
    edition = request.edition
    session = get_object_or_404(
        scoped(Session, edition).select_related("format_type", "track", "proposal__proposer"),
        pk=pk,
    )
    review = Review.objects.filter(session=session, reviewer=request.user).first()
    form = ReviewForm(request.POST or None, instance=review)
    if request.method == "POST" and form.is_valid():
        try:
            cfp.review_proposal(
                request.user, session, form.cleaned_data["score"], form.cleaned_data["comment"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Votre note est enregistrée."))
            return redirect("programme:cfp_proposal", edition=edition.slug, pk=session.pk)
    stats = session.reviews.aggregate(avg=Avg("score"), count=Count("id"))
    return render(
        request,
        "programme/cfp/proposal.html",
        {
            "edition": edition,
            "session": session,
            "form": form,
            "reviews": session.reviews.select_related("reviewer"),
            "stats": stats,
            "roles": session.speaker_roles.select_related("speaker"),
        },
        status=400 if request.method == "POST" else 200,
    )


@edition_view("programme.manage")
@require_POST
def decide(request):
    """Step 1 (no `confirm`): preview the e-mail, editable. Step 2 (`confirm`): apply."""
    edition = request.edition
    ids = [i for i in request.POST.getlist("sessions") if i.isdigit()]
    sessions = list(scoped(Session, edition).filter(pk__in=ids).select_related("format_type"))
    back = reverse("programme:cfp_proposals", kwargs={"edition": edition.slug})
    if not sessions:
        messages.error(request, _("Sélectionnez au moins une proposition."))
        return redirect(back)
    decision = request.POST.get("decision", "")
    if decision not in cfp.DEFAULT_TEMPLATES:
        messages.error(request, _("Choisissez « accepter » ou « refuser »."))
        return redirect(back)
    if "confirm" in request.POST or "preview" in request.POST:
        form = DecisionForm(request.POST)
        if "confirm" in request.POST and form.is_valid():
            try:
                count = cfp.decide_proposals(
                    request.user,
                    edition,
                    sessions,
                    form.cleaned_data["decision"],
                    form.cleaned_data["subject"],
                    form.cleaned_data["body"],
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
        subject, body = cfp.DEFAULT_TEMPLATES[decision]
        form = DecisionForm(initial={"decision": decision, "subject": subject, "body": body})
    sample = None
    if form.is_bound and form.is_valid():
        subject, body = form.cleaned_data["subject"], form.cleaned_data["body"]
    elif not form.is_bound:
        subject, body = form.initial["subject"], form.initial["body"]
    else:
        subject = body = None
    if subject is not None:
        first = sessions[0]
        values = {
            "titre": first.title,
            "prenom": _("Camille"),
            "nom": _("Camille Exemple"),
            "edition": edition.title,
            "format": first.format_type.name if first.format_type_id else "",
            "lien": request.build_absolute_uri(reverse("programme:my_proposals")),
        }
        try:
            sample = {
                "subject": cfp.fill_template(subject, values),
                "body": cfp.fill_template(body, values),
            }
        except ValidationError:
            sample = None
    return render(
        request,
        "programme/cfp/decide.html",
        {
            "edition": edition,
            "sessions": sessions,
            "form": form,
            "decision": decision,
            "sample": sample,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# --- partner offer catalogue ----------------------------------------------------------------


def _offers_manager(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not cfp.may_manage_offers(request.user):
        raise PermissionDenied
    return None


def my_offers(request):
    if response := _offers_manager(request):
        return response
    offers = PartnerOffer.objects.filter(
        organisation__in=cfp.offer_organisations_for(request.user)
    ).select_related("organisation")
    return render(request, "programme/cfp/my_offers.html", {"offers": offers})


def offer_edit(request, pk=None):
    if response := _offers_manager(request):
        return response
    offer = None
    if pk is not None:
        offer = get_object_or_404(
            PartnerOffer, pk=pk, organisation__in=cfp.offer_organisations_for(request.user)
        )
    form = OfferForm(request.POST or None, instance=offer, user=request.user)
    if request.method == "POST" and form.is_valid():
        cfp.save_offer(request.user, form.save(commit=False))
        messages.success(request, _("Offre enregistrée."))
        return redirect("programme:my_offers")
    return render(
        request,
        "programme/cfp/offer_form.html",
        {"form": form, "offer": offer},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
def offer_publish(request, pk):
    if response := _offers_manager(request):
        return response
    offer = get_object_or_404(
        PartnerOffer, pk=pk, organisation__in=cfp.offer_organisations_for(request.user)
    )
    published = request.POST.get("published") == "1"
    cfp.set_offer_published(request.user, offer, published)
    messages.success(
        request, _("Offre publiée.") if published else _("Offre retirée du catalogue.")
    )
    return redirect("programme:my_offers")


@edition_view("offers.use")
def offer_catalogue(request):
    filters = OfferFilterForm(request.GET or None)
    offers = filters.apply(cfp.published_offers())
    return render(
        request,
        "programme/cfp/catalogue.html",
        {"edition": request.edition, "filters": filters, "offers": offers},
    )


@edition_view("offers.use")
@require_POST
def offer_use(request, pk):
    offer = get_object_or_404(PartnerOffer, pk=pk, published=True)
    try:
        session = cfp.session_from_offer(request.user, request.edition, offer)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("programme:offer_catalogue", edition=request.edition.slug)
    messages.success(
        request,
        _("La session « %(title)s » a été ajoutée à votre programme, créditée à %(org)s.")
        % {"title": session.title, "org": offer.organisation.name},
    )
    return redirect("programme:offer_catalogue", edition=request.edition.slug)
