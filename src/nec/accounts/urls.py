"""URLs of sign-in, sign-out and Mon espace."""

from django.urls import path

from nec.accounts import views

app_name = "accounts"

urlpatterns = [
    path("compte/connexion/", views.login_request, name="login"),
    path(
        "compte/connexion/mot-de-passe/", views.PasswordLoginView.as_view(), name="password_login"
    ),
    path("compte/lien/<str:token>/", views.magic, name="magic"),
    path("compte/deconnexion/", views.logout_view, name="logout"),
    path("compte/", views.account_home, name="home"),
]
