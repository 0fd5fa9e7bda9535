"""Models of the api app: organisers' personal API tokens (only a hash of the token is stored)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nec.editions.models import Edition


class ApiToken(models.Model):
    """A personal token reading one edition's registrations through the API, revocable."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nom"), max_length=100)
    #: SHA-256 of the token, hex; the token itself is shown once and never stored
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("jeton d'API")
        verbose_name_plural = _("jetons d'API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
