"""Registration pages: the form, personal space, ticket, the team's lists, exports, settings."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from nec.accounts.models import User
from nec.core.models import AuditEntry
from nec.registrations import configuration, confirmation, edition_settings, services, tickets
from nec.registrations.models import Registration
from tests.factories import STORED_ANSWERS, make_edition, registration_post

pytestmark = pytest.mark.django_db


def register_url(edition):
    return reverse("registrations:register", kwargs={"edition": edition.slug})


def confirmed(edition, email="camille@example.fr", **answers):
    result = services.start_registration(
        edition,
        email=email,
        first_name="Camille",
        last_name="Martin",
        answers=dict(STORED_ANSWERS, **answers),
    )
    return confirmation.confirm_registration(result.registration)


def link_from_mail(message) -> str:
    return re.search(r"https?://\S+/inscription/confirmer/\S+/", message.body).group(0)


# --- registering ---------------------------------------------------------------------------


def test_registration_page_shows_questionnaire_and_unticked_newsletter(client, edition):
    response = client.get(register_url(edition))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for name in ("q_audience", "q_sector", "q_departement", "q_objectives", "newsletter_consent"):
        assert f'name="{name}"' in html
    checkbox = re.search(r'<input[^>]*name="newsletter_consent"[^>]*>', html).group(0)
    assert "checked" not in checkbox
    assert "Corse-du-Sud" in html and "Mayotte" in html
    assert 'data-show-if="q_sector=public"' in html
    # team_only questions are still asked (their answers are only shown to the team)
    assert 'name="q_accessibility"' in html


def test_registration_form_marks_only_optional_fields(client, edition):
    # regression: required questions were starred while the page says "the fields without
    # « facultatif » are required", and the help of a choice group came after its box
    html = client.get(register_url(edition)).content.decode()
    assert "sans la mention « facultatif » sont obligatoires" in html
    assert '<span aria-hidden="true">*</span>' not in html
    assert "(facultatif)" in html
    fieldset = re.search(r"<fieldset[^>]*><legend>Vos objectifs.*?</fieldset>", html, re.S).group(0)
    assert "Plusieurs réponses possibles." in fieldset
    assert 'aria-describedby="id_q_objectives_helptext"' in fieldset


def test_errors_of_a_choice_group_are_linked_to_its_fieldset(client, edition):
    # regression: the radios were aria-invalid but nothing pointed to the error message
    html = client.post(register_url(edition), registration_post(q_audience="")).content.decode()
    fieldset = re.search(r"<fieldset[^>]*><legend>Dans quelle catégorie.*?</fieldset>", html, re.S)
    assert 'aria-describedby="id_q_audience_error"' in fieldset.group(0)
    assert 'id="id_q_audience_error"' in html


def test_register_confirm_then_personal_space(client, edition):
    response = client.post(register_url(edition), registration_post(newsletter_consent="on"))
    assert response.status_code == 302
    assert response["Location"].endswith("/inscription/envoyee/")
    page = client.get(response["Location"])
    assert "camille@example.fr" in page.content.decode()
    registration = Registration.objects.get()
    assert registration.status == "pending" and registration.newsletter_consent
    url = link_from_mail(mail.outbox[0])
    path = url.split("://", 1)[1].split("/", 1)[1]
    # GET only shows a button: a mail scanner does not confirm.
    assert client.get("/" + path).status_code == 200
    registration.refresh_from_db()
    assert registration.status == "pending"
    response = client.post("/" + path)
    assert response.status_code == 302
    assert response["Location"] == reverse("registrations:space", args=[edition.slug])
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    # The link does not sign in again once used.
    client.logout()
    again = client.post("/" + path)
    assert again.status_code == 302
    assert "_auth_user_id" not in client.session
    client.force_login(registration.user)
    space = client.get(response["Location"])
    html = space.content.decode()
    assert space.status_code == 200
    assert "Mon inscription" in html and "Mon agenda" in html
    assert "Corse-du-Sud" in html


def test_invalid_email_keeps_the_form(client, edition):
    response = client.post(register_url(edition), registration_post(email="pas-une-adresse"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Saisissez une adresse e-mail valide" in html
    assert 'value="Ville de Lens"' in html
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_required_question_left_empty_keeps_every_other_answer(client, edition):
    response = client.post(register_url(edition), registration_post(q_audience=None))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in html
    assert 'id="id_q_audience_error"' in html or "q_audience" in html
    # other answers are kept
    assert re.search(r'value="public"[^>]*checked|checked[^>]*value="public"', html)
    assert re.search(r'<option value="2A" selected>', html)
    assert re.search(r'value="decouvrir"[^>]*checked|checked[^>]*value="decouvrir"', html)
    assert "Boucle magnétique" in html
    assert Registration.objects.count() == 0


def test_conditional_question_required_only_when_it_applies(client, edition):
    response = client.post(register_url(edition), registration_post(q_public_kind=None))
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.content.decode()
    response = client.post(
        register_url(edition), registration_post(q_sector="private", q_public_kind="etat")
    )
    assert response.status_code == 302
    stored = services.answers_of(Registration.objects.get())
    assert stored["sector"] == "private"
    assert "public_kind" not in stored  # not applicable: not stored


def test_double_submit_creates_one_registration(client, edition):
    data = registration_post()
    first = client.post(register_url(edition), data)
    second = client.post(register_url(edition), data)
    assert first.status_code == second.status_code == 302
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_already_registered_address_is_offered_a_sign_in_link(client, edition):
    confirmed(edition)
    mail.outbox.clear()
    response = client.post(
        register_url(edition), registration_post(first_name="Autre"), follow=True
    )
    assert "Consultez vos e-mails" in response.content.decode()  # the page tells nothing
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1 and "/compte/lien/" in mail.outbox[0].body
    assert "déjà inscrit" in mail.outbox[0].subject  # the e-mail says what applies


def test_closed_registration_shows_a_clear_message(client, edition):
    configuration.update_settings(edition, actor=None, registration_open=False)
    response = client.get(register_url(edition))
    assert "Les inscriptions à cette édition sont closes." in response.content.decode()
    assert 'name="email"' not in response.content.decode()
    response = client.post(register_url(edition), registration_post())
    assert response.status_code == 200
    assert Registration.objects.count() == 0


def test_draft_edition_has_no_registration_page(client, edition):
    edition.status = "draft"
    edition.save()
    assert client.get(register_url(edition)).status_code == 404


def test_archived_edition_has_no_registration_page(client, edition):
    edition.status = "archived"
    edition.save()
    assert client.get(register_url(edition)).status_code == 404
    assert client.post(register_url(edition), registration_post()).status_code == 404
    assert Registration.objects.count() == 0


def test_personal_space_of_a_draft_edition_is_404(client, edition):
    registration = confirmed(edition)
    edition.status = "draft"
    edition.save()
    client.force_login(registration.user)
    for name in ("space", "agenda", "ticket"):
        assert client.get(reverse(f"registrations:{name}", args=[edition.slug])).status_code == 404
    edition.status = "archived"
    edition.save()
    assert client.get(reverse("registrations:space", args=[edition.slug])).status_code == 200


def test_bad_confirmation_link_is_a_400_with_a_reason(client, edition):
    response = client.get(reverse("registrations:confirm", args=["nimportequoi"]))
    assert response.status_code == 400
    assert "n'est pas valide" in response.content.decode()


# --- personal space ------------------------------------------------------------------------


def test_personal_space_needs_sign_in(client, edition):
    response = client.get(reverse("registrations:space", args=[edition.slug]))
    assert response.status_code == 302
    assert "/compte/connexion/" in response["Location"]


def test_personal_space_of_someone_not_registered_is_404(client, edition):
    client.force_login(User.objects.create_user("x@example.fr"))
    assert client.get(reverse("registrations:space", args=[edition.slug])).status_code == 404


def test_edit_answers_keeps_values_on_error_and_saves(client, edition):
    registration = confirmed(edition)
    client.force_login(registration.user)
    url = reverse("registrations:edit_answers", args=[edition.slug])
    page = client.get(url).content.decode()
    assert 'value="Camille"' in page
    data = registration_post(q_sector="private", q_structure_type=None, organisation="ACME")
    response = client.post(url, data)
    assert response.status_code == 200
    assert 'value="ACME"' in response.content.decode()
    data["q_structure_type"] = "entreprise"
    response = client.post(url, data)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.organisation == "ACME"
    assert services.answers_of(registration)["structure_type"] == "entreprise"


def test_cancel_from_personal_space(client, edition):
    registration = confirmed(edition)
    client.force_login(registration.user)
    url = reverse("registrations:cancel", args=[edition.slug])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert any("annulée" in m.subject for m in mail.outbox)
    assert client.post(url).status_code == 302  # twice: no error


def test_calendar_feed_token_and_revocation(client, edition):
    registration = confirmed(edition)
    client.force_login(registration.user)
    url = reverse("registrations:calendar_token", args=[edition.slug])
    client.post(url, {"action": "issue"})
    registration.refresh_from_db()
    token = registration.calendar_token
    assert token
    feed = client.get(reverse("registrations:feed", args=[token]))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    assert feed.content.startswith(b"BEGIN:VCALENDAR")
    client.post(url, {"action": "revoke"})
    assert client.get(reverse("registrations:feed", args=[token])).status_code == 404
    assert client.get(reverse("registrations:feed", args=["inconnu"])).status_code == 404


def test_ticket_page_and_pdf(client, edition):
    registration = confirmed(edition)
    client.force_login(registration.user)
    page = client.get(reverse("registrations:ticket", args=[edition.slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and registration.code in html
    pdf = client.get(reverse("registrations:ticket_pdf", args=[edition.slug]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_no_ticket_while_waiting(client, edition):
    configuration.update_settings(edition, actor=None, capacity=0)
    registration = confirmed(edition)
    assert registration.status == "waiting"
    client.force_login(registration.user)
    assert client.get(reverse("registrations:ticket", args=[edition.slug])).status_code == 404


def test_my_registrations_lists_editions(client, edition):
    registration = confirmed(edition)
    client.force_login(registration.user)
    response = client.get(reverse("registrations:mine"))
    html = response.content.decode()
    assert edition.title in html
    # the edition's dates; no button to register again for the edition already registered to
    assert str(edition.start_date.year) in html
    assert reverse("registrations:register", args=[edition.slug]) not in html
    # once cancelled, the button comes back
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CANCELLED)
    html = client.get(reverse("registrations:mine")).content.decode()
    assert reverse("registrations:register", args=[edition.slug]) in html


# --- team views ----------------------------------------------------------------------------


def test_team_pages_are_scoped_to_the_edition(client, edition, other_organiser):
    confirmed(edition)
    client.force_login(other_organiser)
    for name in ("orga_index", "team_figures", "team_questionnaire", "team_csv", "team_xlsx"):
        assert client.get(reverse(f"registrations:{name}", args=[edition.slug])).status_code == 403
    registration = Registration.objects.get()
    detail = reverse("registrations:team_detail", args=[edition.slug, registration.pk])
    assert client.get(detail).status_code == 403


def test_team_detail_of_another_editions_registration_is_404(
    client, edition, other_edition, organiser
):
    other = confirmed(other_edition, email="autre@example.fr")
    client.force_login(organiser)
    url = reverse("registrations:team_detail", args=[edition.slug, other.pk])
    assert client.get(url).status_code == 404


def test_anonymous_team_page_redirects_to_login(client, edition):
    response = client.get(reverse("registrations:orga_index", args=[edition.slug]))
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]


def test_team_list_filters_by_answers_status_and_text(client, edition, organiser):
    confirmed(edition, "a@example.fr", sector="public")
    confirmed(edition, "b@example.fr", sector="private", public_kind=None)
    confirmed(edition, "c@example.fr", sector="private", public_kind=None, objectives=["apprendre"])
    services.start_registration(
        edition, email="d@example.fr", first_name="Dora", last_name="Pending"
    )
    client.force_login(organiser)
    url = reverse("registrations:orga_index", args=[edition.slug])
    response = client.get(url)
    assert response.context["matching"] == 4
    assert response.context["counts"]["confirmed"] == 3
    assert client.get(url, {"q_sector": "private"}).context["matching"] == 2
    assert client.get(url, {"q_objectives": "decouvrir"}).context["matching"] == 2
    assert (
        client.get(url, {"q_sector": "private", "q_objectives": "decouvrir"}).context["matching"]
        == 1
    )
    assert client.get(url, {"status": "pending"}).context["matching"] == 1
    assert client.get(url, {"q": "dora"}).context["matching"] == 1
    assert client.get(url, {"q_first_time": "oui"}).context["matching"] == 3
    assert client.get(url, {"q_departement": "2A"}).context["matching"] == 3
    # unknown choice: the form says so, nothing breaks
    bad = client.get(url, {"q_sector": "martien"})
    assert bad.status_code == 200


def test_exports_include_team_only_answers_and_are_audited(client, edition, organiser):
    confirmed(edition, "a@example.fr")
    confirmed(edition, "b@example.fr", sector="private", public_kind=None)
    client.force_login(organiser)
    csv_response = client.get(
        reverse("registrations:team_csv", args=[edition.slug]), {"q_sector": "public"}
    )
    assert csv_response.status_code == 200
    text = csv_response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 2  # header + 1 person
    assert "Boucle magnétique" in text and "a@example.fr" in text
    assert "Corse-du-Sud" in text
    xlsx = client.get(reverse("registrations:team_xlsx", args=[edition.slug]))
    assert xlsx.status_code == 200
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.values)
    assert len(rows) == 3
    exports = AuditEntry.objects.filter(action="registrations.exported")
    assert exports.count() == 2
    assert exports.filter(details__format="csv", details__rows=1).exists()


def test_export_neutralises_formulas(client, edition, organiser):
    result = services.start_registration(
        edition, email="f@example.fr", first_name="=HYPERLINK(1)", last_name="X"
    )
    confirmation.confirm_registration(result.registration)
    client.force_login(organiser)
    text = client.get(reverse("registrations:team_csv", args=[edition.slug])).content.decode()
    assert "'=HYPERLINK(1)" in text


def test_figures_page_shows_counts_and_percentages(client, edition, organiser):
    confirmed(edition, "a@example.fr", sector="public")
    confirmed(edition, "b@example.fr", sector="public")
    confirmed(edition, "c@example.fr", sector="private", public_kind=None)
    client.force_login(organiser)
    response = client.get(reverse("registrations:team_figures", args=[edition.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "66,7 %" in html and "33,3 %" in html
    assert "Remplissage par session" in html


def test_questionnaire_management(client, edition, organiser):
    client.force_login(organiser)
    base = reverse("registrations:team_questionnaire", args=[edition.slug])
    assert client.get(base).status_code == 200
    add = reverse("registrations:team_question_add", args=[edition.slug])
    # bad input: a single choice with one choice, a condition on an unknown answer
    response = client.post(
        add,
        {
            "label": "Repas",
            "kind": "single",
            "choices_text": "Végétarien",
            "condition_text": "sector=martien",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "au moins 2 choix" in html and "martien" in html
    response = client.post(
        add,
        {
            "label": "Repas",
            "kind": "single",
            "choices_text": "vege | Végétarien\nSans préférence",
            "required": "on",
        },
    )
    assert response.status_code == 302
    question = edition.questions.get(key="repas")
    assert question.choices == [["vege", "Végétarien"], ["sans-preference", "Sans préférence"]]
    assert question.position > edition.questions.exclude(pk=question.pk).last().position
    # duplicate key
    response = client.post(add, {"label": "Autre", "key": "repas", "kind": "text"})
    assert "déjà cette clé" in response.content.decode()
    # move up
    move = reverse("registrations:team_question_move", args=[edition.slug, question.pk])
    client.post(move, {"direction": "up"})
    keys = list(edition.questions.values_list("key", flat=True))
    assert keys[-2] == "repas"
    # edit
    edit = reverse("registrations:team_question", args=[edition.slug, question.pk])
    response = client.post(
        edit,
        {"label": "Repas du midi", "key": "repas", "kind": "text", "condition_text": ""},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.label == "Repas du midi" and question.choices == []
    # the question appears on the public form
    assert (
        'name="q_repas"'
        in client.get(reverse("registrations:register", args=[edition.slug])).content.decode()
    )
    # delete
    delete = reverse("registrations:team_question_delete", args=[edition.slug, question.pk])
    assert client.get(delete).status_code == 200
    client.post(delete)
    assert not edition.questions.filter(key="repas").exists()
    assert AuditEntry.objects.filter(action="registrations.question_deleted").exists()


def test_question_of_another_edition_is_404(client, edition, other_edition, organiser):
    client.force_login(organiser)
    foreign = other_edition.questions.first()
    url = reverse("registrations:team_question", args=[edition.slug, foreign.pk])
    assert client.get(url).status_code == 404


def test_settings_form(client, edition, organiser):
    client.force_login(organiser)
    url = reverse("registrations:team_questionnaire", args=[edition.slug])
    response = client.post(
        url,
        {
            "form": "settings",
            "capacity": "150",
            "waitlist_mode": "direct",
            "offer_hours": "24",
            "booking_opens_at": "2030-05-02T10:00",
            "booking_closes_at": "2030-05-01T10:00",
        },
    )
    assert response.status_code == 200
    assert "doit suivre leur ouverture" in response.content.decode()
    response = client.post(
        url,
        {
            "form": "settings",
            "registration_open": "on",
            "capacity": "150",
            "waitlist_mode": "direct",
            "offer_hours": "24",
        },
    )
    assert response.status_code == 302
    assert edition_settings.get_settings(edition).capacity == 150
    assert AuditEntry.objects.filter(action="registrations.settings_changed").exists()


def test_agenda_lists_confirmed_bookings_in_order_and_feed_has_them(client, edition):
    from datetime import timedelta

    from django.utils import timezone

    from nec.programme.models import Room, Session, TimeSlot
    from nec.registrations.models import Booking

    registration = confirmed(edition)
    room = Room.objects.create(edition=edition, name="Salle Europe", capacity=30)
    start = timezone.now() + timedelta(days=30)
    late = TimeSlot.objects.create(
        edition=edition, start=start + timedelta(hours=3), end=start + timedelta(hours=4)
    )
    early = TimeSlot.objects.create(edition=edition, start=start, end=start + timedelta(hours=1))
    for title, slot, status in [
        ("Atelier tardif", late, "confirmed"),
        ("Masterclass matinale", early, "confirmed"),
        ("Retex en attente", early, "waiting"),
    ]:
        session = Session.objects.create(
            edition=edition,
            title=title,
            room=room,
            slot=slot,
            published_room=room,
            published_slot=slot,
            status="published",
        )
        Booking.objects.create(session=session, registration=registration, status=status)
    client.force_login(registration.user)
    for name in ("space", "agenda"):
        html = client.get(reverse(f"registrations:{name}", args=[edition.slug])).content.decode()
        assert html.index("Masterclass matinale") < html.index("Atelier tardif")
        assert "Retex en attente" not in html.split("Mon agenda")[-1]
    token = tickets.issue_calendar_token(registration, actor=None)
    feed = client.get(reverse("registrations:feed", args=[token])).content.decode()
    assert feed.count("BEGIN:VEVENT") == 2
    assert "SUMMARY:Masterclass matinale" in feed and "Salle Europe" in feed


def test_new_edition_gets_the_default_questionnaire_once(client):
    edition = make_edition("toute-neuve")
    html = client.get(register_url(edition)).content.decode()
    assert 'name="q_sector"' in html
    edition.questions.all().delete()  # the team may remove every question
    html = client.get(register_url(edition)).content.decode()
    assert 'name="q_sector"' not in html and 'name="email"' in html


def test_team_can_resend_a_link_and_cancel(client, edition, organiser, other_organiser):
    pending = services.start_registration(
        edition, email="p@example.fr", first_name="P", last_name="Q"
    ).registration
    url = reverse("registrations:team_action", args=[edition.slug, pending.pk])
    client.force_login(other_organiser)
    assert client.post(url, {"action": "cancel"}).status_code == 403
    client.force_login(organiser)
    detail = client.get(reverse("registrations:team_detail", args=[edition.slug, pending.pk]))
    assert "Renvoyer le lien de confirmation" in detail.content.decode()
    mail.outbox.clear()
    client.post(url, {"action": "resend"})
    assert len(mail.outbox) == 1 and "/inscription/confirmer/" in mail.outbox[0].body
    client.post(url, {"action": "cancel"})
    pending.refresh_from_db()
    assert pending.status == "cancelled"
    response = client.post(url, {"action": "resend"}, follow=True)
    assert "pas possible" in response.content.decode()
    assert client.get(url).status_code == 405


def test_figures_group_the_departements_by_region_and_fold_the_detail(client, edition, organiser):
    for n, departement in enumerate(("35", "29", "29", "67", "2B")):
        confirmed(edition, f"p{n}@example.fr", departement=departement)
    client.force_login(organiser)
    html = client.get(reverse("registrations:team_figures", args=[edition.slug])).content.decode()
    by_region = html[html.index("(par région)") : html.index("Détail par département")]
    # Bretagne 3 of 5 (35 + 29 + 29), Grand Est 1, Corse 1: the régions' table comes first
    assert re.search(r"Bretagne</th><td class=\"num\">3</td><td class=\"num\">60,0 %", by_region)
    assert "Grand Est" in by_region and "Corse" in by_region and "Finistère" not in by_region
    detail = html[html.index("Détail par département") :]
    assert detail.index("(par département)") < detail.index("Finistère")
    assert "<details" in html[: html.index("Détail par département")]
