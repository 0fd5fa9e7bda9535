"""The project's URL configuration: every app's URLs and the error handlers."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("", include("nec.core.urls")),
    path("", include("nec.accounts.urls")),
    # before editions: "/orga/candidatures/" must not be read as an edition slug
    path("", include("nec.localeditions.urls")),
    path("", include("nec.editions.urls")),
    path("", include("nec.programme.urls")),
    path("", include("nec.registrations.urls")),
    path("", include("nec.timetabling.urls")),
    path("", include("nec.surveys.urls")),
    path("", include("nec.resources.urls")),
    path("", include("nec.community.urls")),
    path("", include("nec.reports.urls")),
    path("", include("nec.api.urls")),
    path("", include("nec.site.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "nec.core.views.page_not_found"
handler403 = "nec.core.views.permission_denied"
handler500 = "nec.core.views.server_error"
