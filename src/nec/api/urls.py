"""URLs of the api app: the API itself under /api/v1/ (every view wrapped by `nec.api.http`),
its documentation, the open-data page, the sitemap and the organisers' API tokens."""

from django.urls import path
from django.views.decorators.http import require_safe

from nec.api import views
from nec.api.api import api
from nec.api.http import api_view, wrap_patterns

app_name = "api"

_ninja_patterns, _app, _namespace = api.urls

urlpatterns = [
    path("api/v1/", views.documentation, name="documentation"),
    path("api/v1/openapi.json", api_view(require_safe(views.openapi_json)), name="openapi"),
    path("donnees-ouvertes/", views.open_data, name="open_data"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("orga/<slug:edition>/api/jetons/", views.token_list, name="tokens"),
    path(
        "orga/<slug:edition>/api/jetons/<id:pk>/revoquer/", views.token_revoke, name="token_revoke"
    ),
    *[
        path("api/v1/" + str(p.pattern), p.callback, name=f"v1-{p.name}")
        for p in wrap_patterns(_ninja_patterns)
        if p.name != "api-root"
    ],
]
