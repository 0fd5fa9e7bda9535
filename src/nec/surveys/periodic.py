"""The survey's periodic job: sent the day after the event, reminded a week later (registered
with `nec.core.periodic` in `apps.py`)."""

from django_tasks import task

from nec.surveys.services import run_automatic


@task()
def send_automatic_surveys() -> dict[str, int]:
    """Daily: the surveys due the day after their event, and their reminder."""
    return run_automatic()
