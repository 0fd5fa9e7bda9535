"""Background work of the community app (django-tasks; `nec manage db_worker` in production, the
immediate backend in tests). The tasks live next to what they serve and are listed here:
`send_mailing_task` (crash-safe sending), `start_due_mailings_task` (periodic, every minute),
`retention_task` (daily)."""

from nec.community.services.mailings import start_due_mailings_task
from nec.community.services.retention import retention_task
from nec.community.services.sending import send_mailing_task

__all__ = ["retention_task", "send_mailing_task", "start_due_mailings_task"]
