"""Load the demo data: the real history, then each app's fake but realistic data.

Idempotent: every loader checks what is there before adding, so a second run adds nothing."""

import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from nec.core.demo import DemoContext
from nec.core.maintenance import refresh_statistics
from nec.site.demo import DEMO_LOADERS


class Command(BaseCommand):
    help = "Load the NEC demo data (idempotent)."

    def handle(self, *args, **options):
        context = DemoContext(rng=random.Random(2025), stdout=self.stdout)
        # The demo's people are fictitious: what loading them e-mails (also after each commit)
        # stays in memory.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            for loader in DEMO_LOADERS:
                with transaction.atomic():
                    loader(context)
        refresh_statistics()  # what the daily job would do after such a bulk load
        self.stdout.write("")
        self.stdout.write(
            "Comptes de démonstration : connexion sur /compte/connexion/ par lien magique "
            "(affiché dans cette console)"
        )
        self.stdout.write(
            f"ou, pour l'équipe, par mot de passe « {context.password} » sur "
            "/compte/connexion/mot-de-passe/ :"
        )
        width = max((len(role) for role, _ in context.accounts), default=0)
        for role, email in context.accounts:
            self.stdout.write(f"  {role:<{width}}  {email}")
