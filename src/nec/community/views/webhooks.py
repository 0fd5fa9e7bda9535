"""The mail provider's tracking webhook: django-anymail's Brevo view (basic auth, event
parsing, the `tracking` signal our `services.provider_events` listens to), answering a payload it
cannot read with a 400 instead of the parser's exception."""

from anymail.exceptions import AnymailWebhookValidationFailure
from anymail.webhooks.brevo import BrevoTrackingWebhookView


class BrevoTracking(BrevoTrackingWebhookView):
    def parse_events(self, request):
        try:
            return super().parse_events(request)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            # not JSON, or not Brevo's shape (a list, numbers where text is expected …)
            raise AnymailWebhookValidationFailure("unreadable tracking payload") from error
