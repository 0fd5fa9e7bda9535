"""Signed tokens of the community's personal links: unsubscribe, preferences, tracked clicks and
opens. Stateless (`nec.core.signed_links.make_token`, one salt per use): altered → refused."""

from __future__ import annotations

from datetime import timedelta

from django.core import signing

from nec.core.signed_links import LinkError, read_token

UNSUBSCRIBE_SALT = "nec.community.unsubscribe"
PREFERENCES_SALT = "nec.community.preferences"
CLICK_SALT = "nec.community.click"
OPEN_SALT = "nec.community.open"

#: an unsubscribe or preference link must work for as long as an old mail may be read
LONG_LIFE = timedelta(days=3 * 365)


def read_link_token(token: str, *, salt: str, max_age: timedelta = LONG_LIFE) -> dict:
    """The payload; LinkError('invalid'|'expired') otherwise (also for absurdly long input)."""
    if len(token) > 2000:
        raise LinkError("invalid")
    try:
        return read_token(token, salt=salt, max_age=max_age)
    except (ValueError, UnicodeError, signing.BadSignature) as error:
        raise LinkError("invalid") from error
