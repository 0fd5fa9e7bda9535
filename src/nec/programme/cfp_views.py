"""Views of the call for proposals, its settings and the partner offer catalogue; the reviews
and decisions live in `cfp_review_views`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.core.http import client_ip, safe_next_path
from nec.editions.scoping import edition_view
from nec.editions.selectors import public_edition_or_404
from nec.programme.cfp_forms import CallForm, OfferFilterForm, OfferForm, ProposalForm
from nec.programme.models import CallForProposals, PartnerOffer, Session, SessionSpeaker
from nec.programme.services import offers as offer_services
from nec.programme.services import proposals as proposal_services
from nec.programme.speaker_schedule import with_public_pages


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
        proposal_services.sessions_of(request.user)
        .select_related("published_slot", "published_room")
        .prefetch_related("speaker_roles__speaker")
    )
    with_public_pages(sessions)
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
    # "Mon espace" asks for the confirmation too, and brings the person back there
    return redirect(safe_next_path(request.POST.get("next")) or "programme:my_proposals")


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
