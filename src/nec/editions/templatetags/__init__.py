"""Template tags of the editions app (the orga sub-navigation)."""
