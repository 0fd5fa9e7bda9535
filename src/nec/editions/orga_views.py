"""Espace organisation: the signed-in back office of editions.

Every page under /orga/<edition>/ goes through `edition_view(action)`, which checks the permission
and sets `request.edition`; rows are always fetched within that edition."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.core.forms import apply_errors
from nec.core.models import AuditEntry
from nec.editions import orga_links, orga_tiles, services
from nec.editions.forms import (
    AuditFilterForm,
    EditionForm,
    MemberForm,
    OrganisationForm,
    PartnershipForm,
)
from nec.editions.models import Edition, Membership, Partnership
from nec.editions.permissions import can, editions_for
from nec.editions.scoping import edition_view, scoped

AUDIT_PAGE_SIZE = 50


@login_required
def dashboard(request):
    editions = editions_for(request.user).order_by("-year", "kind", "title")
    return render(
        request,
        "editions/orga/dashboard.html",
        {
            "editions": editions,
            "can_create": can(request.user, "edition.create"),
            "can_audit": can(request.user, "audit.view_all"),
            "links": orga_links.links_for(request.user),
        },
    )


@login_required
def edition_create(request):
    if not can(request.user, "edition.create"):
        raise PermissionDenied
    form = EditionForm(request.POST or None, can_change_status=True)
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.create_edition(
                **{name: form.cleaned_data[name] for name in form.fields}, actor=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("L'édition « %s » est créée.") % edition.title)
            return redirect("editions:orga_edition", edition=edition.slug)
    return render(
        request,
        "editions/orga/edition_form.html",
        {"form": form, "creating": True},
        status=400 if request.method == "POST" else 200,
    )


@edition_view("edition.view_dashboard")
def edition_home(request):
    edition = request.edition
    tiles = orga_tiles.tiles_for(request.user, edition)
    context = {
        "edition": edition,
        "tiles": tiles,
        "attention": [tile for tile in tiles if tile["attention"] and tile["value"]],
        "recent": scoped(AuditEntry, edition).select_related("actor")[:5]
        if can(request.user, "edition.view_audit", edition)
        else [],
    }
    return render(request, "editions/orga/edition_home.html", context)


@edition_view("edition.change")
def edition_settings(request):
    edition = request.edition
    may_change_status = can(request.user, "edition.change_status", edition)
    # The form works on its own copy, so that a refused change leaves request.edition intact.
    form = EditionForm(
        request.POST or None,
        instance=Edition.objects.get(pk=edition.pk),
        can_change_status=may_change_status,
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_edition(edition, **form.changes(), actor=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if changed:
                messages.success(request, _("Les paramètres de l'édition sont enregistrés."))
            else:
                messages.info(request, _("Aucune modification."))
            return redirect("editions:orga_settings", edition=edition.slug)
    return render(
        request,
        "editions/orga/edition_form.html",
        {"form": form, "edition": edition, "creating": False},
        status=400 if request.method == "POST" else 200,
    )


@edition_view("edition.manage_partnerships")
def partners(request):
    edition = request.edition
    form = PartnershipForm(
        request.POST if request.POST.get("form") == "existing" else None, edition=edition
    )
    new_form = OrganisationForm(request.POST if request.POST.get("form") == "new" else None)
    if request.method == "POST":
        if form.is_bound and form.is_valid():
            try:
                services.add_partnership(
                    edition,
                    form.cleaned_data["organisation"],
                    form.cleaned_data["role"],
                    actor=request.user,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Le partenaire est ajouté."))
                return redirect("editions:orga_partners", edition=edition.slug)
        elif new_form.is_bound and new_form.is_valid():
            data = dict(new_form.cleaned_data)
            role = data.pop("role")
            try:
                organisation = services.create_organisation(**data, actor=request.user)
                services.add_partnership(edition, organisation, role, actor=request.user)
            except ValidationError as error:
                apply_errors(new_form, error)
            else:
                messages.success(
                    request,
                    _("L'organisation « %s » est créée et ajoutée aux partenaires.")
                    % organisation.name,
                )
                return redirect("editions:orga_partners", edition=edition.slug)
    partnerships = scoped(Partnership, edition).select_related("organisation")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "editions/orga/partners.html",
        {"edition": edition, "partnerships": partnerships, "form": form, "new_form": new_form},
        status=status,
    )


@require_POST
@edition_view("edition.manage_partnerships")
def partner_remove(request, pk):
    partnership = get_object_or_404(scoped(Partnership, request.edition), pk=pk)
    name = partnership.organisation.name
    services.remove_partnership(partnership, actor=request.user)
    messages.success(request, _("« %s » ne fait plus partie des partenaires.") % name)
    return redirect("editions:orga_partners", edition=request.edition.slug)


@edition_view("edition.manage_members")
def members(request):
    edition = request.edition
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.add_member(
                edition,
                form.cleaned_data["email"],
                form.cleaned_data["role"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(email)s a le rôle « %(role)s » ; un lien de connexion lui est envoyé.")
                % {"email": membership.user.email, "role": membership.get_role_display()},
            )
            return redirect("editions:orga_members", edition=edition.slug)
    memberships = scoped(Membership, edition).select_related("user", "organisation")
    memberships = memberships.order_by("role", "user__last_name", "user__email")
    return render(
        request,
        "editions/orga/members.html",
        {"edition": edition, "memberships": memberships, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@edition_view("edition.manage_members")
def member_remove(request, pk):
    membership = get_object_or_404(scoped(Membership, request.edition), pk=pk)
    # An organiser removing their own role would lock themselves out: only the national team may.
    if (
        membership.user_id == request.user.pk
        and membership.role == Membership.Role.ORGANISER
        and not can(request.user, "audit.view_all")
    ):
        messages.error(request, _("Vous ne pouvez pas retirer votre propre rôle d'organisation."))
        return redirect("editions:orga_members", edition=request.edition.slug)
    services.remove_member(membership, actor=request.user)
    messages.success(request, _("Le rôle de %s est retiré.") % membership.user.email)
    return redirect("editions:orga_members", edition=request.edition.slug)


def _audit_page(request, entries, *, show_edition: bool):
    form = AuditFilterForm(request.GET or None, entries=entries, show_edition=show_edition)
    if form.is_bound and form.is_valid():
        if show_edition and form.cleaned_data.get("edition"):
            entries = entries.filter(edition=form.cleaned_data["edition"])
        if form.cleaned_data.get("action"):
            entries = entries.filter(action=form.cleaned_data["action"])
    page = Paginator(entries.select_related("actor", "edition"), AUDIT_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return {"form": form, "page": page, "query": query.urlencode()}


@login_required
def audit_all(request):
    if not can(request.user, "audit.view_all"):
        raise PermissionDenied
    context = _audit_page(request, AuditEntry.objects.all(), show_edition=True)
    return render(request, "editions/orga/audit.html", context)


@edition_view("edition.view_audit")
def audit_edition(request):
    context = _audit_page(request, scoped(AuditEntry, request.edition), show_edition=False)
    context["edition"] = request.edition
    return render(request, "editions/orga/audit.html", context)
