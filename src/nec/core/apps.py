"""The core app: audit log, e-mail, base templates and shared utilities."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nec.core"
    verbose_name = "Cœur"

    def ready(self) -> None:
        from django.urls import register_converter

        from nec.core.ids import IdConverter

        register_converter(IdConverter, "id")
