"""The places of a programme on a map of Sweden: a marker per municipality, at its reference
coordinates (the organisations' reference data), linking to the programme in that municipality.

The map is drawn on the server with the boundaries in `spira.organisations.maps` (no tiles, no
JavaScript, nothing from the internet). It is a group of links, not an image: every marker is a
link with a name of its own ("Umeå: 3 activities"), reached with the Tab key; the list of the same
places next to it is the text alternative. Markers differ in size by their number of activities,
and nothing is told by colour.
"""

import math
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

from spira.organisations.maps import HEIGHT, WIDTH, county_background, project

SMALLEST_RADIUS, LARGEST_RADIUS = 2.5, 7.0


@dataclass(frozen=True)
class MapPlace:
    """A municipality of the programme, with its number of activities."""

    name: str
    code: str
    count: int
    url: str
    latitude: float | None
    longitude: float | None

    @property
    def label(self) -> str:
        return ngettext("%(place)s: %(count)s activity", "%(place)s: %(count)s activities", self.count) % {
            "place": self.name,
            "count": self.count,
        }

    @property
    def on_map(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def places_by_municipality(activities: QuerySet, programme_url: str) -> list[MapPlace]:
    """The municipalities of `activities` with their numbers of activities, by name (one query).
    Each links to the programme filtered to that municipality."""
    rows = (
        activities.exclude(municipality=None)
        .order_by()
        .values(
            "municipality__name",
            "municipality__municipality_code",
            "municipality__latitude",
            "municipality__longitude",
        )
        .annotate(count=Count("id"))
        .order_by("municipality__name")
    )
    places = []
    for row in rows:
        code = row["municipality__municipality_code"] or ""
        latitude, longitude = row["municipality__latitude"], row["municipality__longitude"]
        places.append(
            MapPlace(
                name=row["municipality__name"],
                code=code,
                count=row["count"],
                url=f"{programme_url}?municipality={code}" if code else "",
                latitude=None if latitude is None else float(latitude),
                longitude=None if longitude is None else float(longitude),
            )
        )
    return places


def places_map_svg(places: list[MapPlace], title: str, description: str) -> SafeString:
    """The map: the counties as background, then a linked marker per place, largest first so that
    smaller markers stay on top and can be reached with the mouse too."""
    marked = [place for place in places if place.on_map and place.url]
    top = max((place.count for place in marked), default=1)
    parts = [
        f'<svg class="events-map" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" role="group" '
        'aria-labelledby="events-map-title" aria-describedby="events-map-desc">'
        f'<title id="events-map-title">{escape(title)}</title>'
        f'<desc id="events-map-desc">{escape(description)}</desc>'
        f'<g aria-hidden="true">{county_background()}</g>'
    ]
    for place in sorted(marked, key=lambda place: (-place.count, place.name)):
        x, y = project(place.longitude, place.latitude)
        radius = SMALLEST_RADIUS + (LARGEST_RADIUS - SMALLEST_RADIUS) * math.sqrt(place.count / top)
        label = escape(place.label)
        parts.append(
            f'<a href="{escape(place.url)}" aria-label="{label}" data-municipality="{escape(place.code)}">'
            f"<title>{label}</title>"
            f'<circle cx="{x:g}" cy="{y:g}" r="{radius:.1f}" fill="#1d5b8f" fill-opacity="0.85" '
            'stroke="#0b2e4a" stroke-width="0.8"/></a>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
