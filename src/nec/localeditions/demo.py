"""Demo data of the local editions (`nec demo`): applications in every state of the instruction
(one never confirmed, submitted, information requested, interview proposed with an attached
PDF, refused then submitted again, accepted with and without a grant), their threads, and the
accepted editions' follow-up (retro-planning with overdue steps, committees, agreements sent,
signed and paid). The demo's local organiser account applied for a second edition: it sees one
edition published and near (Rennes), one just accepted (Lorient) and a draft (Quimper). After
the event: Orléans's documentation is due, Lille's is late with no sheet, Grenoble's sheet is
sent but not yet published (late too), and Toulouse is "documentée": its sheet was published
through the resources services. Twelve régions in all; the past editions and Colmar are
published, so they show on the public map."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.utils import timezone
from PIL import Image

from nec.accounts.models import User
from nec.core.demo import DemoContext
from nec.core.signed_links import make_token
from nec.editions import services as editions
from nec.editions.models import Edition
from nec.localeditions.models import Application, Message, Milestone
from nec.localeditions.services import agreement, applications, drafts, followup, instruction
from nec.resources import services as resources
from nec.resources.models import Resource

LOCAL_ORGANISER = "orga-locale@demo.nec.example"

#: key, organisation, first name, last name, commune, région, département, days to the event,
#: grant requested (None: no support asked)
PROJECTS = [
    ("lorient", "Ville de Lorient", "Maëlle", "Le Goff", "Lorient", "53", "56", 130, 3500),
    ("nantes", "Ping Nantes", "Hugo", "Bernard", "Nantes", "52", "44", 160, None),
    ("bordeaux", "Médiathèques de Bordeaux", "Inès", "Robert", "Bordeaux", "75", "33", 200, 4000),
    ("limoges", "Tiers-lieu La Quincaillerie", "Paul", "Durand", "Limoges", "75", "87", 140, 2500),
    ("dijon", "Dijon Métropole", "Sarah", "Petit", "Dijon", "27", "21", 180, 5000),
    ("nice", "Association Azur Numérique", "Lucas", "Moreau", "Nice", "93", "06", 100, 3000),
    ("caen", "Caen la Mer", "Emma", "Lefèvre", "Caen", "28", "14", 170, None),
    ("colmar", "Colmar Agglomération", "Léa", "Fontaine", "Colmar", "44", "68", 150, 5000),
    ("ajaccio", "Corsica Numerica", "Antoine", "Santoni", "Ajaccio", "94", "2A", 190, None),
    ("orleans", "Orléans Métropole", "Chloé", "Garnier", "Orléans", "24", "45", -20, 3000),
    ("lille", "Lille inclusion numérique", "Nathan", "Roux", "Lille", "32", "59", -90, 4500),
    ("toulouse", "Toulouse Métropole", "Julie", "Mercier", "Toulouse", "76", "31", -100, 3000),
    ("grenoble", "La Turbine numérique", "Karim", "Benali", "Grenoble", "84", "38", -75, None),
]


#: a small hand-written PDF standing for an applicant's outline budget (demo only)
BUDGET_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
    b"/Resources<</Font<</F1<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>>>>>>>endobj\n"
    b"4 0 obj<</Length 60>>stream\nBT /F1 18 Tf 72 770 Td (Budget previsionnel - demo) Tj ET\n"
    b"endstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _submit(
    project, *, email=None, previous=None, confirm=True, days=None, files=None
) -> Application:
    key, organisation, first, last, commune, region, departement, offset, grant = project
    today = timezone.localdate()
    application = applications.submit_application(
        {
            "organisation_name": organisation,
            "first_name": first,
            "last_name": last,
            "email": email or f"{key}@porteurs.demo.nec.example",
            "audience": "Professionnels de la médiation numérique, élus, travailleurs sociaux",
            "expected_size": 150 + 10 * len(commune),
            "objectives": f"Rassembler les acteurs de l'inclusion numérique de {commune} et "
            "faire connaître les lieux de médiation.",
            "commune": commune,
            "department_code": departement,
            "region_code": region,
            "venue": f"Hôtel de ville de {commune}",
            "step_free_access": "yes",
            "event_date": today + timedelta(days=days if days is not None else offset),
            "formats": "Une plénière, quatre ateliers, des stands découverte",
            "free_entry": True,
            "registration_mode": "registration",
            "partners": "Conseiller·es numériques du territoire",
            "support_requested": grant is not None,
            "grant_requested": grant,
            "budget": "Salle et restauration : 8 000 €" if grant else "",
            "charter_accepted": True,
        },
        previous=previous,
        files=files,
    )
    if confirm:
        token = make_token(
            {"a": application.pk, "e": application.email}, salt=applications.CONFIRM_SALT
        )
        application = applications.confirm_application(token)
    return application


def _hold_overdue(edition: Edition, title_start: str) -> None:
    """Leave a step that came due undone, as happens: the demo shows it overdue."""
    Milestone.objects.filter(edition=edition, title__startswith=title_start).update(done_on=None)


# the demo's applicants are fictitious: their e-mails are not printed in the console
@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def load_demo(context: DemoContext) -> None:
    if Application.objects.exists():
        return
    team = User.objects.filter(is_national_team=True).order_by("pk").first()
    projects = {project[0]: project for project in PROJECTS}
    today = timezone.localdate()
    made = {key: None for key in projects}
    for key in (
        "nantes", "bordeaux", "caen", "colmar", "orleans", "lille", "limoges", "dijon",
        "toulouse", "grenoble",
    ):  # fmt: skip
        budget = SimpleUploadedFile("budget-previsionnel.pdf", BUDGET_PDF)
        made[key] = _submit(projects[key], files=[budget] if key == "dijon" else None)
    _submit(projects["ajaccio"], confirm=False)  # never confirmed: the team does not see it
    made["lorient"] = _submit(projects["lorient"], email=LOCAL_ORGANISER)

    instruction.request_information(
        made["limoges"],
        actor=team,
        message="Pouvez-vous préciser le budget prévisionnel et les partenaires pressentis ?",
        due=today + timedelta(days=12),
    )
    instruction.propose_interview(
        made["dijon"],
        actor=team,
        at=timezone.now() + timedelta(days=6),
        place="Visio : https://visio.example/nec-dijon",
        message="Un entretien d'une heure pour poser le cadre de la collaboration.",
    )
    nice = _submit(projects["nice"])
    instruction.refuse(
        nice,
        actor=team,
        reason="not_free",
        details="L'entrée payante prévue (10 €) n'est pas compatible avec la charte.",
    )
    _submit(projects["nice"], previous=nice, days=120)

    granted = {"lorient": 3500, "colmar": 5000, "orleans": 3000, "lille": 4500, "toulouse": 3000}
    for key, amount in granted.items():
        instruction.accept(made[key], actor=team, with_grant=True, amount=amount)
    for key in ("caen", "grenoble"):
        instruction.accept(made[key], actor=team, with_grant=False)
    for key in (*granted, "caen", "grenoble"):
        made[key].refresh_from_db()
    _hold_overdue(made["lorient"].edition, "Comité de pilotage à 5 mois")
    _hold_overdue(made["colmar"].edition, "Comité de pilotage à 5 mois")
    followup.record_committee(
        made["lorient"].edition,
        actor=team,
        held_on=today - timedelta(days=10),
        participants="Ville de Lorient (communication, CCAS, médiathèques), ANCT",
        minutes="Date et lieu confirmés ; trois ateliers retenus ; invitations à préparer.",
    )
    Message.objects.create(
        application=made["nantes"],
        from_team=False,
        body="Nous pouvons accueillir jusqu'à 250 personnes si besoin.",
    )
    _agreements(team, made)
    _after_the_event(team, made)
    _attach_rennes(team)
    _draft()
    context.say(f"  local editions: {Application.objects.count()} applications")


def _draft() -> None:
    """The demo's local organiser saved a draft for a third edition (Quimper), half filled in:
    it is on their "Mes candidatures NEC local"."""
    drafts.save_draft(
        {
            "email": LOCAL_ORGANISER,
            "organisation_name": "Quimper Bretagne Occidentale",
            "commune": "Quimper",
            "department_code": "29",
            "region_code": "53",
            "audience": "Médiathèques, centres sociaux, conseillers numériques du Finistère",
            "support_requested": "on",
        }
    )


def _attach_rennes(team) -> None:
    """The demo's first local edition (Rennes, published, a few weeks ahead) came from an
    application of the demo's local organiser; its retro-planning has a step overdue."""
    rennes = Edition.objects.filter(kind=Edition.Kind.LOCAL, city="Rennes").first()
    applicant = User.objects.filter(email=LOCAL_ORGANISER).first()
    if rennes is None or rennes.start_date is None or applicant is None:
        return
    Application.objects.create(
        organisation_name="Ville de Rennes",
        first_name=applicant.first_name or "Maëlle",
        last_name=applicant.last_name or "Le Goff",
        email=LOCAL_ORGANISER,
        applicant=applicant,
        audience="Acteurs de la médiation numérique d'Ille-et-Vilaine",
        expected_size=180,
        objectives="Faire se rencontrer les acteurs de l'inclusion numérique du territoire.",
        commune="Rennes",
        department_code="35",
        region_code="53",
        venue=rennes.venue or "Rennes",
        step_free_access="yes",
        event_date=rennes.start_date,
        formats="Plénière, ateliers",
        free_entry=True,
        registration_mode="registration",
        support_requested=True,
        grant_requested=2500,
        charter_accepted=True,
        state=Application.State.ACCEPTED,
        confirmed_at=timezone.now() - timedelta(days=200),
        state_changed_at=timezone.now() - timedelta(days=180),
        decided_grant=2500,
        edition=rennes,
    )
    followup.generate_milestones(rennes, actor=team)
    _hold_overdue(rennes, "Comité de pilotage à 3 mois")


def _photo(label: str) -> SimpleUploadedFile:
    """A plain picture standing for a photo of the event (demo only)."""
    buffer = io.BytesIO()
    Image.new("RGB", (480, 320), (75, 43, 184)).save(buffer, "JPEG", quality=70)
    return SimpleUploadedFile(f"{label}.jpg", buffer.getvalue(), content_type="image/jpeg")


def _sheet(edition: Edition, author, *, attendance: int) -> Resource:
    """The documentation sheet of a past edition, sent by its organiser for moderation."""
    data = resources.ResourceData(
        kind=Resource.Kind.DOCUMENTATION,
        title=f"Fiche de documentation — {edition.title}",
        summary=f"Bilan de {edition.title} (démonstration) : une plénière, quatre ateliers et "
        "des stands découverte, ouverts à toutes et tous.",
        date=edition.end_date or edition.start_date,
        attendance=attendance,
        format_feedback="Les ateliers en petits groupes ont été les plus appréciés ; la "
        "plénière a manqué de temps pour les questions (démonstration).",
        authors=[
            (f"{author.first_name} {author.last_name}".strip() or edition.city, "organisation")
        ],
    )
    sheet = resources.submit_resource(actor=author, edition=edition, data=data)
    resources.add_image(
        sheet, _photo(edition.city), alt=f"Un atelier à {edition.city} (illustration)", actor=author
    )
    return sheet


def _after_the_event(team, made) -> None:
    """The past editions and Colmar are published; the documentation step stays open where no
    sheet is published yet; Grenoble sent its sheet, Toulouse's is published ("documentée")."""
    for key in ("orleans", "lille", "toulouse", "grenoble", "colmar"):
        editions.update_edition(made[key].edition, actor=team, status=Edition.Status.PUBLISHED)
    for key in ("lille", "grenoble"):
        _hold_overdue(made[key].edition, "Fiche de documentation")
    _sheet(made["grenoble"].edition, made["grenoble"].applicant, attendance=140)
    toulouse = _sheet(made["toulouse"].edition, made["toulouse"].applicant, attendance=310)
    resources.publish(toulouse, actor=team)


def _agreements(team, made) -> None:
    """Agreements at each stage: Lorient's sent, Colmar's signed, Orléans's, Lille's and
    Toulouse's paid."""
    from weasyprint import HTML

    signed_pdf = HTML(string="<p>Convention signée (démonstration)</p>").write_pdf()
    stages = {
        "lorient": "sent",
        "colmar": "signed",
        "orleans": "paid",
        "lille": "paid",
        "toulouse": "paid",
    }
    for key, stage in stages.items():
        edition = made[key].edition
        draft = agreement.draft_agreement(edition, actor=team, **agreement.default_terms(edition))
        agreement.send_agreement(draft, actor=team)
        if stage in ("signed", "paid"):
            upload = SimpleUploadedFile("signee.pdf", signed_pdf, content_type="application/pdf")
            agreement.upload_signed_copy(draft, upload, actor=team)
        if stage == "paid":
            draft.refresh_from_db()
            agreement.record_payment(
                draft,
                actor=team,
                paid_on=edition.start_date - timedelta(days=30),
                amount=draft.amount,
            )
