"""The core app: audit log, e-mail, base templates and shared utilities."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nec.core"
    verbose_name = "Cœur"
