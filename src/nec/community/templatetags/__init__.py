"""Template tags of the community app."""
