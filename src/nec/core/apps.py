from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nec.core"
    verbose_name = "Cœur"
