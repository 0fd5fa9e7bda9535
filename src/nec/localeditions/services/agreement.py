"""The grant agreement ("convention de subvention"): drafted by the national team from the
accepted application (a new version each time it is redrafted), rendered as PDF, sent to the
organisers, its signed copy uploaded back (a PDF, by either side), its payment recorded."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.editions.models import Edition, Membership
from nec.editions.permissions import can
from nec.localeditions.attachments import PDF, sniff
from nec.localeditions.models import Agreement
from nec.localeditions.services.followup import DOCUMENTATION_DELAY
from nec.localeditions.services.instruction import INSTRUCT, check_grant

#: the organiser's five commitments, as the guide words them
COMMITMENTS = [
    "Communiquer avec l'ANCT sur la tenue et l'avancement de l'évènement.",
    "Collaborer avec l'ANCT et ses prestataires.",
    "Respecter l'identité et la charte graphique de Numérique en Commun[s].",
    "Documenter l'évènement sur une plateforme de ressources ouvertes, sous licence "
    "CC BY-SA 4.0 FR, au plus tard à la date indiquée.",
    "Participer à l'édition nationale annuelle de Numérique en Commun[s].",
]
SIGNED_COPY_MAX_BYTES = 10 * 1024 * 1024


def default_terms(edition: Edition) -> dict:
    """What a first draft says: the beneficiary, the amount decided, the purpose, the five
    commitments and the documentation due date (two months after the event)."""
    application = edition.application
    return {
        "beneficiary": application.organisation_name,
        "amount": application.decided_grant,
        "purpose": _(
            "Soutien à l'organisation de « %(title)s », le %(day)s à %(city)s, évènement gratuit "
            "organisé dans le respect de la charte Numérique en Commun[s]."
        )
        % {
            "title": edition.title,
            "day": date_format(edition.start_date, "j F Y"),
            "city": edition.city,
        },
        "obligations": "\n".join(COMMITMENTS),
        "documentation_due": edition.start_date + DOCUMENTATION_DELAY,
    }


def _check_team(actor) -> None:
    if not can(actor, INSTRUCT):
        raise PermissionDenied(_("Seule l'équipe nationale rédige et suit les conventions."))


def draft_agreement(
    edition: Edition,
    *,
    actor,
    amount: int | None,
    beneficiary: str,
    purpose: str,
    obligations: str,
    documentation_due: date,
    override_reason: str = "",
) -> Agreement:
    """A new version of the agreement, drafted (the earlier versions stay for the record)."""
    _check_team(actor)
    check_grant(amount, override_reason)
    with transaction.atomic():
        Edition.objects.select_for_update().get(pk=edition.pk)  # one version number at a time
        last = edition.agreements.aggregate(last=Max("version"))["last"] or 0
        agreement = Agreement(
            edition=edition,
            version=last + 1,
            amount=amount,
            override_reason=override_reason.strip(),
            beneficiary=beneficiary,
            purpose=purpose,
            obligations=obligations,
            documentation_due=documentation_due,
            created_by=actor,
        )
        agreement.full_clean()
        agreement.save()
        audit.record(
            actor, "localeditions.agreement_drafted", agreement, edition=edition, amount=amount
        )
    return agreement


def render_pdf(agreement: Agreement) -> bytes:
    from weasyprint import HTML  # heavy: imported when a PDF is asked for

    html = render_to_string(
        "localeditions/agreement_pdf.html",
        {
            "agreement": agreement,
            "edition": agreement.edition,
            "obligations": [line for line in agreement.obligations.splitlines() if line.strip()],
        },
    )
    return HTML(string=html).write_pdf()


def send_agreement(agreement: Agreement, *, actor) -> Agreement:
    """Send the drafted version to the edition's organisers, the PDF attached."""
    _check_team(actor)
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.state != Agreement.State.DRAFTED:
            raise ValidationError(_("Cette version de la convention est déjà envoyée."))
        agreement.state = Agreement.State.SENT
        agreement.sent_at = timezone.now()
        agreement.save(update_fields=["state", "sent_at"])
        audit.record(actor, "localeditions.agreement_sent", agreement, edition=agreement.edition)
    organisers = list(
        Membership.objects.filter(
            edition=agreement.edition, role=Membership.Role.ORGANISER
        ).values_list("user__email", flat=True)
    )
    if organisers:
        send_templated_mail(
            "localeditions/email/agreement_sent",
            {"agreement": agreement, "edition": agreement.edition},
            to=organisers,
            attachments=[
                (
                    f"convention-{agreement.edition.slug}-v{agreement.version}.pdf",
                    render_pdf(agreement),
                    "application/pdf",
                )
            ],
        )
    return agreement


def check_pdf(upload: UploadedFile) -> None:
    """A signed copy is a PDF (by its content, not its name) of at most 10 MB."""
    if upload.size > SIGNED_COPY_MAX_BYTES:
        raise ValidationError(
            {
                "signed_copy": _(
                    "Le fichier dépasse 10 Mo : réduisez-le ou scannez en noir et blanc."
                )
            }
        )
    if sniff(upload) != PDF:
        raise ValidationError({"signed_copy": _("Déposez l'exemplaire signé au format PDF.")})


def upload_signed_copy(agreement: Agreement, upload: UploadedFile, *, actor) -> Agreement:
    """The signed copy, uploaded by the team or an organiser of the edition: the agreement is
    signed."""
    if not (can(actor, INSTRUCT) or can(actor, "localeditions.follow", agreement.edition)):
        raise PermissionDenied
    check_pdf(upload)
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.state == Agreement.State.DRAFTED:
            raise ValidationError(
                {
                    "signed_copy": _(
                        "La convention doit d'abord être envoyée par l'équipe nationale."
                    )
                }
            )
        # a copy uploaded again replaces the earlier one, deleted once this commits (apps.py)
        agreement.signed_copy.save(
            f"convention-{agreement.edition.slug}-v{agreement.version}-signee.pdf",
            upload,
            save=False,
        )
        agreement.state = Agreement.State.SIGNED
        agreement.signed_at = timezone.now()
        agreement.save()
        audit.record(actor, "localeditions.agreement_signed", agreement, edition=agreement.edition)
    return agreement


def record_payment(agreement: Agreement, *, actor, paid_on: date, amount: int) -> Agreement:
    """The grant was paid (the team records the date and the amount)."""
    _check_team(actor)
    if agreement.state != Agreement.State.SIGNED:
        raise ValidationError(_("Le versement s'enregistre une fois la convention signée."))
    if amount <= 0 or amount > agreement.amount:
        raise ValidationError(
            {"amount": _("Le montant versé doit être positif et au plus celui de la convention.")}
        )
    with transaction.atomic():
        agreement.paid_on, agreement.paid_amount = paid_on, amount
        agreement.save(update_fields=["paid_on", "paid_amount"])
        audit.record(
            actor,
            "localeditions.agreement_paid",
            agreement,
            edition=agreement.edition,
            amount=amount,
        )
    return agreement
