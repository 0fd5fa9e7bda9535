"""URLs of the timetabling app: the "ça m'intéresse" toggle, the team's "Proposer une grille", and
the fair seat allocation (participants' ranking page, the team's window and closing)."""

from django.urls import path

from nec.timetabling import allocation_views, demand_views, views
from nec.timetabling import availability_views as availability

app_name = "timetabling"

ORGA = "orga/<slug:edition>/programme/grille/proposer/"
ALLOCATION = "orga/<slug:edition>/programme/attribution/"

urlpatterns = [
    path(
        "editions/<slug:edition>/programme/sessions/<id:pk>/interet/",
        views.toggle_wish,
        name="wish",
    ),
    path(
        "editions/<slug:edition>/programme/attribution/",
        allocation_views.rank,
        name="allocation_rank",
    ),
    path(
        "editions/<slug:edition>/programme/souhaits/",
        demand_views.wishes,
        name="wishes",
    ),
    path("orga/<slug:edition>/programme/demande/", demand_views.team_demand, name="demand"),
    path(ALLOCATION, allocation_views.team, name="allocation"),
    path(ALLOCATION + "cloturer/", allocation_views.close, name="allocation_close"),
    path(ORGA, views.runs, name="runs"),
    path(ORGA + "<id:pk>/", views.run_detail, name="run"),
    path(ORGA + "<id:pk>/arreter/", views.stop, name="stop"),
    path(ORGA + "<id:pk>/appliquer/", views.apply, name="apply"),
]

# --- the sessions' unavailable slots (availability_views.py) ---
AVAILABILITY = "orga/<slug:edition>/programme/indisponibilites/"
urlpatterns += [
    path(AVAILABILITY, availability.team, name="availability"),
    path(AVAILABILITY + "<id:pk>/", availability.team_edit, name="availability_edit"),
    path("mes-disponibilites/", availability.mine, name="my_availability"),
    path("mes-disponibilites/<id:pk>/", availability.mine_edit, name="my_availability_edit"),
]
