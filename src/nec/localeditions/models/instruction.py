"""The exchanges around an application: the message thread between the national team and the
applicant (e-mailed both ways), and the files attached to it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nec.localeditions.models.application import Application


class Message(models.Model):
    """One message of an application's thread; `from_team` tells which side wrote it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    from_team = models.BooleanField(_("de l'équipe nationale"), default=False)
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")

    def __str__(self) -> str:
        return self.body[:60]
