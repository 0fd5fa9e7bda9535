"""Sign-in forms: ask for a magic link, or sign in with a password (failures limited)."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


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


class ThrottleMessageMixin:
    """For sign-in forms checked by `ThrottledModelBackend`: says "too many attempts" instead of
    "incorrect" when the backend refused to check the password."""

    too_many_message = _(
        "Trop de tentatives échouées : réessayez dans un quart d'heure, ou demandez un lien "
        "de connexion par e-mail."
    )

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            if getattr(self.request, "nec_password_throttled", False):
                raise forms.ValidationError(self.too_many_message, code="too_many") from None
            raise


class PasswordLoginForm(ThrottleMessageMixin, AuthenticationForm):
    """The staff's optional password sign-in (failed attempts logged and limited by the
    authentication backend)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Adresse e-mail ou mot de passe incorrect. Sans mot de passe, demandez un lien de "
            "connexion."
        ),
    }
