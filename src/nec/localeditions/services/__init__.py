"""State changes of the local editions, one module per stage: applications (public form and
confirmation), instruction by the national team, the grant agreement, the follow-up."""

from nec.localeditions.services.applications import (
    CONFIRM_MAX_AGE,
    GRANT_MAX,
    GRANT_MIN,
    MIN_MONTHS_BEFORE,
    confirm_application,
    earliest_event_date,
    pending_application,
    submit_application,
)

__all__ = [
    "CONFIRM_MAX_AGE",
    "GRANT_MAX",
    "GRANT_MIN",
    "MIN_MONTHS_BEFORE",
    "confirm_application",
    "earliest_event_date",
    "pending_application",
    "submit_application",
]
