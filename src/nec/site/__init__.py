"""The site: public pages that aggregate every app (home, charter, legal pages) and the demo."""
