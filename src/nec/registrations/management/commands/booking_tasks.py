"""Queue the periodic booking tasks: `nec manage booking_tasks` from cron (e.g. every 15 min;
the reminder is sent once per person and day, whatever the number of runs)."""

from django.core.management.base import BaseCommand

from nec.registrations import tasks


class Command(BaseCommand):
    help = "Queue the expiry of waiting-list offers and the reminders of tomorrow's sessions."

    def add_arguments(self, parser):
        parser.add_argument("--day", help="ISO date of the sessions to remind (default: tomorrow)")

    def handle(self, *args, day=None, **options):
        expired = tasks.expire_offers_task.enqueue()
        reminded = tasks.send_reminders.enqueue(day)
        self.stdout.write(f"queued: {expired.id} (offers), {reminded.id} (reminders)")
