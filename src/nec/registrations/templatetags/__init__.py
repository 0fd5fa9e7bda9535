"""Template tags of the registrations app (seats left and booking buttons on programme pages)."""
