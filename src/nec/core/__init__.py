"""The ground layer: audit log, e-mail, base templates, CSS, middleware and shared utilities."""
