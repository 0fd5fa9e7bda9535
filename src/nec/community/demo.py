"""Demo data of the community app (`nec demo`): the real people of the other apps synchronised,
then about 6 500 fictitious contacts (fixed seed, Faker fr_FR) with realistic consents, saved
segments, three past mailings with their statistics and one being sent. Bulk inserts: a few
seconds. A second run adds nothing."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from faker import Faker

from nec.community.models import (
    WORDING,
    AudienceCategory,
    Consent,
    Contact,
    Mailing,
    Purpose,
    Recipient,
    Role,
    Sector,
    Segment,
)
from nec.community.services.mailings import recipients_of
from nec.community.services.sync import sync_contacts
from nec.core.demo import DemoContext
from nec.editions.models import Edition
from nec.editions.regions import REGIONS

#: the size of the base: the 6 500 actors mailed in 2025 (seed-facts §C); fictitious contacts
#: complete the real people of the demo up to it
BASE_SIZE = 6_500
SOURCES = [
    "inscription NEC 2022 (Lens)",
    "inscription NEC 2023",
    "salon des maires 2024",
    "fichier Hubs territoriaux (2021)",
    "formulaire du site",
]
SEGMENTS = [
    ("Lettre d'information : tout le monde", {"purpose": "newsletter"}),
    ("Collectivités d'Auvergne-Rhône-Alpes", {"sector": "collectivite", "region": "84"}),
    (
        "Associations : invitations aux questionnaires",
        {"sector": "association", "purpose": "surveys"},
    ),
    ("Intervenant·es", {"role": "speaker"}),
]
#: subject, days ago, open rate among the measured, click rate (the 2025 mailing opened at 55 %)
PAST_MAILINGS = [
    ("Numérique en Commun[s] 2025 : les inscriptions sont ouvertes", 120, 0.55, 0.14),
    ("Le programme de NEC 2025 est en ligne", 60, 0.49, 0.11),
    ("Merci ! Le bilan de NEC 2025 et les ressources", 20, 0.42, 0.09),
]
BODY = (
    "Bonjour {prenom},\n\n"
    "Toutes les nouvelles de Numérique en Commun[s] sont sur https://nec.example/ .\n\n"
    "L'équipe Numérique en Commun[s]"
)


def _fake_contacts(context: DemoContext, now) -> None:
    fake = Faker("fr_FR")
    fake.seed_instance(context.rng.randint(0, 10**6))
    rng = context.rng
    regions = list(REGIONS)
    editions = list(Edition.objects.values_list("pk", flat=True))
    seen = set(Contact.objects.values_list("email", flat=True))
    contacts = []
    for index in range(max(0, BASE_SIZE - len(seen))):
        first, last = fake.first_name(), fake.last_name()
        email = f"{first}.{last}.{index}@{fake.free_email_domain()}".lower().replace(" ", "")
        if email in seen:
            continue
        seen.add(email)
        # the base grew from mid-2020 (seed-facts §B: +5 835 from June 2020 to Oct 2022)
        created = now - timedelta(days=int(rng.triangular(0, 5 * 365, 3 * 365)))
        contacts.append(
            Contact(
                email=email,
                first_name=first,
                last_name=last,
                organisation=fake.company() if rng.random() < 0.8 else "",
                sector=rng.choice(Sector.values),
                audience_category=rng.choice(AudienceCategory.values),
                region_code=rng.choice(regions),
                roles=[Role.IMPORTED] if rng.random() < 0.4 else [Role.PARTICIPANT],
                created_at=created,
                last_activity_at=created + timedelta(days=rng.randint(0, 300)),
            )
        )
    Contact.objects.bulk_create(contacts, batch_size=1000)
    created = Contact.objects.filter(email__in=[c.email for c in contacts]).values_list(
        "pk", "created_at"
    )
    consents, links = [], []
    shares = {
        Purpose.NEWSLETTER: 0.8,
        Purpose.LOCAL_NEWS: 0.35,
        Purpose.SURVEYS: 0.3,
        Purpose.OPEN_TRACKING: 0.45,
    }
    for pk, created_at in created:
        source = rng.choice(SOURCES)
        for purpose, share in shares.items():
            if rng.random() < share:
                withdrawn = rng.random() < 0.03
                consents.append(
                    Consent(
                        contact_id=pk,
                        purpose=purpose,
                        status=Consent.Status.WITHDRAWN if withdrawn else Consent.Status.GRANTED,
                        source=source,
                        wording=WORDING[purpose],
                        given_at=created_at,
                        confirmed_at=created_at,
                        withdrawn_at=now - timedelta(days=rng.randint(1, 200))
                        if withdrawn
                        else None,
                    )
                )
        if editions and rng.random() < 0.3:
            links.append(Contact.editions.through(contact_id=pk, edition_id=rng.choice(editions)))
    Consent.objects.bulk_create(consents, batch_size=2000)
    Contact.editions.through.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)


def _mailing_with_recipients(context, segment, subject, days_ago, open_rate, click_rate, *, done):
    rng = context.rng
    now = timezone.now()
    started = now - timedelta(days=days_ago)
    mailing = Mailing.objects.create(
        subject=subject,
        body=BODY,
        segment=segment,
        status=Mailing.Status.DONE if done else Mailing.Status.SENDING,
        started_at=started,
        finished_at=started + timedelta(minutes=12) if done else None,
    )
    measured = set(
        Consent.objects.filter(
            purpose=Purpose.OPEN_TRACKING, status=Consent.Status.GRANTED
        ).values_list("contact_id", flat=True)
    )
    rows = []
    contacts = recipients_of(segment, mailing.purpose).values_list("pk", "email")
    for index, (pk, email) in enumerate(contacts.iterator()):
        row = Recipient(mailing=mailing, contact_id=pk, email=email, measure_opens=pk in measured)
        if not done and index % 5 >= 2:  # 40 % sent so far
            rows.append(row)
            continue
        row.attempts = 1
        row.claimed_at = row.sent_at = started
        if rng.random() < 0.012:
            row.state, row.bounced, row.error = Recipient.State.FAILED, True, "550 5.1.1 unknown"
        else:
            row.state = Recipient.State.SENT
            if row.measure_opens and rng.random() < open_rate:
                row.opened_at = started + timedelta(hours=rng.randint(1, 72))
            if rng.random() < click_rate:
                row.clicked_at = started + timedelta(hours=rng.randint(1, 72))
                row.clicks = rng.randint(1, 3)
            if rng.random() < 0.004:
                row.unsubscribed_at = started + timedelta(days=1)
        rows.append(row)
    Recipient.objects.bulk_create(rows, batch_size=2000)


def load_demo(context: DemoContext) -> None:
    if Contact.objects.exists():
        return
    now = timezone.now()
    synced = sync_contacts()
    _fake_contacts(context, now)
    segments = [Segment.objects.create(name=name, filters=filters) for name, filters in SEGMENTS]
    for subject, days_ago, open_rate, click_rate in PAST_MAILINGS:
        _mailing_with_recipients(
            context, segments[0], subject, days_ago, open_rate, click_rate, done=True
        )
    _mailing_with_recipients(
        context, segments[1], "NEC locaux en Auvergne-Rhône-Alpes : l'agenda", 0, 0, 0, done=False
    )
    Mailing.objects.create(
        subject="Brouillon : appel à participation NEC 2026", body=BODY, segment=segments[0]
    )
    context.say(
        f"Communauté : {Contact.objects.count()} contacts ({synced} venant des inscriptions, "
        f"intervenants, partenaires et candidatures), {len(SEGMENTS)} segments, 5 envois."
    )
