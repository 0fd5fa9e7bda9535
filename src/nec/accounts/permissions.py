"""The one place that answers "may this user do this on this edition?".

Every view asks `can()` (directly or through `nec.editions.scoping`). Rules map an action code to
the per-edition roles allowed to do it; the national team may do everything, everywhere.
Apps add their own actions to RULES rather than testing roles themselves.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from nec.editions.models import Edition, Membership

ORGANISER = Membership.Role.ORGANISER
PARTNER = Membership.Role.PARTNER
SPEAKER = Membership.Role.SPEAKER
REVIEWER = Membership.Role.REVIEWER
STAFF = Membership.Role.STAFF

#: action code -> roles on the edition that grant it. National team: always granted.
RULES: dict[str, frozenset[str]] = {
    # editions
    "edition.view_dashboard": frozenset({ORGANISER, REVIEWER, STAFF, PARTNER}),
    "edition.change": frozenset({ORGANISER}),
    "edition.manage_partnerships": frozenset({ORGANISER}),
    "edition.manage_members": frozenset({ORGANISER}),
    "edition.view_audit": frozenset({ORGANISER}),
    # programme
    "programme.view": frozenset({ORGANISER, REVIEWER}),
    "programme.manage": frozenset({ORGANISER}),
    "programme.review": frozenset({ORGANISER, REVIEWER}),
    "programme.publish": frozenset({ORGANISER}),
    # programme: partner offer catalogue (cfp helper)
    "offers.manage": frozenset({PARTNER}),
    "offers.use": frozenset({ORGANISER}),
    # registrations
    "registrations.view": frozenset({ORGANISER}),
    "registrations.manage": frozenset({ORGANISER}),
    "registrations.checkin": frozenset({ORGANISER, STAFF}),
}

#: Actions only the national team may perform, whatever the edition.
NATIONAL_ONLY: frozenset[str] = frozenset(
    {"edition.create", "audit.view_all", "edition.change_status"}
)


def is_national_team(user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_national_team or user.is_superuser)
    )


def roles_on(user, edition: Edition) -> set[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cache = getattr(user, "_nec_roles_cache", None)
    if cache is None:
        cache = {}
        user._nec_roles_cache = cache
    if edition.pk not in cache:
        cache[edition.pk] = set(
            Membership.objects.filter(user=user, edition=edition).values_list("role", flat=True)
        )
    return cache[edition.pk]


def can(user, action: str, edition: Edition | None = None) -> bool:
    """True if `user` may perform `action` (on `edition` when the action is per edition)."""
    if action not in RULES and action not in NATIONAL_ONLY:
        raise KeyError(f"Unknown permission action: {action!r}")
    if is_national_team(user):
        return True
    if action in NATIONAL_ONLY or edition is None:
        return False
    return bool(roles_on(user, edition) & RULES[action])


def editions_for(user, action: str = "edition.view_dashboard") -> QuerySet[Edition]:
    """The editions on which `user` may perform `action`."""
    if is_national_team(user):
        return Edition.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Edition.objects.none()
    roles: Iterable[str] = RULES.get(action, frozenset())
    return Edition.objects.filter(
        memberships__user=user, memberships__role__in=list(roles)
    ).distinct()
