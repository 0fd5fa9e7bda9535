"""Views of the call for proposals, reviews, decisions and the partner offer catalogue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg, Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.core.http import client_ip
from nec.core.ids import parse_ids
from nec.editions.permissions import can
from nec.editions.scoping import edition_view, scoped
from nec.editions.selectors import public_edition_or_404
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
from nec.programme.services import offers as offer_services
from nec.programme.services import proposals as proposal_services
from nec.programme.services import reviews as review_services


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- public ---------------------------------------------------------------------------------


def call_for_proposals(request, edition):
    edition = public_edition_or_404(edition, open_only=True)
    call = proposal_services.get_call(edition)
    state = call.state() if call else "missing"
    form = None
    status = 200
    if state == "open":
        if request.method == "POST":
            form = ProposalForm(request.POST, edition=edition, user=request.user)
            if form.is_valid():
                try:
                    proposal = proposal_services.submit_proposal(
                        edition, form.to_data(), actor=request.user, ip_address=client_ip(request)
                    )
                except proposal_services.CallClosed as closed:
                    state = closed.state
                    status = 400
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    # anonymous: the same answer whatever happened (link sent or rate-limited)
                    request.session["cfp_last_proposal"] = proposal.pk if proposal else None
                    email = "" if proposal else form.to_data().email.strip().lower()
                    request.session["cfp_pending_email"] = email
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
    edition = public_edition_or_404(edition, open_only=True)
    pk = request.session.get("cfp_last_proposal")
    session = Session.objects.filter(edition=edition, proposal__pk=pk).first() if pk else None
    return render(
        request,
        "programme/cfp/thanks.html",
        {
            "edition": edition,
            "proposed": session,
            "pending_email": request.session.get("cfp_pending_email", ""),
            "days": proposal_services.CONFIRM_MAX_AGE.days,
        },
    )


@login_required
def my_proposals(request):
    sessions = list(
        proposal_services.sessions_of(request.user).prefetch_related("speaker_roles__speaker")
    )
    for session in sessions:
        session.my_roles = [
            r for r in session.speaker_roles.all() if r.speaker.user_id == request.user.pk
        ]
    return render(request, "programme/cfp/mine.html", {"sessions": sessions})


@require_POST
@login_required
def confirm_participation(request, pk):
    role = get_object_or_404(
        SessionSpeaker.objects.select_related("session", "speaker"),
        pk=pk,
        speaker__user=request.user,
    )
    try:
        proposal_services.confirm_participation(role, actor=request.user)
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
    call = proposal_services.get_call(edition) or CallForProposals(edition=edition)
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        try:
            proposal_services.save_call(edition, form.save(commit=False), actor=request.user)
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
    qs = filters.apply(review_services.proposals_of(edition), request.user)
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
            "call": proposal_services.get_call(edition),
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
    ids = parse_ids(request.POST.getlist("sessions"))
    sessions = list(scoped(Session, edition).filter(pk__in=ids).select_related("format_type"))
    back = reverse("programme:cfp_proposals", kwargs={"edition": edition.slug})
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
        subject, body = review_services.DEFAULT_TEMPLATES[decision]
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
                "subject": review_services.fill_template(subject, values),
                "body": review_services.fill_template(body, values),
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


def _check_offers_manager(request) -> None:
    if not offer_services.may_manage_offers(request.user):
        raise PermissionDenied


@login_required
def my_offers(request):
    _check_offers_manager(request)
    offers = PartnerOffer.objects.filter(
        organisation__in=offer_services.offer_organisations_for(request.user)
    ).select_related("organisation")
    return render(request, "programme/cfp/my_offers.html", {"offers": offers})


@login_required
def offer_edit(request, pk=None):
    _check_offers_manager(request)
    offer = None
    if pk is not None:
        offer = get_object_or_404(
            PartnerOffer,
            pk=pk,
            organisation__in=offer_services.offer_organisations_for(request.user),
        )
    form = OfferForm(request.POST or None, instance=offer, user=request.user)
    if request.method == "POST" and form.is_valid():
        offer_services.save_offer(form.save(commit=False), actor=request.user)
        messages.success(request, _("Offre enregistrée."))
        return redirect("programme:my_offers")
    return render(
        request,
        "programme/cfp/offer_form.html",
        {"form": form, "offer": offer},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@login_required
def offer_publish(request, pk):
    _check_offers_manager(request)
    offer = get_object_or_404(
        PartnerOffer, pk=pk, organisation__in=offer_services.offer_organisations_for(request.user)
    )
    published = request.POST.get("published") == "1"
    offer_services.set_offer_published(offer, published, actor=request.user)
    messages.success(
        request, _("Offre publiée.") if published else _("Offre retirée du catalogue.")
    )
    return redirect("programme:my_offers")


@edition_view("offers.use")
def offer_catalogue(request):
    filters = OfferFilterForm(request.GET or None)
    offers = filters.apply(offer_services.published_offers())
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
        session = offer_services.session_from_offer(request.edition, offer, actor=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("programme:offer_catalogue", edition=request.edition.slug)
    messages.success(
        request,
        _("La session « %(title)s » a été ajoutée à votre programme, créditée à %(org)s.")
        % {"title": session.title, "org": offer.organisation.name},
    )
    return redirect("programme:offer_catalogue", edition=request.edition.slug)
