"""Management commands of the registrations app."""
