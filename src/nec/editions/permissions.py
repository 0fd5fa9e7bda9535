"""The one place that answers "may this user do this on this edition?".

Every view asks `can()` (directly or through `nec.editions.scoping`). Each app registers its own
action codes with the per-edition roles allowed to do them, in its `AppConfig.ready()`:

    from nec.editions.permissions import ORGANISER, REVIEWER, register_actions
    register_actions({"programme.view": {ORGANISER, REVIEWER}})

The national team may do everything, everywhere. An unknown action code is a programming error:
`can()` raises, and the system check `nec.E001` names any view or link using one at start-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db.models import QuerySet

from nec.accounts.permissions import is_national_team
from nec.editions.models import Edition, Membership

ORGANISER = Membership.Role.ORGANISER
PARTNER = Membership.Role.PARTNER
SPEAKER = Membership.Role.SPEAKER
REVIEWER = Membership.Role.REVIEWER
STAFF = Membership.Role.STAFF

#: action code -> roles on the edition that grant it. National team: always granted.
RULES: dict[str, frozenset[str]] = {}

#: Actions only the national team may perform, whatever the edition.
NATIONAL_ONLY: set[str] = set()

_ROLES = frozenset(Membership.Role.values)


def register_actions(rules: Mapping[str, Iterable[str]]) -> None:
    """Declare per-edition actions and the roles granting them. Registering a code twice with
    other roles, or naming an unknown role, fails at once (it would silently change access)."""
    for action, roles in rules.items():
        roles = frozenset(roles)
        unknown = roles - _ROLES
        if unknown:
            raise ValueError(f"Unknown role(s) {sorted(unknown)} for action {action!r}")
        if action in NATIONAL_ONLY or RULES.get(action, roles) != roles:
            raise ValueError(f"Action {action!r} is already registered with other rules")
        RULES[action] = roles


def register_national_actions(actions: Iterable[str]) -> None:
    """Declare actions reserved to the national team."""
    for action in actions:
        if action in RULES:
            raise ValueError(f"Action {action!r} is already registered as a per-edition action")
        NATIONAL_ONLY.add(action)


def is_known_action(action: str) -> bool:
    return action in RULES or action in NATIONAL_ONLY


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
    if not is_known_action(action):
        raise KeyError(f"Unknown permission action: {action!r}")
    if is_national_team(user):
        return True
    if action in NATIONAL_ONLY or edition is None:
        return False
    return bool(roles_on(user, edition) & RULES[action])


def editions_for(user, action: str = "edition.view_dashboard") -> QuerySet[Edition]:
    """The editions on which `user` may perform `action`."""
    if not is_known_action(action):
        raise KeyError(f"Unknown permission action: {action!r}")
    if is_national_team(user):
        return Edition.objects.all()
    if not getattr(user, "is_authenticated", False) or action in NATIONAL_ONLY:
        return Edition.objects.none()
    return Edition.objects.filter(
        memberships__user=user, memberships__role__in=list(RULES[action])
    ).distinct()


# The editions app's own actions.
register_actions(
    {
        "edition.view_dashboard": {ORGANISER, REVIEWER, STAFF, PARTNER},
        "edition.change": {ORGANISER},
        "edition.manage_partnerships": {ORGANISER},
        "edition.manage_members": {ORGANISER},
        "edition.view_audit": {ORGANISER},
    }
)
register_national_actions({"edition.create", "audit.view_all", "edition.change_status"})
