"""Management commands of the community app."""
