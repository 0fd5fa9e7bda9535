"""`nec manage community_retention`: run the daily retention pass now (for cron, if the task
scheduler is not used) and print what it did."""

from django.core.management.base import BaseCommand

from nec.community.services.retention import run_retention


class Command(BaseCommand):
    help = "Run the retention pass of the community (re-consent mails, deletions, purges)."

    def handle(self, *args, **options):
        run = run_retention()
        self.stdout.write(
            f"re-consent mails: {run.reconsent_mails}, contacts deleted: {run.contacts_deleted}, "
            f"unconfirmed registrations purged: {run.registrations_purged}, "
            f"sign-in requests purged: {run.sign_in_requests_purged}"
        )
