"""Template context every page gets from the editions app: the national edition put forward."""

from nec.editions.selectors import current_national_edition


def current_edition(request):
    return {"current_edition": current_national_edition()}
