"""Demo data orchestration. Each app exposes `load_demo(context)` in its `demo.py`; they run in
this order, each in its own transaction, each idempotent."""

import random
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

DEMO_PASSWORD = "demo-nec-2025"


@dataclass
class DemoContext:
    rng: random.Random
    stdout: Any = None
    password: str = DEMO_PASSWORD
    accounts: list[tuple[str, str]] = field(default_factory=list)
    #: shared objects the loaders hand on to each other (e.g. "national_edition")
    objects: dict[str, Any] = field(default_factory=dict)

    def national_edition(self):
        """The national edition the loaders fill: the one the editions loader handed on, else the
        current one (None when there is none)."""
        edition = self.objects.get("national_edition")
        if edition is None:
            from nec.editions.selectors import current_national_edition

            edition = current_national_edition()
        return edition

    def say(self, text: str) -> None:
        if self.stdout is not None:
            self.stdout.write(text)


def _loader(module: str):
    def run(context: DemoContext) -> None:
        mod = import_module(module)
        if hasattr(mod, "load_demo"):
            mod.load_demo(context)

    run.__name__ = module
    return run


DEMO_LOADERS = [
    _loader("nec.editions.demo"),
    _loader("nec.accounts.demo"),
    _loader("nec.programme.demo"),
    _loader("nec.programme.demo_cfp"),
    _loader("nec.registrations.demo"),
]
