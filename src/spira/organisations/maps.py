"""The map of Sweden drawn on the server as SVG: municipality and county boundaries, projected and
simplified once per process, for any app that shows places on a map (spread, events).

No tile server and no JavaScript: the shipped boundaries (data/geo/*.geojson, SCB) are projected
once (equirectangular, x scaled by cos 62°), simplified (Douglas–Peucker) and kept as path strings
in memory. `project` places a point (an organisation's reference coordinates) on the same map.
"""

import json
import math
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.html import escape

GEO_DIR = Path(settings.BASE_DIR) / "data" / "geo"
WEST, EAST, SOUTH, NORTH = 10.9, 24.4, 55.2, 69.2
X_SCALE = math.cos(math.radians(62))
WIDTH = 300.0
SCALE = WIDTH / ((EAST - WEST) * X_SCALE)
HEIGHT = round((NORTH - SOUTH) * SCALE, 1)
TOLERANCE = 0.35


def project(lon: float, lat: float) -> tuple[float, float]:
    return (round((lon - WEST) * X_SCALE * SCALE, 1), round((NORTH - lat) * SCALE, 1))


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, iterative."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1e-9
        worst, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length
            if distance > worst:
                worst, index = distance, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _simplify_ring(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A closed ring starts and ends at the same point, which Douglas–Peucker cannot use as its
    base line: simplify the two halves separately."""
    if len(points) < 4:
        return points
    middle = len(points) // 2
    return _simplify(points[: middle + 1], TOLERANCE) + _simplify(points[middle:], TOLERANCE)[1:]


def _path(geometry: dict) -> str:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = _simplify_ring([project(lon, lat) for lon, lat in ring])
            if len(points) < 3:
                continue
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
    return "".join(parts)


@lru_cache(maxsize=1)
def municipality_paths() -> dict[str, str]:
    """Path data per kommunkod (computed once per process)."""
    data = json.loads((GEO_DIR / "municipalities.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["kommun_kod"]: _path(f["geometry"]) for f in data["features"]}


@lru_cache(maxsize=1)
def county_paths() -> dict[str, str]:
    data = json.loads((GEO_DIR / "counties.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["lan_kod"]: _path(f["geometry"]) for f in data["features"]}


@lru_cache(maxsize=1)
def county_background() -> str:
    """The counties in light grey: the background of every map."""
    return "".join(
        f'<path d="{path}" fill="#f1f3f5" stroke="#8a939c" stroke-width="0.4"/>'
        for path in county_paths().values()
    )


def svg_open(css_class: str, width, height, title_id: str, title: str) -> str:
    """The opening of a figure that is one image (its text alternative is on the page)."""
    return (
        f'<svg class="{css_class}" viewBox="0 0 {width:g} {height:g}" role="img" aria-labelledby="{title_id}" '
        f'focusable="false"><title id="{title_id}">{escape(title)}</title>'
    )
