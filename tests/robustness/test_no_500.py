"""Every page of every app — found by walking the URL configuration, as the scoping matrix does —
is sent malformed input by an anonymous visitor, a participant and an organiser: non-numeric and
huge ids, 100 KB strings, invalid UTF-8, missing and duplicated fields, dates in year 1 and 9999.
Nothing may answer 500: a 4xx, a redirect or the form with its errors. Every GET page also
answers HEAD, and a draft edition is a 404 on every public page."""

from __future__ import annotations

import logging
import re

import pytest
from django.core.signals import got_request_exception
from django.db import transaction
from django.test import Client

from nec.core.url_walk import walk_routes
from nec.programme.models import PartnerOffer, Room, Speaker, TimeSlot
from nec.registrations.models import Booking, Question
from tests.robustness.world import build_world

pytestmark = pytest.mark.django_db

PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', re.IGNORECASE)
COMMON_FIELDS = [
    "q", "page", "session", "sessions", "registration", "booking", "jour", "day", "theme",
    "track", "format_type", "status", "next", "action", "email", "slot", "room", "pk",
]  # fmt: skip
HUGE_ID = str(10**30)
LONG_TEXT = "é" * 50_000  # 100 KB in UTF-8
BAD_VALUES = [LONG_TEXT, "²", HUGE_ID, "abc", "0001-01-01", "9999-12-31T23:00", "-5", "a\x00b"]
# pages that change who is signed in or remove the rows the others show: walked last
LAST = re.compile(r"logout|deconnexion|supprimer|retirer|annuler|delete|remove|cancel|unplace")


def _routes():
    routes = [
        route
        for route in walk_routes()
        if not route.route.startswith(("^", "django-admin/", "i18n/"))
    ]
    return sorted(routes, key=lambda r: (bool(LAST.search(r.route)), r.route))


def _candidate_ids(world) -> list[int]:
    ids = [
        world.session.pk,
        world.registration.pk,
        *world.edition.sessions.values_list("pk", flat=True),
        *Booking.objects.values_list("pk", flat=True),
        *Speaker.objects.values_list("pk", flat=True),
        *Room.objects.values_list("pk", flat=True),
        *TimeSlot.objects.values_list("pk", flat=True),
        *world.edition.format_types.values_list("pk", flat=True)[:2],
        *world.edition.partnerships.values_list("pk", flat=True),
        *world.edition.memberships.values_list("pk", flat=True),
        *Question.objects.filter(edition=world.edition).values_list("pk", flat=True)[:2],
        *PartnerOffer.objects.values_list("pk", flat=True),
    ]
    return list(dict.fromkeys(ids))


def _path(route, world, id_value) -> str:
    def value(match):
        conv, name = match["conv"] or "str", match["name"]
        if name == "edition":
            return world.edition.slug
        if conv == "id":
            return str(id_value)
        if name == "kind":
            return "theme"
        return world.slug_for(route.name)

    return "/" + PARAM.sub(value, route.route)


def _real_path(client, route, world, ids) -> str:
    """A path of `route` whose page exists (a real id where the route takes one)."""
    if "<id:" not in route.route:
        return _path(route, world, 0)
    for candidate in ids:
        path = _path(route, world, candidate)
        if client.get(path).status_code == 200:
            return path
    return _path(route, world, ids[0])


def _client_for(role, world) -> Client:
    client = Client(raise_request_exception=False)
    user = {"participant": world.participant, "organiser": world.organiser}.get(role)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def errors():
    """The exceptions raised while handling requests, to explain any 500."""
    raised = []

    def collect(sender, request=None, **kwargs):
        import sys

        raised.append(
            f"{request.method if request else '?'} {request and request.path}: "
            f"{sys.exc_info()[1]!r}"[:300]
        )

    got_request_exception.connect(collect)
    yield raised
    got_request_exception.disconnect(collect)


@pytest.mark.parametrize("role", ["anonymous", "participant", "organiser"])
def test_no_input_gives_a_500(role, errors, caplog):
    # Django logs every 4xx with its request, and every refused suspicious input with its
    # traceback; pytest keeps the records of a test, so thousands of requests carrying megabytes
    # of bad input would stay in memory (6 GB). Server errors are counted from the status codes.
    caplog.set_level(logging.CRITICAL, logger="django.request")
    caplog.set_level(logging.CRITICAL, logger="django.security")
    world = build_world()
    ids = _candidate_ids(world)
    failures = []

    def check(response, what):
        if response.status_code >= 500:
            failures.append(f"{what} -> {response.status_code}")

    for route in _routes():
        # each route starts from the same world: what its bad input saved is rolled back
        # (100 KB texts saved thousands of times would otherwise fill the test database)
        with transaction.atomic():
            _walk_route(route, role, world, ids, check, failures)
            transaction.set_rollback(True)
    assert failures == [], "\n".join(failures + ["", "exceptions:"] + errors[:40])


def _walk_route(route, role, world, ids, check, failures) -> None:
    client = _client_for(role, world)
    path = _real_path(client, route, world, ids)
    page = client.get(path)
    check(page, f"GET {path}")
    if page.status_code == 200:
        head = client.head(path)
        if head.status_code in (405, 500):
            failures.append(f"HEAD {path} -> {head.status_code}")
    names = set(COMMON_FIELDS)
    if page.status_code == 200 and "html" in page.get("Content-Type", ""):
        names |= set(FIELD.findall(page.content.decode(errors="replace")))
    names.discard("csrfmiddlewaretoken")
    if "<id:" in route.route:
        check(client.get(_path(route, world, "999999999999999999")), f"GET {path} max id")
    for bad in ("²", "a" * 3000):
        if re.search(r"<(str:)?(token)>", route.route):
            bad_path = _path(route, world, 0).replace("/x", "/" + bad, 1)
            check(client.get(bad_path), f"GET {bad_path[:80]}")
    for bad in (LONG_TEXT, "²", HUGE_ID, "0001-01-01"):
        check(client.get(path, {name: bad for name in names}), f"GET {path} ?*={bad[:12]}")
    for bad in BAD_VALUES:
        check(client.post(path, {name: bad for name in names}), f"POST {path} *={bad[:12]}")
    check(client.post(path, {}), f"POST {path} (empty)")
    check(
        client.post(path, {name: ["1", "²", HUGE_ID] for name in names}),
        f"POST {path} (duplicated fields)",
    )
    check(
        client.generic(
            "POST",
            path,
            b"q=%FF%FE&email=\xff\xfe&sessions=%C3",
            content_type="application/x-www-form-urlencoded",
        ),
        f"POST {path} (invalid UTF-8)",
    )


@pytest.mark.parametrize("role", ["anonymous", "participant"])
def test_a_draft_edition_is_a_404_on_every_public_page(role):
    world = build_world()
    client = _client_for(role, world)
    seen = []
    for route in _routes():
        if route.route.startswith("orga/") or "<slug:edition>" not in route.route:
            continue
        if "<id:" in route.route:
            ids = list(world.draft.sessions.values_list("pk", flat=True)) or [1]
        else:
            ids = [0]
        for candidate in ids[:1]:
            path = _path(route, world, candidate).replace(world.edition.slug, world.draft.slug)
            response = client.get(path)
            seen.append(route.name)
            assert response.status_code in (404, 405) or (
                role == "anonymous" and response.status_code == 302
            ), f"{path} -> {response.status_code}"
    assert {"programme:programme", "registrations:booking_list", "programme:cfp_call"} <= set(seen)
