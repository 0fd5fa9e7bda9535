"""The documentation step of a local edition's retro-planning follows its documentation sheet:
done (on the day, by the person who published it) when the sheet is published in the resources
library, open again when it is withdrawn and no other sheet of the edition stays published.
Registered with `nec.resources.publication_hooks` and run inside the publication's transaction."""

from django.db import transaction
from django.utils import timezone

from nec.core import audit
from nec.editions.models import Edition
from nec.localeditions.models import Milestone
from nec.resources.models import Resource

#: the retro-planning's documentation step is the latest one whose title names it (as in
#: `nec.localeditions.selectors.documentation_of`)
DOCUMENTATION_WORD = "documentation"


def documentation_milestone(edition: Edition) -> Milestone | None:
    """The edition's documentation step, locked for the change; None when it has none."""
    return (
        Milestone.objects.select_for_update()
        .filter(edition=edition, title__icontains=DOCUMENTATION_WORD)
        .order_by("-due_date", "-pk")
        .first()
    )


def _is_local_sheet(resource: Resource) -> bool:
    edition = resource.edition
    return (
        resource.kind == Resource.Kind.DOCUMENTATION
        and edition is not None
        and edition.kind == Edition.Kind.LOCAL
    )


def follow_sheet_publication(resource: Resource, *, actor) -> Milestone | None:
    """Mark the documentation step of the sheet's edition done when `resource` was just published,
    open again when it was withdrawn; other resources and national editions change nothing.
    Returns the step changed, if any."""
    if not _is_local_sheet(resource):
        return None
    with transaction.atomic():
        return _follow(resource, resource.edition, actor=actor)


def _follow(resource: Resource, edition: Edition, *, actor) -> Milestone | None:
    milestone = documentation_milestone(edition)
    if milestone is None:
        return None
    if resource.status == Resource.Status.PUBLISHED:
        if milestone.done_on is not None:
            return None
        milestone.done_on = timezone.localdate()
        code = "localeditions.documentation_step_done"
    else:
        still_published = Resource.objects.filter(
            edition=edition, kind=Resource.Kind.DOCUMENTATION, status=Resource.Status.PUBLISHED
        ).exists()
        if milestone.done_on is None or still_published:
            return None
        milestone.done_on = None
        code = "localeditions.documentation_step_reopened"
    milestone.save(update_fields=["done_on"])
    audit.record(actor, code, milestone, edition=edition, resource=resource.pk)
    return milestone
