"""The demo's shared context: what each app's demo loader receives and hands on to the next.

The loaders themselves and their order are in `nec.site.demo` (the top layer, which may name
every app); each runs in its own transaction and is idempotent."""

import random
from dataclasses import dataclass, field
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
        """The national edition the loaders fill, as the editions loader handed it on (None when
        there is none)."""
        return self.objects.get("national_edition")

    def say(self, text: str) -> None:
        if self.stdout is not None:
            self.stdout.write(text)
