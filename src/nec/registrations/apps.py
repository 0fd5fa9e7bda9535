from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "nec.registrations"
    verbose_name = "Inscriptions"
