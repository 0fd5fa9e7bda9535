"""The demo loaders of editions and accounts: realistic, valid and idempotent."""

import random
from datetime import date

import pytest
from django.core.management import call_command

from nec.accounts.models import User
from nec.core.demo import DemoContext
from nec.editions import demo as editions_demo
from nec.editions import demo_people as accounts_demo
from nec.editions.models import Edition, Membership, Organisation, Partnership
from nec.editions.permissions import can
from nec.editions.selectors import current_national_edition
from nec.editions.validators import validate_siret

pytestmark = pytest.mark.django_db


def run_loaders() -> DemoContext:
    context = DemoContext(rng=random.Random(2025))
    editions_demo.load_demo(context)
    accounts_demo.load_demo(context)
    return context


def snapshot() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (User, Edition, Organisation, Partnership, Membership)
    }


def test_loaders_are_idempotent_and_deterministic():
    first = run_loaders()
    after_first = snapshot()
    names = sorted(User.objects.values_list("first_name", "last_name"))
    second = run_loaders()
    assert snapshot() == after_first
    assert sorted(User.objects.values_list("first_name", "last_name")) == names
    assert first.accounts == second.accounts


def test_current_national_edition_is_in_the_future_and_shaped_like_2025():
    context = run_loaders()
    national = context.objects["national_edition"]
    assert current_national_edition() == national
    assert national.kind == Edition.Kind.NATIONAL and national.status == "published"
    assert national.start_date > date.today()
    assert len(national.days) == 3
    roles = set(national.partnerships.values_list("role", flat=True))
    assert roles == {"porteur", "soutien", "cooperateur"}
    history_2025 = Edition.objects.get(kind="national", year=2025)
    assert national.partnerships.count() == history_2025.partnerships.count()


def test_local_editions_in_several_regions_with_valid_sirets():
    context = run_loaders()
    local = context.objects["local_editions"]
    assert len({edition.region_code for edition in local}) >= 4
    statuses = {edition.status for edition in local}
    assert {"published", "draft"} <= statuses
    for edition in local:
        porteur = edition.partnerships.get(role="porteur").organisation
        validate_siret(porteur.siret)
        assert "fictiv" in porteur.name or "fictif" in porteur.name


def test_one_account_per_role():
    context = run_loaders()
    labels = " ".join(label for label, _ in context.accounts)
    for word in ("Équipe nationale", "NEC local", "Partenaire", "Intervenant", "Relecteur"):
        assert word in labels
    users = context.objects["accounts"]
    national = context.objects["national_edition"]
    local = context.objects["local_editions"][0]
    assert users["national_team"].is_superuser and users["national_team"].check_password(
        context.password
    )
    assert can(users["local_organiser"], "edition.change", local)
    assert not can(users["local_organiser"], "edition.change", national)
    assert can(users["organiser"], "edition.change", national)
    assert can(users["reviewer"], "programme.review", national)
    assert can(users["staff"], "registrations.checkin", national)
    assert not Membership.objects.filter(user=users["participant"]).exists()
    assert all(email.endswith("@demo.nec.example") for _, email in context.accounts)


def test_load_demo_command_prints_the_accounts(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "equipe-nationale@demo.nec.example" in out
    assert "demo-nec-2025" in out
