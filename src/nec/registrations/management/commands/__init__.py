"""Management commands of the registrations app: `booking_tasks` (periodic booking work)."""
