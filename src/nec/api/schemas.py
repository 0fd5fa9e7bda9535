"""The shapes of the API's answers (OpenAPI 3 components), in English field names."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from pydantic import Field


class Error(Schema):
    detail: str = Field(description="Why the request was refused (in French).")


class Page(Schema):
    count: int = Field(description="Number of items matching the filters.")
    page: int
    per_page: int
    pages: int


class SourceOut(Schema):
    key: str
    title: str


class FigureOut(Schema):
    key: str
    label: str
    value: float
    unit: str
    qualifier: str = ""
    note: str = ""
    quote: str
    source: SourceOut


class EditionOut(Schema):
    slug: str
    title: str
    kind: str = Field(description="national or local")
    year: int
    number: int | None
    city: str
    region_code: str
    region: str
    departement_code: str
    online: bool
    start_date: date | None
    end_date: date | None
    status: str = Field(description="published or archived")
    description: str
    url: str
    figures: list[FigureOut] = Field(description="Headline figures quoting their source.")
    bilan_figures: list[FigureOut] = Field(
        description="Published figures of the edition's bilan (empty until one is published)."
    )


class EditionPage(Page):
    results: list[EditionOut]


class RoomOut(Schema):
    id: int
    name: str
    capacity: int
    step_free: bool


class SlotOut(Schema):
    id: int
    start: datetime
    end: datetime
    label: str


class SessionSpeakerOut(Schema):
    slug: str
    name: str
    organisation: str
    role: str


class SessionOut(Schema):
    id: int
    title: str
    summary: str
    description: str
    format: str
    track: str
    themes: list[str]
    language: str
    start: datetime
    end: datetime
    room: RoomOut
    speakers: list[SessionSpeakerOut] = Field(description="Only speakers who agreed to be shown.")
    url: str


class SessionPage(Page):
    results: list[SessionOut]


class SpeakerOut(Schema):
    slug: str
    name: str
    organisation: str
    job_title: str
    bio: str
    sessions: list[int]


class PartnerOut(Schema):
    slug: str
    name: str
    kind: str
    role: str
    website: str


class LicenceOut(Schema):
    code: str
    label: str
    url: str


class AuthorOut(Schema):
    name: str
    role: str


class ImageOut(Schema):
    url: str
    thumbnail: str
    alt: str


class EditionRef(Schema):
    slug: str
    title: str


class ResourceOut(Schema):
    id: int
    kind: str
    title: str
    summary: str
    text: str
    attribution: str = Field(description="How to credit the resource, as its licence asks.")
    licence: LicenceOut
    authors: list[AuthorOut]
    edition: EditionRef
    session: int | None
    themes: list[str]
    date: date
    language: str
    link: str
    link_is_example: bool
    attendance: int | None
    format_feedback: str
    images: list[ImageOut]
    url: str
    published_at: datetime | None


class ResourcePage(Page):
    results: list[ResourceOut]


class RegistrationOut(Schema):
    id: int
    first_name: str
    last_name: str
    email: str
    organisation: str
    job_title: str
    status: str
    created_at: datetime
    checked_in_at: datetime | None


class RegistrationPage(Page):
    results: list[RegistrationOut]
