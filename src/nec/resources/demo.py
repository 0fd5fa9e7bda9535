"""Demo data of the resources app (`nec demo`): about sixty resources across editions, three
collections and the documentation sheets of the demo's past local editions.

Resources of the real history say only what the seeds say (the 2022 report's hours of podcasts
and videos, the 2020 online courses); every link is an example address, marked as such. The
rest, attached to the demo's fictitious editions and sessions, is fictitious too. Idempotent:
nothing is added when the library already has resources."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from nec.accounts.models import User
from nec.core.demo import DemoContext
from nec.editions.models import Edition, Membership
from nec.programme.selectors import public_sessions
from nec.resources import services
from nec.resources.models import Collection, CollectionItem, Licence, Resource, ResourceTheme

THEMES = [
    ("Médiation numérique", "mediation-numerique"),
    ("Communs numériques", "communs-numeriques"),
    ("Données", "donnees"),
    ("Inclusion numérique", "inclusion-numerique"),
    ("Collectivités", "collectivites"),
    ("Accessibilité", "accessibilite"),
]

EXAMPLE = "https://exemple.invalid/nec/"

#: (edition slug, kind, title, summary, theme slugs): what the seeds say, nothing more
HISTORY = [
    (
        "nec-2022-lens",
        "podcast",
        "Les podcasts de NEC 2022 à Lens",
        "10 h 21 de podcasts ont été enregistrés pendant l'édition 2022 (rapport 2022).",
        ["communs-numeriques"],
    ),
    (
        "nec-2022-lens",
        "video",
        "Les vidéos de NEC 2022 à Lens",
        "12 h 13 de vidéos ont été produites pendant l'édition 2022 (rapport 2022).",
        ["inclusion-numerique"],
    ),
    (
        "nec-2020-lyon",
        "link",
        "Les parcours en ligne de NEC 2020",
        "En 2020, l'édition de Lyon s'est tenue en ligne : six parcours, 2 600 participant·es "
        "(présentation en anglais).",
        ["mediation-numerique"],
    ),
    (
        "nec-2025-strasbourg",
        "link",
        "Les ressources de NEC 2025 sur Les Bases",
        "Les productions des éditions sont publiées sur Les Bases, sous licence CC BY-SA 4.0 FR.",
        ["communs-numeriques"],
    ),
]

KINDS_FOR_SESSIONS = ["video", "podcast", "slides", "synthesis"]


def _photo(rng, label: str) -> SimpleUploadedFile:
    colour = tuple(rng.randint(40, 200) for _ in range(3))
    image = Image.new("RGB", (480, 320), colour)
    ImageDraw.Draw(image).text((20, 20), label, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return SimpleUploadedFile("demo.jpg", buffer.getvalue(), content_type="image/jpeg")


def _data(kind, title, summary, day, themes, *, url="", authors=(), session=None, **extra):
    return services.ResourceData(
        kind=kind,
        title=title,
        summary=summary,
        date=day,
        url=url,
        url_is_example=bool(url),
        session=session,
        authors=list(authors),
        themes=themes,
        **extra,
    )


def _history(team, themes) -> list[Resource]:
    made = []
    for slug, kind, title, summary, keys in HISTORY:
        edition = Edition.objects.filter(slug=slug).first()
        if edition is None:
            continue
        day = edition.start_date or timezone.localdate().replace(year=edition.year, month=1, day=1)
        data = _data(
            kind,
            title,
            summary,
            day,
            [themes[k] for k in keys],
            url=EXAMPLE + slug,
            authors=[("Numérique en Commun[s]", "production")],
        )
        made.append(
            services.submit_resource(
                actor=team, edition=edition, data=data, status=Resource.Status.PUBLISHED
            )
        )
    return made


def _from_sessions(context, team, national, themes) -> list[Resource]:
    made = []
    theme_list = list(themes.values())
    sessions = list(public_sessions(national).prefetch_related("speaker_roles__speaker")[:50])
    for n, session in enumerate(sessions):
        kind = KINDS_FOR_SESSIONS[n % len(KINDS_FOR_SESSIONS)]
        authors = [
            (role.speaker.name, "intervention")
            for role in session.speaker_roles.all()
            if role.speaker.public_consent
        ][:3] or [("Équipe NEC", "captation")]
        status = Resource.Status.SUBMITTED if n % 12 == 5 else Resource.Status.PUBLISHED
        data = _data(
            kind,
            session.title,
            (session.summary or session.title)[:1800],
            national.start_date or timezone.localdate(),
            [theme_list[n % len(theme_list)], theme_list[(n * 3 + 1) % len(theme_list)]],
            url=EXAMPLE + f"session-{session.pk}" if kind in ("video", "podcast") else "",
            authors=authors,
            session=session,
            body="Texte de démonstration : les points clés de la session, les questions du public."
            if kind == "synthesis"
            else "",
            licence=Licence.CC_BY if n % 9 == 4 else Licence.CC_BY_SA,
        )
        made.append(
            services.submit_resource(actor=team, edition=national, data=data, status=status)
        )
    return made


def _organiser(edition: Edition):
    membership = (
        Membership.objects.filter(edition=edition, role=Membership.Role.ORGANISER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _local(context, team, locals_, themes) -> list[Resource]:
    made = []
    today = timezone.localdate()
    theme_list = list(themes.values())
    for n, edition in enumerate(locals_):
        day = edition.start_date or today
        kinds = [("link", f"Page de l'événement — {edition.title}")]
        if day < today:  # what a past event produced
            kinds += [
                ("photos", f"Album photo — {edition.title}"),
                ("synthesis", f"Synthèse des échanges — {edition.title}"),
            ]
        for k, (kind, title) in enumerate(kinds):
            data = _data(
                kind,
                title,
                f"{title} (démonstration).",
                day,
                [theme_list[(n + k) % len(theme_list)]],
                url=EXAMPLE + edition.slug if kind == "link" else "",
                authors=[("Équipe locale", "organisation")],
            )
            resource = services.submit_resource(
                actor=_organiser(edition) or team,
                edition=edition,
                data=data,
                status=Resource.Status.PUBLISHED,
            )
            if kind == "photos":
                services.add_image(
                    resource,
                    _photo(context.rng, edition.title),
                    alt=f"Le public de {edition.title}",
                    actor=team,
                )
            made.append(resource)
        if day < today:
            made.append(_documentation(context, team, edition, published=n % 2 == 1))
    return made


def _documentation(context, team, edition, *, published: bool) -> Resource:
    organiser = _organiser(edition) or team
    data = _data(
        Resource.Kind.DOCUMENTATION,
        f"Fiche de documentation — {edition.title}",
        f"Bilan de {edition.title} (démonstration) : une journée d'ateliers et de retours "
        "d'expérience, ouverte à toutes et tous.",
        edition.end_date or edition.start_date,
        [],
        authors=[("Équipe locale", "organisation")],
        attendance=context.rng.randint(60, 240),
        format_feedback="Le barcamp du matin a permis à chacun·e de proposer un sujet ; la table "
        "ronde de l'après-midi a manqué de temps pour les questions (démonstration).",
    )
    sheet = services.submit_resource(actor=organiser, edition=edition, data=data)
    for n in range(2):
        services.add_image(
            sheet,
            _photo(context.rng, f"{edition.city} {n + 1}"),
            alt=f"Atelier à {edition.city}, photo {n + 1}",
            actor=organiser,
        )
    if published:
        services.publish(sheet, actor=team)
    return sheet


def _metz_sheet(context, team) -> Resource | None:
    """The documentation sheet of Metz 2023, the local edition the guide documents: its
    figures are the guide's, nothing else is added."""
    metz = Edition.objects.filter(slug="nec-local-2023-metz").first()
    if metz is None:
        return None
    figures = {f.key: int(f.value) for f in metz.figures.all()}
    parts = [
        f"{figures[key]} {label}"
        for key, label in [
            ("attendees", "participant·es"),
            ("speakers", "intervenant·es"),
            ("workshops", "ateliers"),
            ("discovery_stands", "stands découverte"),
            ("organisations", "organisations"),
        ]
        if key in figures
    ]
    data = _data(
        Resource.Kind.DOCUMENTATION,
        "Fiche de documentation — NEC local Metz 2023",
        "Le NEC local de Metz, exemple du guide d'organisation des NEC locaux : "
        + ", ".join(parts)
        + " (chiffres du guide).",
        metz.start_date or timezone.localdate().replace(year=2023, month=1, day=1),
        [],
        attendance=figures.get("attendees"),
        format_feedback="Les documents sources ne rapportent pas de retour détaillé sur les "
        "formats : à compléter par l'équipe locale.",
        authors=[("Numérique en Commun[s]", "documentation")],
    )
    sheet = services.submit_resource(actor=team, edition=metz, data=data)
    services.add_image(
        sheet,
        _photo(context.rng, "Metz 2023 (illustration)"),
        alt="Illustration de démonstration (pas une photo de l'événement)",
        actor=team,
    )
    return services.publish(sheet, actor=team)


def _collections(resources: list[Resource]) -> None:
    published = [r for r in resources if r.status == Resource.Status.PUBLISHED]
    groups = [
        (
            "Comprendre les communs numériques",
            "communs",
            [r for r in published if r.themes.filter(slug="communs-numeriques").exists()][:8],
        ),
        (
            "Documenter un NEC local",
            "nec-locaux",
            [r for r in published if r.edition.kind == Edition.Kind.LOCAL][:8],
        ),
        (
            "Revoir les éditions nationales",
            "editions-nationales",
            [r for r in published if r.kind in ("video", "podcast")][:8],
        ),
    ]
    for title, slug, items in groups:
        collection = Collection.objects.create(
            title=title,
            slug=slug,
            published=True,
            description=f"{title} : une sélection de l'équipe nationale (démonstration).",
        )
        CollectionItem.objects.bulk_create(
            CollectionItem(collection=collection, resource=r, position=n)
            for n, r in enumerate(items)
        )


def load_demo(context: DemoContext) -> None:
    if Resource.objects.exists():
        return
    team = User.objects.filter(is_national_team=True).order_by("pk").first()
    themes = {
        slug: ResourceTheme.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for name, slug in THEMES
    }
    made = _history(team, themes)
    national = context.national_edition()
    if national is not None:
        made += _from_sessions(context, team, national, themes)
    locals_ = list(
        Edition.objects.filter(kind=Edition.Kind.LOCAL, status=Edition.Status.PUBLISHED)
        .exclude(start_date__isnull=True)
        .order_by("start_date")
    )
    made += _local(context, team, locals_, themes)
    metz = _metz_sheet(context, team)
    if metz is not None:
        made.append(metz)
    _collections(made)
    context.say(f"Ressources : {len(made)} ressources, 3 collections.")
