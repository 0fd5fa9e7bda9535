from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "nec.editions"
    verbose_name = "Éditions"
