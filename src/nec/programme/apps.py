from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "nec.programme"
    verbose_name = "Programme"
