"""Template tags of the core (formatting helpers)."""
