"""The map of the public page "Organiser un NEC local": one labelled tile per région of
metropolitan France and per overseas région (grouped under "Outre-mer"), each with its counts of
upcoming and past public local editions, and the same figures in a table; drafts never count."""

import re
from datetime import date, timedelta

import pytest

from nec.editions.models import Edition
from nec.editions.regions import REGIONS
from nec.localeditions.region_map import OVERSEAS, POSITIONS, region_map
from nec.localeditions.selectors import local_editions_by_region
from tests.factories import make_edition

pytestmark = pytest.mark.django_db
URL = "/nec-locaux/"


def _local(slug, *, days, region, status=Edition.Status.PUBLISHED):
    return make_edition(
        slug,
        kind=Edition.Kind.LOCAL,
        title=f"NEC local {slug}",
        region_code=region,
        status=status,
        start_date=date.today() + timedelta(days=days),
    )


def _svg(html: str) -> str:
    return html[html.index("<svg") : html.index("</svg>")]


def _row(html: str, name: str) -> list[str]:
    """The cells (upcoming, past, total) of a région's row in the map's table."""
    table = html[html.index('class="region-map-table"') :]
    table = table[: table.index("</table>")]
    row = table[table.index(name) :].split("</tr>")[0]
    return re.findall(r"<td>(\d+)</td>", row)


def test_every_region_has_one_tile_and_one_row():
    assert len(POSITIONS) == 13 and len(OVERSEAS) == 5
    assert set(POSITIONS) | set(OVERSEAS) == set(REGIONS)
    built = region_map([])
    assert [t.total for t in built.rows] == [0] * 18
    # tiles never overlap and stay inside the drawing
    tiles = built.metropolitan + built.overseas
    for n, a in enumerate(tiles):
        assert a.x >= 0 and a.x + 100 <= built.width and a.y + 100 <= built.height
        for b in tiles[n + 1 :]:
            assert abs(a.x - b.x) >= 100 or abs(a.y - b.y) >= 100, (a.code, b.code)


def test_map_and_table_count_upcoming_and_past_editions_per_region(client):
    _local("nec-local-brest", days=30, region="53")
    _local("nec-local-vannes", days=-10, region="53")
    _local("nec-local-rennes", days=-400, region="53", status=Edition.Status.ARCHIVED)
    _local("nec-local-lille", days=-100, region="32")
    _local("nec-local-saint-denis", days=50, region="04")
    draft = _local("nec-local-brouillon", days=20, region="53", status=Edition.Status.DRAFT)
    _local("nec-local-brouillon-corse", days=20, region="94", status=Edition.Status.DRAFT)
    make_edition("nec-nationale-test")  # a national edition never counts

    html = client.get(URL).content.decode()
    svg = _svg(html)
    assert 'role="img"' in svg and 'aria-labelledby="carte-regions-titre carte-regions-desc"' in svg
    assert '<title id="carte-regions-titre">' in svg
    # every région is labelled on the map, overseas ones under "Outre-mer"
    for line in ("Bretagne", "Hauts-de-", "Occitanie", "Corse", "Guadeloupe", "La Réunion"):
        assert f">{line}</text>" in svg
    assert svg.index(">Outre-mer</text>") < svg.index(">Guadeloupe</text>")
    # the counts, on the tiles and in the table
    brittany = svg[svg.index(">Bretagne</text>") :].split("</g>")[0]
    assert ">1 à venir</text>" in brittany and ">2 passés</text>" in brittany
    assert "region-level-2" in svg[: svg.index(">Bretagne</text>")].rsplit("<g", 1)[1]
    corsica = svg[svg.index(">Corse</text>") :].split("</g>")[0]
    # its draft is ignored (0 takes the singular in French, once the catalogue has the string)
    assert ">0 à venir</text>" in corsica and re.search(r">0 passés?</text>", corsica)
    assert _row(html, ">Bretagne</a>") == ["1", "2", "3"]
    assert _row(html, ">Hauts-de-France</a>") == ["0", "1", "1"]
    assert _row(html, ">La Réunion</a>") == ["1", "0", "1"]
    assert _row(html, ">Corse<") == ["0", "0", "0"]  # no list to link to
    assert _row(html, "Toutes les régions") == ["2", "3", "5"]
    # the table's régions link to their list
    assert 'href="#region-53"' in html and 'id="region-53"' in html
    assert draft.title not in html and draft.get_absolute_url() not in html


def test_a_draft_edition_never_appears_on_the_public_page(client):
    draft = _local("nec-local-secret", days=40, region="76", status=Edition.Status.DRAFT)
    assert local_editions_by_region(date.today()) == []
    html = client.get(URL).content.decode()
    assert draft.title not in html and draft.slug not in html
    assert _row(html, ">Occitanie<") == ["0", "0", "0"]
    assert _row(html, "Toutes les régions") == ["0", "0", "0"]


def test_an_edition_without_region_is_counted_in_the_table(client):
    _local("nec-local-nulle-part", days=-3, region="")
    html = client.get(URL).content.decode()
    assert _row(html, "Région non renseignée") == ["0", "1", "1"]
    assert 'href="#region-autre"' in html and 'id="region-autre"' in html
    assert _row(html, "Toutes les régions") == ["0", "1", "1"]
