"""The core app: audit log, e-mail, base templates and shared utilities."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nec.core"
    verbose_name = "Cœur"

    def ready(self) -> None:
        from django.urls import register_converter

        from nec.core.ids import IdConverter

        register_converter(IdConverter, "id")

        from django.utils.translation import gettext_lazy as _

        from nec.core import periodic
        from nec.core.maintenance import refresh_statistics_task

        periodic.register(
            "core.database_statistics",
            refresh_statistics_task,
            every="day",
            label=_("Mettre à jour les statistiques de la base de données (SQLite)"),
        )
