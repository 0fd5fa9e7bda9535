"""Validators of edition data: SIRET numbers (Luhn, with La Poste's exception)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siret(value: str) -> None:
    """A SIRET is 14 digits passing the Luhn checksum (La Poste's establishments excepted)."""
    cleaned = value.replace(" ", "")
    if not (cleaned.isascii() and cleaned.isdigit()) or len(cleaned) != 14:
        raise ValidationError(_("Un SIRET compte exactement 14 chiffres."), code="siret_format")
    # La Poste (SIREN 356000000) numbers its establishments with a digit-sum rule instead.
    if cleaned.startswith("356000000"):
        if sum(int(c) for c in cleaned) % 5 == 0:
            return
    elif luhn_valid(cleaned):
        return
    raise ValidationError(
        _("Ce SIRET n'est pas valide : sa clé de contrôle ne correspond pas."),
        code="siret_checksum",
    )
