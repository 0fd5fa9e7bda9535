"""Background work of local editions: the daily reminder of overdue retro-planning milestones
and the purge of forgotten drafts
(registered as periodic jobs in `apps.py`)."""

from django_tasks import task

from nec.localeditions.personal_data import purge_stale_drafts
from nec.localeditions.services.followup import send_overdue_reminders


@task()
def remind_overdue_milestones() -> int:
    """E-mail each local edition's organisers their overdue milestones, once per milestone."""
    return send_overdue_reminders()


@task()
def purge_drafts() -> int:
    """Delete the application drafts nobody saved again for six months."""
    return purge_stale_drafts()
