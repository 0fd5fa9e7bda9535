"""URLs of the community app: the national team's pages under /communaute/, the public
personal links (newsletter, unsubscribe, preferences, tracked links), "Mes données" and the
register of processing activities."""

from django.urls import path

from nec.community.views import contacts, gdpr, mailings, public, webhooks

app_name = "community"

urlpatterns = [
    path("communaute/", contacts.index, name="index"),
    path("communaute/contacts/<id:pk>/", contacts.contact_detail, name="contact"),
    path("communaute/contacts/<id:pk>/export/", contacts.contact_export, name="contact_export"),
    path("communaute/contacts/<id:pk>/effacer/", contacts.contact_erase, name="contact_erase"),
    path("communaute/import/", contacts.import_contacts, name="import"),
    path(
        "communaute/webhooks/brevo/",
        webhooks.BrevoTracking.as_view(),
        name="brevo_tracking",
    ),
    path("communaute/synchroniser/", contacts.sync, name="sync"),
    path("communaute/segments/", contacts.segments, name="segments"),
    path("communaute/segments/nouveau/", contacts.segment_edit, name="segment_new"),
    path("communaute/segments/<id:pk>/", contacts.segment_edit, name="segment_edit"),
    path("communaute/envois/", mailings.mailing_list, name="mailings"),
    path("communaute/envois/nouveau/", mailings.mailing_edit, name="mailing_new"),
    path("communaute/envois/<id:pk>/", mailings.mailing_detail, name="mailing"),
    path("communaute/envois/<id:pk>/modifier/", mailings.mailing_edit, name="mailing_edit"),
    path(
        "communaute/envois/<id:pk>/progression/",
        mailings.mailing_progress,
        name="mailing_progress",
    ),
    path(
        "communaute/envois/<id:pk>/test/",
        mailings.mailing_action,
        {"action": "test"},
        name="mailing_test",
    ),
    path(
        "communaute/envois/<id:pk>/envoyer/",
        mailings.mailing_action,
        {"action": "send"},
        name="mailing_send",
    ),
    path(
        "communaute/envois/<id:pk>/pause/",
        mailings.mailing_action,
        {"action": "pause"},
        name="mailing_pause",
    ),
    path(
        "communaute/envois/<id:pk>/reprendre/",
        mailings.mailing_action,
        {"action": "resume"},
        name="mailing_resume",
    ),
    path(
        "communaute/envois/<id:pk>/renvoyer/",
        mailings.mailing_action,
        {"action": "resend"},
        name="mailing_resend",
    ),
    path("lettre-d-information/", public.subscribe, name="subscribe"),
    path(
        "lettre-d-information/confirmer/<str:token>/",
        public.opt_in_confirm,
        name="opt_in_confirm",
    ),
    path("desabonnement/<str:token>/", public.unsubscribe, name="unsubscribe"),
    path("preferences/<str:token>/", public.preferences, name="preferences"),
    path("l/<str:token>/", public.click, name="click"),
    path("o/<str:token>/", public.open_pixel, name="open"),
    path("compte/mes-donnees/", gdpr.my_data, name="my_data"),
    path(
        "compte/mes-donnees/export.json",
        gdpr.my_data_download,
        {"fmt": "json"},
        name="my_data_json",
    ),
    path(
        "compte/mes-donnees/export.html",
        gdpr.my_data_download,
        {"fmt": "html"},
        name="my_data_html",
    ),
    path("registre-des-traitements/", gdpr.processing_register, name="processing_register"),
]
