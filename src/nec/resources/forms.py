"""Forms of the library: the public search, a contribution, a photo, a moderation decision."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nec.core.forms import Form
from nec.core.images import ImageUploadField
from nec.programme.models import Session
from nec.resources.models import Licence, Resource, ResourceTheme
from nec.resources.selectors import Filters
from nec.resources.services import ResourceData


class LibrarySearchForm(Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Tous"))] + Resource.Kind.choices
    )
    theme = forms.SlugField(label=_("Thème"), required=False, max_length=120)
    edition = forms.SlugField(label=_("Édition"), required=False, max_length=80)
    year = forms.IntegerField(label=_("Année"), required=False, min_value=2000, max_value=2100)
    region = forms.RegexField(label=_("Région"), required=False, regex=r"^[0-9]{2,3}$")
    licence = forms.ChoiceField(
        label=_("Licence"), required=False, choices=[("", _("Toutes"))] + Licence.choices
    )

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            text=data.get("q") or "",
            kind=data.get("kind") or "",
            theme=data.get("theme") or "",
            edition=data.get("edition") or "",
            year=data.get("year"),
            region=data.get("region") or "",
            licence=data.get("licence") or "",
        )


AUTHORS_HELP = _(
    "Une personne par ligne : « Nom — rôle » (par exemple « Camille Martin — intervenante »)."
)


def parse_authors(text: str) -> list[tuple[str, str]]:
    authors = []
    for line in (text or "").splitlines()[:30]:
        name, _sep, role = line.replace(" - ", " — ").partition("—")
        if name.strip():
            authors.append((name.strip()[:200], role.strip()[:80]))
    return authors


class ResourceForm(Form):
    """A contribution (any kind) of one edition."""

    kind = forms.ChoiceField(label=_("Type de ressource"), choices=Resource.Kind.choices)
    title = forms.CharField(label=_("Titre"), max_length=250)
    summary = forms.CharField(label=_("Résumé"), max_length=2000, widget=forms.Textarea)
    body = forms.CharField(
        label=_("Texte (facultatif)"), required=False, max_length=50_000, widget=forms.Textarea
    )
    authors = forms.CharField(
        label=_("Auteur·es et leurs rôles"), help_text=AUTHORS_HELP, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices)
    language = forms.ChoiceField(
        label=_("Langue"), choices=Resource._meta.get_field("language").choices
    )
    url = forms.URLField(
        label=_("Adresse de la vidéo, du podcast ou du lien (facultatif)"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )
    session = forms.ModelChoiceField(
        label=_("Session (facultatif)"), required=False, queryset=Session.objects.none()
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thèmes"),
        required=False,
        queryset=ResourceTheme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    attendance = forms.IntegerField(
        label=_("Fréquentation (nombre de personnes)"), required=False, min_value=0,
        max_value=1_000_000,
    )  # fmt: skip
    format_feedback = forms.CharField(
        label=_("Retour sur un ou plusieurs formats"), required=False, max_length=20_000,
        widget=forms.Textarea,
    )  # fmt: skip

    def __init__(self, *args, edition, documentation: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(edition=edition).order_by("title")
        self.fields["themes"].queryset = ResourceTheme.objects.all()
        # a documentation sheet is only made on its own page (organisers of a local edition)
        self.fields["kind"].choices = [
            choice for choice in Resource.Kind.choices if choice[0] != Resource.Kind.DOCUMENTATION
        ]
        if documentation:
            del self.fields["kind"], self.fields["session"], self.fields["url"]
            self.fields["summary"].label = _("Description et bilan de l'événement")
            self.fields["attendance"].required = True
            self.fields["attendance"].label = _("Fréquentation (nombre de participant·es)")
            self.fields["format_feedback"].required = True
        self.documentation = documentation

    def resource_data(self):
        data = self.cleaned_data
        return ResourceData(
            kind=Resource.Kind.DOCUMENTATION if self.documentation else data["kind"],
            title=data["title"],
            summary=data["summary"],
            body=data.get("body") or "",
            date=data["date"],
            licence=data["licence"],
            language=data["language"],
            url=data.get("url") or "",
            session=data.get("session"),
            attendance=data.get("attendance"),
            format_feedback=data.get("format_feedback") or "",
            authors=parse_authors(data["authors"]),
            themes=list(data.get("themes") or []),
        )

    @staticmethod
    def initial_from(resource: Resource) -> dict:
        return {
            "kind": resource.kind,
            "title": resource.title,
            "summary": resource.summary,
            "body": resource.body,
            "date": resource.date,
            "licence": resource.licence,
            "language": resource.language,
            "url": resource.url,
            "session": resource.session_id,
            "themes": list(resource.themes.all()),
            "attendance": resource.attendance,
            "format_feedback": resource.format_feedback,
            "authors": "\n".join(
                f"{a.name} — {a.role}" if a.role else a.name for a in resource.authors.all()
            ),
        }


class PhotoForm(Form):
    image = ImageUploadField(label=_("Photo"))
    alt = forms.CharField(
        label=_("Description de la photo (texte alternatif)"),
        max_length=250,
        help_text=_("Ce que montre la photo, pour les personnes qui ne la voient pas."),
    )


class ModerationForm(Form):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[
            ("publish", _("Publier")),
            ("changes", _("Demander des modifications")),
            ("refuse", _("Refuser")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Message à la personne qui l'a proposée"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Obligatoire pour demander des modifications ou refuser."),
    )
