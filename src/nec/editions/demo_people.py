"""Demo accounts, one per role, with fictitious French names (seeded Faker)."""

from __future__ import annotations

from faker import Faker

from nec.accounts.models import User
from nec.editions import services
from nec.editions.models import Edition, Membership, Partnership

DOMAIN = "demo.nec.example"

#: key, role label (French), e-mail local part, role on the edition ("national" / "local" / None)
ACCOUNTS = [
    ("national_team", "Équipe nationale (ANCT)", "equipe-nationale", None, None),
    ("organiser", "Organisation de l'édition nationale", "organisation", "national", "organiser"),
    ("local_organiser", "Organisation d'un NEC local", "orga-locale", "local", "organiser"),
    ("partner", "Partenaire", "partenaire", "national", "partner"),
    ("speaker", "Intervenant·e", "intervenante", "national", "speaker"),
    ("reviewer", "Relecteur·rice du programme", "relecture", "national", "reviewer"),
    ("staff", "Équipe d'accueil (émargement)", "accueil", "national", "staff"),
    ("participant", "Participant·e", "participante", None, None),
]


def load_demo(context) -> None:
    national = context.national_edition()
    local_editions = context.objects.get("local_editions") or list(
        Edition.objects.filter(kind=Edition.Kind.LOCAL, status=Edition.Status.PUBLISHED)
    )
    local = local_editions[0] if local_editions else None
    fake = Faker("fr_FR")
    fake.seed_instance(context.rng.randint(0, 10**9))
    users: dict[str, User] = {}
    for key, label, local_part, scope, role in ACCOUNTS:
        first_name, last_name = fake.first_name(), fake.last_name()  # same draw on every run
        email = f"{local_part}@{DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            if key == "national_team":
                user = User.objects.create_superuser(
                    email=email,
                    password=context.password,
                    first_name=first_name,
                    last_name=last_name,
                )
            else:
                user = User.objects.create_user(
                    email=email, first_name=first_name, last_name=last_name
                )
                if key == "organiser":
                    # staff sign in with a password too (the optional password for the team)
                    user.is_staff = True
                    user.set_password(context.password)
                    user.save()
        edition = national if scope == "national" else local if scope == "local" else None
        if edition is not None and role:
            organisation = None
            if role == Membership.Role.PARTNER:
                partnership = (
                    Partnership.objects.filter(edition=edition)
                    .select_related("organisation")
                    .order_by("role", "organisation__name")
                    .first()
                )
                organisation = partnership.organisation if partnership else None
            if not Membership.objects.filter(user=user, edition=edition, role=role).exists():
                # through the service (no e-mail): the edition's audit log shows it
                services.add_member(
                    edition,
                    email,
                    role,
                    organisation=organisation,
                    notify=False,
                    actor=users.get("national_team"),
                )
        users[key] = user
        where = f" — {edition.title}" if edition is not None and role else ""
        context.accounts.append((f"{label}{where}", email))
    context.objects["accounts"] = users
