"""permissions.can() and editions_for(): who may do what on which edition."""

import pytest
from django.contrib.auth.models import AnonymousUser

from nec.editions.models import Membership
from nec.editions.permissions import NATIONAL_ONLY, RULES, can, editions_for
from tests.factories import make_edition, make_member, make_national, make_user

pytestmark = pytest.mark.django_db

Role = Membership.Role


@pytest.fixture
def editions():
    return make_edition("rennes", kind="local"), make_edition("tours", kind="local")


def test_national_team_may_do_everything_everywhere(editions):
    national = make_national()
    for action in [*RULES, *NATIONAL_ONLY]:
        for edition in editions:
            assert can(national, action, edition), action
    assert set(editions_for(national)) == set(editions)


def test_superuser_counts_as_national_team(editions):
    admin = make_user("admin@anct.example", is_superuser=True)
    assert can(admin, "edition.create")
    assert can(admin, "edition.change", editions[0])


def test_organiser_manages_only_their_edition(editions):
    rennes, tours = editions
    organiser = make_member("orga@rennes.example", rennes, Role.ORGANISER)
    for action in ("edition.change", "edition.manage_partnerships", "edition.manage_members"):
        assert can(organiser, action, rennes)
        assert not can(organiser, action, tours)
    assert list(editions_for(organiser)) == [rennes]
    assert list(editions_for(organiser, "edition.change")) == [rennes]


def test_organiser_may_not_do_national_only_actions(editions):
    rennes, _ = editions
    organiser = make_member("orga@rennes.example", rennes, Role.ORGANISER)
    for action in NATIONAL_ONLY:
        assert not can(organiser, action, rennes)
        assert not can(organiser, action)


def test_reviewer_sees_the_dashboard_and_reviews_but_does_not_change_the_edition(editions):
    rennes, tours = editions
    reviewer = make_member("relecture@exemple.fr", rennes, Role.REVIEWER)
    assert can(reviewer, "edition.view_dashboard", rennes)
    assert can(reviewer, "programme.review", rennes)
    assert not can(reviewer, "programme.review", tours)
    for action in ("edition.change", "edition.manage_members", "edition.view_audit"):
        assert not can(reviewer, action, rennes)
    assert list(editions_for(reviewer, "edition.change")) == []


def test_partner_and_speaker_roles(editions):
    rennes, _ = editions
    partner = make_member("partenaire@exemple.fr", rennes, Role.PARTNER)
    speaker = make_member("intervenante@exemple.fr", rennes, Role.SPEAKER)
    assert can(partner, "edition.view_dashboard", rennes)
    assert not can(partner, "edition.change", rennes)
    assert not can(speaker, "edition.view_dashboard", rennes)
    assert not can(speaker, "edition.change", rennes)


def test_anonymous_and_inactive_people_may_do_nothing(editions):
    rennes, _ = editions
    anonymous = AnonymousUser()
    inactive = make_member("parti@exemple.fr", rennes, Role.ORGANISER)
    inactive.is_active = False
    inactive.save()
    inactive_national = make_user("ancien@anct.example", is_national_team=True, is_active=False)
    for person in (anonymous, inactive, inactive_national):
        for action in RULES:
            assert not can(person, action, rennes)
        assert not can(person, "edition.create")
    assert list(editions_for(anonymous)) == []


def test_without_an_edition_per_edition_actions_are_refused(editions):
    rennes, _ = editions
    organiser = make_member("orga@rennes.example", rennes, Role.ORGANISER)
    assert not can(organiser, "edition.change")


def test_unknown_action_is_an_error_not_a_silent_refusal(editions):
    with pytest.raises(KeyError):
        can(make_national(), "edition.fly_to_the_moon", editions[0])


def test_role_cache_does_not_leak_between_editions(editions):
    rennes, tours = editions
    organiser = make_member("orga@rennes.example", rennes, Role.ORGANISER)
    assert can(organiser, "edition.change", rennes)
    assert not can(organiser, "edition.change", tours)
    assert can(organiser, "edition.change", rennes)
