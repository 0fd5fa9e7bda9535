"""Views of the programme exports (public and organisers') and of the schedule import."""

import hashlib
import json

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.editions.scoping import edition_view
from nec.editions.selectors import PUBLIC_EDITION_STATUSES, public_edition_or_404
from nec.programme import exchange_export, exchange_frab, exchange_import, exchange_parse

JSON_DUMPS = {"ensure_ascii": False, "indent": 2}
SESSION_KEY = "programme_import"


def _attachment(response: HttpResponse, filename: str, inline: bool = False) -> HttpResponse:
    kind = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{kind}; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- public (published or archived editions) -------------------------------------------------


def programme_ics(request, edition):
    edition = public_edition_or_404(edition)
    return _attachment(
        HttpResponse(
            exchange_export.programme_ics(edition), content_type="text/calendar; charset=utf-8"
        ),
        f"{edition.slug}.ics",
    )


def programme_json(request, edition):
    edition = public_edition_or_404(edition)
    return _attachment(
        JsonResponse(exchange_export.programme_json(edition), json_dumps_params=JSON_DUMPS),
        f"{edition.slug}.json",
        inline=True,
    )


def schedule_xml(request, edition):
    edition = public_edition_or_404(edition)
    return _attachment(
        HttpResponse(exchange_frab.schedule_xml(edition), content_type="application/xml"),
        "schedule.xml",
        inline=True,
    )


def schedule_json(request, edition):
    edition = public_edition_or_404(edition)
    return _attachment(
        JsonResponse(exchange_frab.schedule_json(edition), json_dumps_params=JSON_DUMPS),
        "schedule.json",
        inline=True,
    )


def sessions_csv(request, edition):
    edition = public_edition_or_404(edition)
    return _attachment(
        HttpResponse(exchange_export.sessions_csv(edition), content_type="text/csv; charset=utf-8"),
        f"{edition.slug}-sessions.csv",
    )


def speakers_csv(request, edition):
    edition = public_edition_or_404(edition)
    return _attachment(
        HttpResponse(exchange_export.speakers_csv(edition), content_type="text/csv; charset=utf-8"),
        f"{edition.slug}-intervenants.csv",
    )


def programme_schema(request):
    """The JSON Schema that documents programme.json."""
    return _attachment(
        HttpResponse(
            exchange_export.PROGRAMME_SCHEMA_PATH.read_bytes(),
            content_type="application/schema+json; charset=utf-8",
        ),
        "programme.schema.json",
        inline=True,
    )


# --- organisers -------------------------------------------------------------------------------


@edition_view("programme.manage")
def orga_exports(request):
    edition = request.edition
    # the public exports of a draft edition are 404: list them without a dead link
    is_public = edition.status in PUBLIC_EDITION_STATUSES
    return render(
        request, "programme/exchange/exports.html", {"edition": edition, "is_public": is_public}
    )


@edition_view("programme.manage")
def orga_export(request, kind):
    edition = request.edition
    slug = edition.slug
    if kind == "sessions.csv":
        body, ctype, name = (
            exchange_export.sessions_csv(edition, public=False),
            "text/csv",
            "sessions",
        )
    elif kind == "intervenants.csv":
        body, ctype, name = (
            exchange_export.speakers_csv(edition, public=False),
            "text/csv",
            "intervenants",
        )
    elif kind == "schedule.xml":
        body, ctype, name = (
            exchange_frab.schedule_xml(edition, public=False),
            "application/xml",
            "schedule",
        )
    elif kind == "schedule.json":
        body = json.dumps(exchange_frab.schedule_json(edition, public=False), **JSON_DUMPS)
        ctype, name = "application/json", "schedule"
    elif kind == "programme.json":
        body = json.dumps(exchange_export.programme_json(edition, public=False), **JSON_DUMPS)
        ctype, name = "application/json", "programme"
    elif kind == "programme.ics":
        body, ctype, name = (
            exchange_export.programme_ics(edition, public=False),
            "text/calendar",
            slug,
        )
    else:
        return HttpResponse(_("Export inconnu."), status=404, content_type="text/plain")
    extension = kind.rsplit(".", 1)[1]
    response = HttpResponse(body, content_type=f"{ctype}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{name}-complet.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response


@edition_view("programme.manage")
def import_schedule(request):
    """GET: the upload form. POST with a file: dry run, nothing written, the file is kept in
    the session for the apply step."""
    edition = request.edition
    context = {"edition": edition}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["errors"] = [_("Choisissez un fichier XML (frab) ou JSON (c3voc / pretalx).")]
            status = 400
        elif upload.size > exchange_parse.MAX_IMPORT_BYTES:
            context["errors"] = [_("Fichier trop volumineux (5 Mo au plus).")]
            status = 400
        else:
            content = upload.read()
            parsed = exchange_parse.parse_schedule(content, upload.name)
            plan = exchange_import.plan_import(edition, parsed, actor=request.user)
            context.update(plan=plan, filename=upload.name, errors=plan.errors)
            if plan.ok:
                digest = hashlib.sha256(content).hexdigest()
                request.session[SESSION_KEY] = {
                    "edition": edition.pk,
                    "name": upload.name,
                    "digest": digest,
                    "content": content.decode("utf-8", errors="replace"),
                }
                context["digest"] = digest
            else:
                status = 400
    return render(request, "programme/exchange/import.html", context, status=status)


@edition_view("programme.manage")
@require_POST
def import_apply(request):
    edition = request.edition
    stored = request.session.get(SESSION_KEY)
    if (
        not stored
        or stored.get("edition") != edition.pk
        or stored.get("digest") != request.POST.get("digest")
    ):
        messages.error(request, _("Aperçu expiré : déposez à nouveau le fichier."))
        return redirect("programme:import_schedule", edition=edition.slug)
    content = stored["content"].encode("utf-8")
    parsed = exchange_parse.parse_schedule(content, stored["name"])
    plan = exchange_import.apply_import(edition, parsed, actor=request.user)
    if not plan.ok:
        return render(
            request,
            "programme/exchange/import.html",
            {"edition": edition, "plan": plan, "errors": plan.errors},
            status=400,
        )
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _("Import terminé : %(created)d session(s) créée(s), %(updated)d mise(s) à jour.")
        % {"created": len(plan.sessions_created), "updated": len(plan.sessions_updated)},
    )
    return redirect("programme:import_schedule", edition=edition.slug)
