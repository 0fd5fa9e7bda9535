"""Management commands of the site: load_demo."""
