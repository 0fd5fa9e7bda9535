"""URLs of the local editions: the public page, the application form and its confirmation
link, and the national team's inbox of applications."""

from django.urls import path

from nec.localeditions import (
    agreement_views,
    application_views,
    draft_views,
    followup_views,
    instruction_views,
    kit_views,
    views,
)

app_name = "localeditions"

urlpatterns = [
    path("nec-locaux/", views.index, name="index"),
    path("nec-locaux/candidater/", application_views.apply, name="apply"),
    path("nec-locaux/candidater/envoyee/", application_views.apply_sent, name="apply_sent"),
    path(
        "nec-locaux/candidater/confirmer/<str:token>/",
        application_views.confirm,
        name="confirm",
    ),
    path(
        "nec-locaux/candidater/brouillon/<str:token>/",
        draft_views.draft,
        name="draft",
    ),
    path(
        "nec-locaux/candidater/brouillon-enregistre/",
        draft_views.draft_sent,
        name="draft_sent",
    ),
    path(
        "nec-locaux/pieces-jointes/<id:pk>/",
        draft_views.attachment,
        name="attachment",
    ),
    path("orga/candidatures/", application_views.inbox, name="inbox"),
    path("orga/candidatures/suivi/", followup_views.progress, name="progress"),
    path("orga/candidatures/<id:pk>/", instruction_views.detail, name="detail"),
    path("orga/candidatures/<id:pk>/<slug:step>/", instruction_views.act, name="act"),
    path("nec-locaux/mes-candidatures/", instruction_views.mine_list, name="mine_list"),
    path("nec-locaux/mes-candidatures/<id:pk>/", instruction_views.mine, name="mine"),
    path(
        "nec-locaux/mes-candidatures/<id:pk>/message/",
        instruction_views.mine_message,
        name="mine_message",
    ),
    path(
        "nec-locaux/mes-candidatures/<id:pk>/completer/",
        instruction_views.mine_complete,
        name="mine_complete",
    ),
    path("orga/<slug:edition>/suivi/", followup_views.followup_page, name="followup"),
    path("orga/<slug:edition>/suivi/etape/", followup_views.milestone_add, name="milestone_add"),
    path(
        "orga/<slug:edition>/suivi/etape/<id:pk>/",
        followup_views.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "orga/<slug:edition>/suivi/etape/<id:pk>/faite/",
        followup_views.milestone_done,
        name="milestone_done",
    ),
    path("orga/<slug:edition>/suivi/comite/", followup_views.committee_add, name="committee_add"),
    path("orga/<slug:edition>/suivi/convention/", agreement_views.draft, name="agreement_draft"),
    path(
        "orga/<slug:edition>/suivi/convention/<id:pk>/pdf/",
        agreement_views.pdf,
        name="agreement_pdf",
    ),
    path(
        "orga/<slug:edition>/suivi/convention/<id:pk>/signee/",
        agreement_views.signed_copy,
        name="agreement_signed_copy",
    ),
    path(
        "orga/<slug:edition>/suivi/convention/<id:pk>/envoyer/",
        agreement_views.send,
        name="agreement_send",
    ),
    path(
        "orga/<slug:edition>/suivi/convention/<id:pk>/deposer/",
        agreement_views.upload,
        name="agreement_upload",
    ),
    path(
        "orga/<slug:edition>/suivi/convention/<id:pk>/versement/",
        agreement_views.payment,
        name="agreement_payment",
    ),
    path("orga/<slug:edition>/kit/", kit_views.kit_page, name="kit"),
    path("orga/<slug:edition>/kit/logo.svg", kit_views.logo_svg, name="kit_logo_svg"),
    path("orga/<slug:edition>/kit/logo.png", kit_views.logo_png, name="kit_logo_png"),
]
