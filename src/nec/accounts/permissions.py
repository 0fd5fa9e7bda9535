"""Account-level permission: membership of the national team.

Per-edition permissions (roles on an edition, action codes) live in `nec.editions.permissions`,
which builds on this."""


def is_national_team(user) -> bool:
    """National team members (and superusers) may do everything, on every edition."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_national_team or user.is_superuser)
    )
