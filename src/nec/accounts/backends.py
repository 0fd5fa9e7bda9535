"""The one password check of every entry point (the site's form, the Django admin, any later
one): Django's model backend with failed attempts counted and limited.

Failures are counted per (address, client) and per client, never per address alone: someone
guessing from elsewhere cannot lock the owner out of their password, and the magic link always
works."""

from django.contrib.auth.backends import ModelBackend

from nec.accounts import services
from nec.core.http import client_ip

#: the backend recorded in the session of people signed in without a password (magic link,
#: registration confirmation): the only one configured
BACKEND_PATH = "nec.accounts.backends.ThrottledModelBackend"

#: the longest e-mail address (RFC 5321); anything longer is refused without a query
MAX_EMAIL_LENGTH = 254


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (username or kwargs.get("email") or "")[: MAX_EMAIL_LENGTH + 1]
        ip_address = client_ip(request) if request is not None else None
        if email and services.password_attempts_exceeded(email, ip_address):
            if request is not None:
                request.nec_password_throttled = True  # read by the forms for their message
            return None
        if len(email) > MAX_EMAIL_LENGTH:  # no such address; never a pattern too long to search
            user = None
        else:
            user = super().authenticate(request, username=email, password=password, **kwargs)
        if user is None and email and password is not None:
            services.record_password_failure(email, ip_address)
        return user
