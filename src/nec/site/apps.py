"""The top layer: pages that aggregate every app, and the demo orchestration."""

from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "nec.site"
    label = "nec_site"
    verbose_name = "Site"
