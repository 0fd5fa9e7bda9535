"""The public read-only open-data API (django-ninja, OpenAPI 3) and organisers' personal API
tokens."""
