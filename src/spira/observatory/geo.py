"""A map of Sweden shaded per municipality, drawn on the server as SVG from the shipped
boundaries (SCB, src/spira/data/geo/). The outlines are projected and simplified once per
process (Douglas–Peucker) and kept in memory; only the shading changes per request."""

import json
import math
from functools import lru_cache

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 360
TOLERANCE = 0.6  # SVG units (the map is about 360 × 800)
# Light to dark; every class also has its own number in the legend and each area a title.
SHADES = ("#f1f4f7", "#c6dbef", "#8fbcdb", "#4f93c4", "#1f5f8b", "#0b3556")


def _perpendicular(point, start, end) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def radial(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Drop points closer than `tolerance` to the last kept one (a cheap first pass)."""
    kept = [points[0]]
    for point in points[1:-1]:
        if abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) > tolerance:
            kept.append(point)
    kept.append(points[-1])
    return kept


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """A radial pass, then Douglas–Peucker, iteratively (coast rings have thousands of points)."""
    points = radial(points, tolerance / 2) if len(points) > 3 else points
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, distance = 0, 0.0
        for i in range(first + 1, last):
            d = _perpendicular(points[i], points[first], points[last])
            if d > distance:
                index, distance = i, d
        if distance > tolerance and index:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


@lru_cache(maxsize=1)
def outlines() -> tuple[dict[str, tuple[str, str]], int]:
    """{kommunkod: (name, SVG path)}, and the map's height; simplified once, then kept in this
    process and in the shared cache (so that other processes do not simplify again)."""
    from django.core.cache import cache

    key = f"observatory:outlines:{TOLERANCE}"
    value = cache.get(key)
    if value is None:
        value = _compute_outlines()
        cache.set(key, value, timeout=None)
    return value


def _compute_outlines() -> tuple[dict[str, tuple[str, str]], int]:
    path = settings.SPIRA_REFERENCE_DATA_DIR / "geo" / "municipalities.geojson"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    rings = []
    for feature in features:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        )
        rings.append((feature["properties"], [ring for polygon in polygons for ring in polygon[:1]]))
    lons = [lon for _p, rs in rings for ring in rs for lon, _lat in ring]
    lats = [lat for _p, rs in rings for ring in rs for _lon, lat in ring]
    west, north = min(lons), max(lats)
    mid = math.radians((min(lats) + north) / 2)
    squeeze = math.cos(mid)
    scale = WIDTH / ((max(lons) - west) * squeeze)
    height = math.ceil((north - min(lats)) * scale)
    result = {}
    for properties, feature_rings in rings:
        parts = []
        for ring in feature_rings:
            points = [((lon - west) * squeeze * scale, (north - lat) * scale) for lon, lat in ring]
            points = simplify(points, TOLERANCE)
            if len(points) < 3:
                continue
            parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
        result[properties["kommun_kod"]] = (properties["kommun"], "".join(parts))
    return result, height


def classes(values: list[int]) -> list[int]:
    """Upper bounds of five classes above zero (rounded quantiles of the non-zero values)."""
    positive = sorted(v for v in values if v > 0)
    if not positive:
        return []
    bounds = []
    for q in (0.2, 0.4, 0.6, 0.8, 1.0):
        bound = positive[min(len(positive) - 1, math.ceil(q * len(positive)) - 1)]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


def shade_index(value: int, bounds: list[int]) -> int:
    if value <= 0:
        return 0
    for index, bound in enumerate(bounds, start=1):
        if value <= bound:
            return index
    return len(bounds)


def legend(bounds: list[int]) -> list[tuple[str, str]]:
    items = [(SHADES[0], "0")]
    low = 1
    for index, bound in enumerate(bounds, start=1):
        items.append((SHADES[index], f"{low}–{bound}" if bound > low else f"{bound}"))
        low = bound + 1
    return items


def render_map(counts: dict[str, int], title: str, map_id: str = "map") -> SafeString:
    shapes, height = outlines()
    bounds = classes(list(counts.values()))
    total = sum(counts.values())
    summary = _(
        "%(title)s: %(total)s in %(areas)s municipalities. Each municipality's number is in its title and in the table."
    ) % {
        "title": title,
        "total": total,
        "areas": sum(1 for v in counts.values() if v),
    }
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="obs-map" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{map_id}-title {map_id}-desc" focusable="false">',
        f'<title id="{map_id}-title">{escape(title)}</title><desc id="{map_id}-desc">{escape(summary)}</desc>',
    ]
    for code, (name, path) in sorted(shapes.items()):
        value = counts.get(code, 0)
        out.append(
            f'<path d="{path}" fill="{SHADES[shade_index(value, bounds)]}" stroke="#555" stroke-width="0.3" '
            f'data-code="{code}"><title>{escape(name)}: {value}</title></path>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))


def municipality_names() -> dict[str, str]:
    shapes, _height = outlines()
    return {code: name for code, (name, _path) in shapes.items()}
