"""Sign-in forms: ask for a magic link, or sign in with a password (failures limited)."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from nec.accounts import services
from nec.core.http import client_ip


class LoginForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Indiquez votre adresse e-mail."),
            "invalid": _(
                "Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr)."
            ),
        },
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class PasswordLoginForm(AuthenticationForm):
    """The staff's optional password sign-in, with failed attempts logged and limited."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Adresse e-mail ou mot de passe incorrect. Sans mot de passe, demandez un lien de "
            "connexion."
        ),
        "too_many": _(
            "Trop de tentatives échouées : réessayez dans un quart d'heure, ou demandez un lien "
            "de connexion par e-mail."
        ),
    }

    def clean(self):
        email = self.cleaned_data.get("username") or ""
        ip_address = client_ip(self.request) if self.request else None
        if email and services.password_attempts_exceeded(email, ip_address):
            raise forms.ValidationError(self.error_messages["too_many"], code="too_many")
        try:
            return super().clean()
        except forms.ValidationError:
            if email:
                services.record_password_failure(email, ip_address)
            raise
