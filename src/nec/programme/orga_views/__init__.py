"""Espace organisation of the programme, one module per page family: `sessions` (sessions and
speakers), `setup` (rooms, slots, format types, themes and tracks), `grid` (the timetable editor)
and `publication` (the charter dashboard and publishing). Every view goes through `edition_view`
and fetches rows within `request.edition`; state changes go through `nec.programme.services`."""
