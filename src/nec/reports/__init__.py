"""The edition's report ('bilan'): figures computed from the edition's own data, overrides with
reasons, the web page, its PDF and CSV."""
