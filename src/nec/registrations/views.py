"""Views of the registrations app."""
