"""Views of the programme app."""
