"""The registrations app: registrations to an edition (with its questionnaire), session bookings
with capacity and waiting list, and check-in at the door."""
