"""Bookkeeping of schedule imports: which local row each imported item became."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nec.editions.models import Edition


class ImportedItem(models.Model):
    """Which local row an item of an imported schedule became, so re-importing updates it."""

    class Kind(models.TextChoices):
        SESSION = "session", _("session")
        SPEAKER = "speaker", _("intervenant·e")
        ROOM = "room", _("salle")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="imported_items")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    external_id = models.CharField(max_length=120)
    object_id = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "kind", "external_id"], name="importeditem_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.external_id} -> {self.object_id}"
