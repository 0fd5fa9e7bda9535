"""The pages of the links e-mailed by the call for proposals: confirming an anonymous proposal
and a co-speaker accepting an invitation. GET shows what the link does and changes nothing (mail
scanners open links); POST does it and signs the person in, since the link proves the address."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nec.accounts.backends import BACKEND_PATH
from nec.core.signed_links import LinkError
from nec.programme.services import cospeakers
from nec.programme.services import proposals as proposal_services


def _invalid(request, error: LinkError):
    return render(request, "programme/cfp/link_invalid.html", {"reason": error.reason}, status=400)


def confirm_proposal(request, token):
    try:
        if request.method == "POST":
            proposal = proposal_services.confirm_proposal(token)
        else:
            pending, edition = proposal_services.pending_proposal(token)
    except LinkError as error:
        return _invalid(request, error)
    except ValidationError:  # what was stored no longer fits the edition
        return _invalid(request, LinkError("invalid"))
    if request.method == "POST":
        login(request, proposal.proposer, backend=BACKEND_PATH)
        messages.success(
            request,
            _(
                "Votre proposition « %(title)s » est confirmée : l'équipe de programmation "
                "va la relire."
            )
            % {"title": proposal.session.title},
        )
        return redirect("programme:my_proposals")
    return render(
        request,
        "programme/cfp/confirm.html",
        {"edition": edition, "data": pending.payload, "email": pending.email},
    )


def invitation(request, token):
    try:
        if request.method == "POST":
            role = cospeakers.accept_invitation(token)
        else:
            role = cospeakers.read_invitation(token)
    except LinkError as error:
        return _invalid(request, error)
    if request.method == "POST":
        login(request, role.speaker.user, backend=BACKEND_PATH)
        messages.success(
            request,
            _("Participation confirmée pour « %(title)s ».") % {"title": role.session.title},
        )
        return redirect("programme:my_proposals")
    proposal = getattr(role.session, "proposal", None)
    proposer = proposal.proposer if proposal is not None else None
    return render(
        request,
        "programme/cfp/invitation.html",
        {
            "edition": role.session.edition,
            "session": role.session,
            "proposer_name": (proposer.get_full_name() or proposer.email) if proposer else "",
        },
    )
