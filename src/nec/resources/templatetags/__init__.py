"""Template tags of the resources library."""
