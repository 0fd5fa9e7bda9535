"""The fair allocation as a background task (django-tasks: the database worker in production,
the immediate backend in tests): booking the seats of a national edition takes minutes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django_tasks import task

from nec.accounts.models import User
from nec.editions.models import Edition
from nec.timetabling.allocation_services import close_window


@task()
def run_allocation(edition_pk: int, actor_pk: int | None) -> str:
    edition = Edition.objects.filter(pk=edition_pk).first()
    if edition is None:
        return "skipped"
    actor = User.objects.filter(pk=actor_pk).first() if actor_pk else None
    try:
        window = close_window(edition, actor=actor)
    except ValidationError as error:  # already allocated by an earlier run
        return " ".join(error.messages)
    return f"{window.results['seats_given']} seats"
