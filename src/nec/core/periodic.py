"""Periodic work, registered by each app and queued by cron through `nec manage periodic`.

An app registers, in its `AppConfig.ready()`, a background task (`django_tasks`) and how often it
runs:

    periodic.register("registrations.expire_offers", tasks.expire_offers_task, every="minute",
                      label=_("Expirer les places proposées sans réponse"))

`nec manage periodic minute` (cron, every minute) and `nec manage periodic day` (cron, daily)
enqueue every task of that rhythm; the worker (`nec manage db_worker`) runs them. Each task must
be idempotent: a second run in the same period does no harm.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

RHYTHMS = ("minute", "day")


@dataclass(frozen=True)
class PeriodicJob:
    key: str
    task: Any  # a django_tasks Task: has .enqueue()
    every: str
    label: str | Promise


_JOBS: dict[str, PeriodicJob] = {}


def register(key: str, task: Any, *, every: str, label: str | Promise) -> None:
    if every not in RHYTHMS:
        raise ValueError(f"periodic job {key!r}: every must be one of {RHYTHMS}, not {every!r}")
    _JOBS[key] = PeriodicJob(key, task, every, label)


def jobs(every: str | None = None) -> list[PeriodicJob]:
    return sorted(
        (job for job in _JOBS.values() if every is None or job.every == every),
        key=lambda job: job.key,
    )
