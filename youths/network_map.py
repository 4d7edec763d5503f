"""The network map (netværkskort) drawn as SVG on the server.

The same drawing goes on the profile page and into the intake minutes PDF,
where no JavaScript runs. The youth sits in the centre; each person stands on
one of three rings of closeness ("the contact person often stands nearer the
centre than mother"). Whether a relation supports or strains is told by the
line's style (solid or dashed) and by a legend in words, never by colour alone.
Every name is HTML-escaped: names are typed by people and end up inline.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from youths.models import Closeness, NetworkPerson, Youth

RING_RADII = {Closeness.INNER: 62, Closeness.MIDDLE: 118, Closeness.OUTER: 174}
# Room beside the outer ring for names written sideways, and above/below it.
MARGIN_X, MARGIN_Y = 140, 36
WIDTH = 2 * (RING_RADII[Closeness.OUTER] + MARGIN_X)
MAP_HEIGHT = 2 * (RING_RADII[Closeness.OUTER] + MARGIN_Y)
CENTRE_X, CENTRE_Y = WIDTH / 2, MAP_HEIGHT / 2
LEGEND_ROW = 24
HEIGHT = MAP_HEIGHT + 3 * LEGEND_ROW + 8
FONT_SIZE = 15
MARKER_RADIUS = 9
LABEL_MAX = 14
STRAINING_DASH = "7 5"


@dataclass(frozen=True)
class Placement:
    person: NetworkPerson
    x: float
    y: float
    angle: float


def _short(text: str) -> str:
    """Long names would run into each other; the full name is in the <title>."""
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"


def relation_word(person: NetworkPerson) -> str:
    return _("supportive") if person.supportive else _("straining")


def place(people: Iterable[NetworkPerson]) -> list[Placement]:
    """Each ring's people at evenly spaced angles; each ring starts at its
    own angle so that people on neighbouring rings do not line up."""
    placements = []
    for ring, radius in RING_RADII.items():
        on_ring = [person for person in people if person.ring == ring]
        start = -math.pi / 2 + (ring - 1) * math.pi / 5
        for index, person in enumerate(on_ring):
            angle = start + 2 * math.pi * index / len(on_ring)
            x, y = CENTRE_X + radius * math.cos(angle), CENTRE_Y + radius * math.sin(angle)
            placements.append(Placement(person, round(x, 1), round(y, 1), angle))
    return placements


def _rings() -> list[str]:
    """The three rings, each numbered where people are rarely placed."""
    number_angle = math.radians(112)
    return [
        f'<circle class="ring ring-{ring}" cx="{CENTRE_X}" cy="{CENTRE_Y}" r="{radius}" fill="none" '
        f'stroke="#8a8f98" stroke-width="1"/>'
        f'<text x="{round(CENTRE_X + radius * math.cos(number_angle), 1)}" '
        f'y="{round(CENTRE_Y + radius * math.sin(number_angle) - 4, 1)}" font-size="13" fill="#4a4f57">'
        f"{int(ring)}</text>"
        for ring, radius in RING_RADII.items()
    ]


def _label_anchor(angle: float) -> str:
    cosine = math.cos(angle)
    return "middle" if abs(cosine) < 0.3 else ("start" if cosine > 0 else "end")


def _person(spot: Placement) -> str:
    person = spot.person
    dash_attr = "" if person.supportive else f' stroke-dasharray="{STRAINING_DASH}"'
    label_x = spot.x + (MARKER_RADIUS + 4) * math.cos(spot.angle)
    label_y = spot.y + (MARKER_RADIUS + 12) * math.sin(spot.angle) + 4
    title = f"{person.name} ({person.relation}) – {relation_word(person)}"
    kind = "supportive" if person.supportive else "straining"
    return (
        f'<g class="person person-{kind}">'
        f"<title>{escape(title)}</title>"
        f'<line x1="{CENTRE_X}" y1="{CENTRE_Y}" x2="{spot.x}" y2="{spot.y}" stroke="#1b1f24" '
        f'stroke-width="1.5"{dash_attr}/>'
        f'<circle class="marker" cx="{spot.x}" cy="{spot.y}" r="{MARKER_RADIUS}" fill="#ffffff" stroke="#1b1f24" '
        f'stroke-width="1.5"{dash_attr}/>'
        f'<text x="{round(label_x, 1)}" y="{round(label_y, 1)}" text-anchor="{_label_anchor(spot.angle)}" '
        f'font-size="{FONT_SIZE}">{escape(_short(person.name))}</text>'
        f"</g>"
    )


def _centre(youth: Youth) -> str:
    name = youth.preferred_name or youth.first_name
    return (
        f'<g class="youth"><circle cx="{CENTRE_X}" cy="{CENTRE_Y}" r="28" fill="#e8eef7" stroke="#1b1f24" '
        f'stroke-width="2"/>'
        f'<text x="{CENTRE_X}" y="{CENTRE_Y + 5}" text-anchor="middle" font-size="{FONT_SIZE}" font-weight="bold">'
        f"{escape(_short(name))}</text></g>"
    )


def _legend() -> str:
    """The line styles explained in words, one per row (Danish labels are long)."""
    rows = [MAP_HEIGHT + LEGEND_ROW * row for row in range(3)]
    # Translated outside the f-strings: xgettext does not look inside them.
    solid, dashed = escape(_("Solid line: supportive")), escape(_("Dashed line: straining"))
    rings = escape(_("Ring 1 is closest to the youth, ring 3 furthest away."))
    return (
        f'<g class="legend" font-size="{FONT_SIZE}">'
        f'<line x1="20" y1="{rows[0] - 5}" x2="60" y2="{rows[0] - 5}" stroke="#1b1f24" stroke-width="1.5"/>'
        f'<text x="70" y="{rows[0]}">{solid}</text>'
        f'<line x1="20" y1="{rows[1] - 5}" x2="60" y2="{rows[1] - 5}" stroke="#1b1f24" stroke-width="1.5" '
        f'stroke-dasharray="{STRAINING_DASH}"/>'
        f'<text x="70" y="{rows[1]}">{dashed}</text>'
        f'<text x="20" y="{rows[2]}">{rings}</text>'
        f"</g>"
    )


def describe(youth: Youth, people: Sequence[NetworkPerson]) -> str:
    """One sentence for screen readers; the list beside the map has the details."""
    supportive = sum(1 for person in people if person.supportive)
    return _("Network map of %(name)s: %(count)d people, %(supportive)d supportive, %(straining)d straining.") % {
        "name": youth.display_name,
        "count": len(people),
        "supportive": supportive,
        "straining": len(people) - supportive,
    }


def render_svg(youth: Youth, people: Iterable[NetworkPerson]) -> SafeString:
    """The whole map as one <svg> element, safe to put inline in HTML."""
    people = list(people)
    label = escape(describe(youth, people))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network-map" role="img" aria-label="{label}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" font-family="DejaVu Sans, sans-serif">',
        f"<title>{label}</title>",
        *_rings(),
        *(_person(spot) for spot in place(people)),
        _centre(youth),
        _legend(),
        "</svg>",
    ]
    return mark_safe("".join(parts))  # nosec B308, B703  # every text in the map is passed through escape() where it is added
