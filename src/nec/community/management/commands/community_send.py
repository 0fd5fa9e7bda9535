"""`nec manage community_send <mailing id>`: run the sending loop of one mailing in the
foreground (what the background task does), e.g. to finish a mailing by hand after a crash.
`--stale-after 0` first marks every row left "sending" by a dead worker as uncertain."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from nec.community.services.sending import recover_stalled, run_mailing


class Command(BaseCommand):
    help = "Send the pending recipients of a mailing (crash-safe)."

    def add_arguments(self, parser):
        parser.add_argument("mailing_id", type=int)
        parser.add_argument(
            "--stale-after",
            type=int,
            default=None,
            help="seconds after which a row still 'sending' is deemed abandoned (uncertain)",
        )

    def handle(self, *args, mailing_id, stale_after, **options):
        if stale_after is not None:
            uncertain = recover_stalled(older_than=timedelta(seconds=stale_after))
            self.stdout.write(f"uncertain: {uncertain}")
        sent = run_mailing(mailing_id)
        self.stdout.write(f"sent: {sent}")
