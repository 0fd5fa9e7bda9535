"""The call for proposals in a browser: submit, review, accept in bulk; axe-core checks."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from nec.editions.models import Membership
from nec.programme.models import Proposal, Review
from tests.browser.helpers import path_of, sign_in_by_link
from tests.factories import (
    add_speaker,
    make_catalogue,
    make_edition,
    make_member,
    make_org,
    make_proposed,
    open_call,
)


@pytest.mark.django_db(transaction=True)
def test_proposal_submitted_end_to_end(page, live_server, assert_accessible):
    edition = make_edition("nec-2026")
    make_catalogue(edition)
    open_call(edition)
    page.goto(f"/editions/{edition.slug}/appel-a-propositions/")
    assert_accessible(page)
    page.locator("#id_first_name").fill("Camille")
    page.locator("#id_last_name").fill("Martin")
    page.locator("#id_email").fill("camille@example.org")
    page.locator("#id_title").fill("Médiation numérique en milieu rural")
    page.locator("#id_format_type").select_option(label="Atelier")
    page.locator("#id_theme").select_option(label="Inclusion numérique")
    page.locator("#id_summary").fill("Aller vers les publics éloignés du numérique.")
    page.locator("#id_co_speakers").fill("ines@example\nlouis@example.org")
    page.get_by_role("button", name="Déposer ma proposition").click()
    # the invalid co-speaker address is a field error; what was typed is kept
    expect(page.locator("#id_co_speakers_error")).to_be_visible()
    assert page.locator("#id_title").input_value() == ("Médiation numérique en milieu rural")
    assert_accessible(page)
    page.locator("#id_co_speakers").fill("ines@example.org\nlouis@example.org")
    page.get_by_role("button", name="Déposer ma proposition").click()
    # anonymous: nothing is recorded until the link e-mailed to the author is used
    expect(page.locator("h1")).to_have_text("Consultez vos e-mails")
    assert_accessible(page)
    assert Proposal.objects.count() == 0
    message = next(m for m in mail.outbox if m.to == ["camille@example.org"])
    link = re.search(r"https?://\S+/appel-a-propositions/confirmer/\S+/", message.body).group(0)
    page.goto(path_of(link))
    expect(page.locator("h1")).to_have_text("Confirmer ma proposition")
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer ma proposition").click()
    expect(page.locator("h1")).to_have_text("Mes propositions")
    assert Proposal.objects.count() == 1
    expect(page.get_by_role("heading", name="Médiation numérique en milieu rural")).to_be_visible()
    expect(page.get_by_text("proposée")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer ma participation").click()
    expect(page.get_by_text("Vous avez confirmé votre participation.")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_reviewer_scores_a_proposal(page, live_server, assert_accessible):
    edition = make_edition("nec-2026")
    atelier, *_ = make_catalogue(edition)
    session = make_proposed(edition, "Les communs numériques", atelier)
    Proposal.objects.create(session=session, edition=edition)
    add_speaker(session, "Inès Petit", email="ines@example.org")
    reviewer = make_member("relecture@example.org", edition, Membership.Role.REVIEWER)
    sign_in_by_link(page, reviewer, f"/orga/{edition.slug}/programme/propositions/")
    expect(page.locator("h1")).to_have_text(re.compile("^" + re.escape("Propositions")))
    assert_accessible(page)
    page.get_by_role("link", name="Les communs numériques").click()
    assert_accessible(page)
    page.locator("input[name=score][value='4']").check()
    page.locator("#id_comment").fill("Très pertinent pour les collectivités.")
    page.get_by_role("button", name="Enregistrer ma note").click()
    expect(page.get_by_text("Votre note est enregistrée.")).to_be_visible()
    expect(page.get_by_text("Moyenne 4,0 / 5 sur 1 note.")).to_be_visible()
    review = Review.objects.get()
    assert (review.score, review.reviewer) == (4, reviewer)
    page.get_by_role("link", name="Toutes les propositions").click()
    expect(page.locator("tbody tr td").nth(3)).to_have_text("4,0")


@pytest.mark.django_db(transaction=True)
def test_team_accepts_in_bulk_after_editing_the_mail(page, live_server, assert_accessible):
    from nec.programme.models import PartnerOffer, Session

    edition = make_edition("nec-2026")
    atelier, *_ = make_catalogue(edition)
    first = make_proposed(edition, "Les communs numériques", atelier)
    second = make_proposed(edition, "Fresque de la sobriété", atelier)
    for session, name, email in (
        (first, "Inès Petit", "ines@example.org"),
        (second, "Louis Bernard", "louis@example.org"),
    ):
        Proposal.objects.create(session=session, edition=edition)
        add_speaker(session, name, email=email)
    organiser = make_member("orga@example.org", edition, Membership.Role.ORGANISER)
    sign_in_by_link(page, organiser, f"/orga/{edition.slug}/programme/propositions/")
    page.get_by_label("Sélectionner « Les communs numériques »").check()
    page.get_by_label("Sélectionner « Fresque de la sobriété »").check()
    page.get_by_role("button", name="Accepter…").click()
    expect(page.locator("#id_subject")).to_have_value("Votre proposition « {titre} » est retenue")
    page.locator("#id_subject").fill("Bienvenue à {edition} : « {titre} »")
    page.get_by_role("button", name="Mettre à jour l'aperçu").click()
    expect(
        page.get_by_text("Bienvenue à NEC nec-2026 : « Fresque de la sobriété »")
    ).to_be_visible()
    assert_accessible(page)
    mail.outbox.clear()
    page.get_by_role("button", name="Confirmer et envoyer les messages").click()
    expect(page.get_by_text("2 proposition(s) traitée(s)")).to_be_visible()
    assert set(Session.objects.values_list("status", flat=True)) == {"accepted"}
    assert sorted(m.subject for m in mail.outbox) == [
        "Bienvenue à NEC nec-2026 : « Fresque de la sobriété »",
        "Bienvenue à NEC nec-2026 : « Les communs numériques »",
    ]
    # the partner catalogue and the import page are accessible too
    PartnerOffer.objects.create(
        organisation=make_org(),
        format_name="Atelier",
        title="Cartographier la médiation",
        description="Avec des données ouvertes.",
        contact="contact@example.org",
        published=True,
    )
    page.goto(f"/orga/{edition.slug}/offres/")
    assert_accessible(page)
    page.get_by_role("button", name="Ajouter à mon programme").click()
    expect(page.get_by_text("a été ajoutée à votre programme")).to_be_visible()
    page.goto(f"/orga/{edition.slug}/programme/import/")
    assert_accessible(page)
