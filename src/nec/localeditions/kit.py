"""The communication kit of a local edition: its personalised logo (our own NEC mark, the
"Numérique en Commun[s]" name, "NEC local <city>" and the date in French) as SVG and PNG, and
ready-to-paste announcement texts. Pure functions of the edition: nothing is saved."""

from __future__ import annotations

import io
from html import escape
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from nec.editions.models import Edition

#: the site's colours (nec.css): violet brand, yellow accent, white text
BRAND = "#4b2bb8"
ACCENT = "#ffd23f"
INK = "#1b1b2f"
WHITE = "#ffffff"
#: the logo's size in pixels (the SVG's view box and the PNG)
WIDTH, HEIGHT = 1200, 600
#: room left on each side of a line of text
MARGIN = 60
NAME = "Numérique en Commun"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
#: the lines under the mark: (y of the baseline, largest font size, bold)
TITLE_LINE = (390, 72, True)
CITY_LINE = (480, 60, True)
DATE_LINE = (550, 44, False)


def french_date(edition: Edition) -> str:
    """The edition's date(s) in French, e.g. "14 mars 2027" or "14 – 15 mars 2027"; empty when
    the date is not set."""
    start, end = edition.start_date, edition.end_date
    if start is None:
        return ""
    with translation.override("fr"):
        if end is None or end <= start:
            return date_format(start, "j F Y")
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day} – {date_format(end, 'j F Y')}"
        if start.year == end.year:
            return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
        return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


def city_line(edition: Edition) -> str:
    return f"NEC local {edition.city or edition.title}".strip()


def logo_filename(edition: Edition, extension: str) -> str:
    return f"logo-nec-local-{edition.slug}.{extension}"


def _fitted_size(text: str, largest: int, bold: bool = True) -> int:
    """A font size at which `text` fits the logo's width (a letter of DejaVu Sans is about
    0.6 em wide, 0.7 em in bold)."""
    room = WIDTH - 2 * MARGIN
    return max(12, min(largest, int(room / ((0.7 if bold else 0.6) * max(len(text), 1)))))


def logo_svg(edition: Edition) -> str:
    """The logo as an SVG document; every text from the edition is escaped."""
    city, day = city_line(edition), french_date(edition)
    title_size = _fitted_size(NAME + "[s]", TITLE_LINE[1])
    city_size = _fitted_size(city, CITY_LINE[1])
    date_size = _fitted_size(day, DATE_LINE[1], bold=False)
    label = escape(f"Numérique en Commun[s] — {city} {day}".strip())
    font = 'font-family="DejaVu Sans, Verdana, sans-serif" text-anchor="middle"'
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{label}">',
        f"<title>{label}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" rx="36" fill="{BRAND}"/>',
        f'<circle cx="{WIDTH // 2}" cy="170" r="115" fill="{ACCENT}"/>',
        f'<text x="{WIDTH // 2}" y="218" {font} font-size="130" font-weight="700" '
        f'fill="{INK}">[s]</text>',
        f'<text x="{WIDTH // 2}" y="{TITLE_LINE[0]}" {font} font-size="{title_size}" '
        f'font-weight="700" fill="{WHITE}">{escape(NAME)}<tspan fill="{ACCENT}">[s]</tspan>'
        "</text>",
        f'<text x="{WIDTH // 2}" y="{CITY_LINE[0]}" {font} font-size="{city_size}" '
        f'font-weight="700" fill="{ACCENT}">{escape(city)}</text>',
    ]
    if day:
        parts.append(
            f'<text x="{WIDTH // 2}" y="{DATE_LINE[0]}" {font} font-size="{date_size}" '
            f'fill="{WHITE}">{escape(day)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _font(size: int, bold: bool):
    """DejaVu Sans (bold) at `size`, or Pillow's default font when DejaVu is not installed."""
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    try:
        return ImageFont.truetype(str(path), size)
    except OSError:
        return ImageFont.load_default(size=size)


def _fitted_font(draw: ImageDraw.ImageDraw, text: str, largest: int, bold: bool):
    size = largest
    font = _font(size, bold)
    while size > 12 and draw.textlength(text, font=font) > WIDTH - 2 * MARGIN:
        size -= 4
        font = _font(size, bold)
    return font


def logo_png(edition: Edition) -> bytes:
    """The same logo as a PNG image of WIDTH × HEIGHT pixels."""
    image = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, WIDTH - 1, HEIGHT - 1), radius=36, fill=BRAND)
    centre = WIDTH // 2
    draw.ellipse((centre - 115, 55, centre + 115, 285), fill=ACCENT)
    draw.text((centre, 218), "[s]", font=_font(130, True), fill=INK, anchor="ms")
    # the name, its "[s]" in the accent colour, centred as one line
    title_font = _fitted_font(draw, NAME + "[s]", TITLE_LINE[1], True)
    name_width = draw.textlength(NAME, font=title_font)
    left = centre - (name_width + draw.textlength("[s]", font=title_font)) / 2
    draw.text((left, TITLE_LINE[0]), NAME, font=title_font, fill=WHITE, anchor="ls")
    draw.text((left + name_width, TITLE_LINE[0]), "[s]", font=title_font, fill=ACCENT, anchor="ls")
    for text, (y, largest, bold), colour in (
        (city_line(edition), CITY_LINE, ACCENT),
        (french_date(edition), DATE_LINE, WHITE),
    ):
        if text:
            font = _fitted_font(draw, text, largest, bold)
            draw.text((centre, y), text, font=font, fill=colour, anchor="ms")
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def registration_url(edition: Edition) -> str:
    """The absolute address of the edition's registration form."""
    return settings.BASE_URL + reverse("registrations:register", kwargs={"edition": edition.slug})


def page_url(edition: Edition) -> str:
    return settings.BASE_URL + edition.get_absolute_url()


def _place(edition: Edition) -> str:
    return ", ".join(part for part in (edition.venue, edition.city) if part)


def announcement_texts(edition: Edition) -> list[dict[str, str]]:
    """Ready-to-paste texts: [{key, label, text}] for a short post, an e-mail invitation and a
    press text, filled with the edition's title, date, place and registration address."""
    values = {
        "title": edition.title,
        "date": french_date(edition) or _("date à venir"),
        "place": _place(edition) or _("lieu à venir"),
        "city": edition.city or edition.title,
        "url": registration_url(edition),
        "page": page_url(edition),
    }
    post = _(
        "%(title)s, le NEC local de %(city)s : le %(date)s, %(place)s. Une journée gratuite "
        "pour un numérique d'intérêt général, ouverte à toutes et tous. Inscription : %(url)s "
        "#NumériqueEnCommuns #NEClocal"
    )
    invitation = _(
        "Objet : Invitation — %(title)s, le %(date)s\n\n"
        "Bonjour,\n\n"
        "Nous avons le plaisir de vous inviter à %(title)s, le NEC local de %(city)s, le "
        "%(date)s, %(place)s.\n\n"
        "Numérique en Commun[s] rassemble les actrices et acteurs d'un numérique d'intérêt "
        "général : médiation et inclusion numérique, communs, services publics, collectivités, "
        "associations. Au programme : rencontres, ateliers et retours d'expérience.\n\n"
        "L'entrée est gratuite, sur inscription : %(url)s\n"
        "Le programme et les informations pratiques : %(page)s\n\n"
        "Au plaisir de vous y retrouver,\n"
        "L'équipe d'organisation"
    )
    press = _(
        "%(title)s : le numérique d'intérêt général en débat à %(city)s\n\n"
        "%(title)s, une édition locale de Numérique en Commun[s], se tiendra le %(date)s "
        "(%(place)s). Numérique en Commun[s] est l'évènement du numérique d'intérêt général "
        "porté avec l'Agence nationale de la cohésion des territoires (ANCT). "
        "Professionnel·les de la médiation numérique, élu·es, agents publics, associations et "
        "habitant·es y partagent leurs initiatives pour un numérique inclusif, ouvert et "
        "durable.\n\n"
        "L'évènement est gratuit et respecte la charte Numérique en Commun[s] : accessibilité, "
        "parité des intervenant·es, contenus publiés sous licence libre CC BY-SA 4.0 FR.\n\n"
        "Informations et inscription : %(url)s"
    )
    return [
        {"key": "post", "label": _("Publication courte (réseaux sociaux)"), "text": post % values},
        {"key": "invitation", "label": _("Invitation par e-mail"), "text": invitation % values},
        {"key": "press", "label": _("Communiqué de presse"), "text": press % values},
    ]
