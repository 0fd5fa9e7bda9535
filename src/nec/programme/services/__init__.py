"""Every state change of the programme, one module per area: `setup` (format types, themes,
tracks, rooms, slots), `sessions` (sessions and their speakers), `schedule` (placing in the grid and
publishing), `proposals` (call for proposals), `cospeakers` (co-speakers' invitations), `reviews`
(reviews and decisions), `review_queue` (read-only: which scores a reviewer sees, the walk from
one proposal to the next) and `offers` (the partner offer catalogue).

Each function validates, saves inside a transaction, writes the audit log and sends the e-mails;
views only call them. The acting user is always the keyword-only `actor` (None for the system).
Errors are `django.core.exceptions.ValidationError` with a French message (a dict keyed by form
field where it applies)."""
