"""Pages of the api app: the open-data page, the API documentation (our own HTML rendered from
the OpenAPI document: no third-party assets), the organisers' API tokens and the sitemap."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from nec.api import sitemap, tokens
from nec.api.api import LICENCE_NAME, LICENCE_URL, openapi_document
from nec.api.docs import operations
from nec.api.models import ApiToken
from nec.core.forms import Form, apply_errors
from nec.core.ids import parse_id
from nec.editions.scoping import edition_view, scoped


@require_safe
def open_data(request):
    return render(
        request,
        "api/open_data.html",
        {"licence_name": LICENCE_NAME, "licence_url": LICENCE_URL},
    )


@require_safe
def documentation(request):
    schema = openapi_document()
    return render(
        request,
        "api/documentation.html",
        {
            "info": schema["info"],
            # the description is wrapped for the OpenAPI file: one paragraph per blank line here
            "paragraphs": [
                " ".join(block.split()) for block in schema["info"]["description"].split("\n\n")
            ],
            "operations": operations(schema),
            "licence_name": LICENCE_NAME,
            "licence_url": LICENCE_URL,
        },
    )


def openapi_json(request):
    """The OpenAPI document (wrapped like every API view: CORS, ETag, rate limit)."""
    return JsonResponse(openapi_document())


@require_safe
def sitemap_xml(request):
    return HttpResponse(sitemap.render(), content_type="application/xml; charset=utf-8")


class TokenForm(Form):
    name = forms.CharField(
        label=_("Nom du jeton"),
        max_length=100,
        help_text=_("Par exemple l'outil qui l'utilisera : « tableur de l'accueil »."),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@edition_view("api.tokens")
def token_list(request):
    edition = request.edition
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, created = tokens.create_token(
                actor=request.user, edition=edition, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            apply_errors(form, error)
    mine = scoped(ApiToken.objects.filter(user=request.user), edition)
    return render(
        request,
        "api/orga/tokens.html",
        {"edition": edition, "form": form, "created": created, "tokens": mine},
        status=400 if request.method == "POST" and created is None else 200,
    )


@require_POST
@edition_view("api.tokens")
def token_revoke(request, pk):
    token = (
        scoped(ApiToken.objects.filter(user=request.user), request.edition)
        .filter(pk=parse_id(pk))
        .first()
    )
    if token is None:
        raise Http404
    tokens.revoke_token(token, actor=request.user)
    messages.success(request, _("Le jeton « %(name)s » est révoqué.") % {"name": token.name})
    return redirect("api:tokens", edition=request.edition.slug)
