"""The editions app: editions, organisations, partnerships, per-edition roles and permissions."""

from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "nec.editions"
    verbose_name = "Éditions"

    def ready(self) -> None:
        from nec.editions import checks, permissions, plugins  # noqa: F401  (registers actions)

        plugins.register()
        checks.register()
