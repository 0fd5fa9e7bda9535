"""Robustness: no input, however malformed, gives a 500."""
