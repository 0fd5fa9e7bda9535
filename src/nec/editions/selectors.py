"""Read-only queries on editions, shared by views of several apps."""

from nec.editions.models import Edition


def current_national_edition() -> Edition | None:
    """The national edition the public site puts forward: the latest published one."""
    return (
        Edition.objects.filter(kind=Edition.Kind.NATIONAL, status=Edition.Status.PUBLISHED)
        .order_by("-year", "-start_date")
        .first()
    )
