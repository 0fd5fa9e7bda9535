"""Texts written by organisers with `{name}` placeholders (e-mails): filled by plain
substitution, so a placeholder can never format, pad or reach an attribute (`{titre:>300000}`,
`{titre:d}`, `{titre.__class__}` are refused as unknown placeholders)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_PART = re.compile(r"(\{[^{}]*\})")


def _names(text: str) -> list[str]:
    names = []
    for part in _PART.split(text):
        if part.startswith("{") and part.endswith("}") and len(part) >= 2:
            names.append(part[1:-1])
        elif "{" in part or "}" in part:
            raise ValidationError(
                _("Accolade mal fermée : écrivez les champs sous la forme {titre}."),
                code="stray_brace",
            )
    return names


def check_placeholders(text: str, allowed: Iterable[str]) -> None:
    """Raise a ValidationError (in French) for a stray brace or a placeholder not in `allowed`."""
    allowed = list(allowed)
    unknown = sorted(set(_names(text)) - set(allowed))
    if unknown:
        raise ValidationError(
            _("Champs inconnus : %(unknown)s. Champs possibles : %(known)s.")
            % {
                "unknown": ", ".join("{" + name + "}" for name in unknown),
                "known": ", ".join("{" + name + "}" for name in allowed),
            },
            code="unknown_placeholder",
        )


def fill_placeholders(text: str, values: Mapping[str, str], allowed: Iterable[str]) -> str:
    """`text` with each `{name}` replaced by `values[name]` (empty when missing)."""
    check_placeholders(text, allowed)
    return _PART.sub(lambda match: str(values.get(match.group(0)[1:-1], "")), text)
