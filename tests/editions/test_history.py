"""The real history of the editions (data/history.json): figures, sources and quotes."""

from datetime import date

import pytest

from nec.editions.history import figure_annotations, history_data, load_history
from nec.editions.models import Edition, EditionFigure, Organisation, Partnership, Source


@pytest.mark.django_db
def test_load_history_twice_adds_nothing():
    first = load_history()
    assert first["created"]["editions"] == 8  # 7 national (2018–2023, 2025) + Metz 2023
    models = (Source, Edition, EditionFigure, Organisation, Partnership)
    counts = [m.objects.count() for m in models]
    second = load_history()
    assert set(second["created"].values()) == {0}
    assert counts == [m.objects.count() for m in models]


@pytest.mark.django_db
def test_national_editions_2018_to_2025_with_real_figures():
    load_history(today=date(2026, 11, 25))
    national = Edition.objects.filter(kind=Edition.Kind.NATIONAL)
    assert sorted(national.values_list("year", flat=True)) == [
        2018,
        2019,
        2020,
        2021,
        2022,
        2023,
        2025,
    ]
    assert set(national.values_list("status", flat=True)) == {Edition.Status.ARCHIVED}
    lens = Edition.objects.get(slug="nec-2022-lens")
    assert (lens.start_date, lens.end_date) == (date(2022, 9, 27), date(2022, 9, 29))
    assert lens.venue == "Stade Bollaert-Delelis"
    figures = {f.key: f for f in lens.figures.all()}
    assert figures["speakers"].value == 228
    assert figures["registered"].value == 1700
    assert figures["registered"].source.key == "bilan-2022"
    assert figures["attendees"].source.key == "presentation-en"
    # No date where the documents give none, and no figure for Bordeaux 2023.
    nantes = Edition.objects.get(slug="nec-2018-nantes")
    assert nantes.start_date is None and nantes.number == 1
    assert not Edition.objects.get(slug="nec-2023-bordeaux").figures.exists()
    assert Edition.objects.get(slug="nec-2020-lyon").online


@pytest.mark.django_db
def test_every_figure_has_a_source_and_a_quote_matching_the_file():
    load_history()
    data = history_data()
    expected = sum(len(e["figures"]) for e in data["editions"])
    expected += len(data["local_editions"]["examples"][0]["figures"])
    assert EditionFigure.objects.count() == expected
    assert not EditionFigure.objects.filter(source__isnull=True).exists()
    assert not EditionFigure.objects.filter(quote="").exists()


@pytest.mark.django_db
def test_2025_has_31_partners_grouped_by_role():
    load_history()
    strasbourg = Edition.objects.get(slug="nec-2025-strasbourg")
    ships = strasbourg.partnerships.all()
    assert ships.count() == 31
    by_role = {role: ships.filter(role=role).count() for role in Partnership.Role.values}
    assert by_role == {"porteur": 2, "soutien": 6, "cooperateur": 23}
    assert strasbourg.figures.get(key="partners").value == 31
    # The same organisation spelled differently in 2022 and 2025 is one row.
    mednum = Organisation.objects.get(slug="la-mednum")
    assert mednum.partnerships.count() == 2
    assert Edition.objects.get(slug="nec-2022-lens").partnerships.count() == len(
        history_data()["partners_2022"]
    )


@pytest.mark.django_db
def test_future_or_undated_status_and_local_edition():
    load_history(today=date(2025, 10, 1))
    assert Edition.objects.get(slug="nec-2025-strasbourg").status == Edition.Status.PUBLISHED
    metz = Edition.objects.get(slug="nec-local-2023-metz")
    assert metz.kind == Edition.Kind.LOCAL
    assert metz.figures.get(key="attendees").value == 181
    assert metz.partnerships.get().organisation.name == "Ville de Metz"


def test_annotations_keep_qualifiers():
    notes = figure_annotations()
    assert (
        notes[("nec-2022-lens", "expected_attendees", "interview-2022")]["qualifier"] == "plus de"
    )
    assert notes[("nec-2022-lens", "podcast_minutes", "bilan-2022")]["display"] == "10 h 21 min"
