"""Editions (national and local), organisations, partnerships, per-edition roles and permissions."""
