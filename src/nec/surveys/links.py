"""The personal survey link: a signed token naming one invitation (no sign-in needed)."""

from datetime import timedelta

from nec.core.signed_links import LinkError, link_url, make_token, read_token

SALT = "nec.surveys.answer"
#: a link lives long enough for any survey; closing the survey is what ends the answers
MAX_AGE = timedelta(days=365)


def token_for(response) -> str:
    return make_token({"r": response.pk, "s": response.survey_id}, salt=SALT)


def url_for(response) -> str:
    return link_url("surveys:answer", token_for(response))


def read(token: str) -> tuple[int, int]:
    """(response id, survey id) of a token; LinkError when it was altered or cut."""
    data = read_token(token, salt=SALT, max_age=MAX_AGE)
    response_id, survey_id = data.get("r"), data.get("s")
    if not isinstance(response_id, int) or not isinstance(survey_id, int):
        raise LinkError("invalid")
    return response_id, survey_id
