"""`nec manage periodic minute|day`: enqueue the periodic tasks every app registered
(`nec.core.periodic`), for cron; `--list` shows them."""

from django.core.management.base import BaseCommand, CommandError

from nec.core import periodic


class Command(BaseCommand):
    help = "Enqueue the periodic tasks of one rhythm (minute or day)."

    def add_arguments(self, parser):
        parser.add_argument("every", nargs="?", choices=periodic.RHYTHMS)
        parser.add_argument("--list", action="store_true", help="list the registered tasks")

    def handle(self, *args, every=None, list=False, **options):
        if list:
            for job in periodic.jobs():
                self.stdout.write(f"{job.every:7} {job.key:40} {job.label}")
            return
        if every is None:
            raise CommandError("say which rhythm to run: minute or day (or --list)")
        for job in periodic.jobs(every):
            result = job.task.enqueue()
            self.stdout.write(f"queued {job.key}: {result.id}")
