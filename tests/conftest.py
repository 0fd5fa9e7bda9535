"""Fixtures shared by every test: uploads in a temporary folder, the editions and the people most
tests act on (the builders are in tests/factories.py)."""

import pytest

from nec.editions.models import Edition
from tests.factories import make_edition, make_member, make_national


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    private = {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path / "private"}}
    settings.STORAGES = {**settings.STORAGES, "private": private}


@pytest.fixture(autouse=True)
def _french_after_each_test():
    """A request in English leaves English active in the thread: start every test in French, as
    the site does, whatever ran before it on the same worker."""
    from django.utils import translation

    translation.activate("fr")
    yield
    translation.activate("fr")


@pytest.fixture
def edition(db):
    """A published national edition, two months ahead, with the default questionnaire."""
    return make_edition("nec-test", with_questionnaire=True)


@pytest.fixture
def other_edition(db):
    """A second edition, local: what the people of `edition` must not reach."""
    return make_edition(
        "nec-locale", kind=Edition.Kind.LOCAL, title="NEC local", with_questionnaire=True
    )


@pytest.fixture
def organiser(edition):
    return make_member("orga@example.fr", edition, first_name="Olga", last_name="Orga")


@pytest.fixture
def other_organiser(other_edition):
    return make_member("autre@example.fr", other_edition)


@pytest.fixture
def national(db):
    """A member of the national team (may do everything on every edition)."""
    return make_national()
