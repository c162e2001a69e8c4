"""Server-drawn SVG: the map of Sweden with adopters, the adoption timeline and who learned from whom.

No tile server and no JavaScript: the shipped boundaries (data/geo/*.geojson) are projected once
(equirectangular, x scaled by cos 62°), simplified (Douglas–Peucker) and kept as path strings in
memory. Every figure has a text alternative on the page (a table or a list).
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

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


def _path(geometry: dict) -> str:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = _simplify([project(lon, lat) for lon, lat in ring], TOLERANCE)
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


@dataclass(frozen=True)
class MapMark:
    """One adopter on the map: a shaded municipality, or a dot at the organisation's position."""

    name: str
    status: str
    municipality_code: str | None = None
    path: str = ""
    x: float | None = None
    y: float | None = None


def marks_for(adoptions) -> list[MapMark]:
    marks = []
    paths = municipality_paths()
    for adoption in adoptions:
        org = adoption.adopter
        if org.municipality_code and org.municipality_code in paths:
            marks.append(
                MapMark(
                    org.display_name,
                    adoption.status,
                    municipality_code=org.municipality_code,
                    path=paths[org.municipality_code],
                )
            )
        elif org.latitude is not None and org.longitude is not None:
            x, y = project(float(org.longitude), float(org.latitude))
            marks.append(MapMark(org.display_name, adoption.status, x=x, y=y))
    return marks


def county_shades(counts: dict[str, int]) -> list[dict]:
    """Counties with a shade step 0–4 by their share of the largest count (for the national view)."""
    top = max(counts.values(), default=0)
    shades = []
    for code, path in county_paths().items():
        count = counts.get(code, 0)
        step = 0 if not count or not top else 1 + min(3, int(4 * count / (top + 1)))
        shades.append({"code": code, "path": path, "count": count, "step": step})
    return shades


# Timeline ---------------------------------------------------------------------------------------

TIMELINE_WIDTH = 600
TIMELINE_ROW = 18


def timeline_layout(events) -> dict:
    """Positions for a dot per event on a time axis, one row per adopter."""
    if not events:
        return {"events": [], "height": 0, "ticks": []}
    first, last = events[0].day, events[-1].day
    span = max((last - first).days, 1)
    rows: dict[int, int] = {}
    placed = []
    for event in events:
        row = rows.setdefault(event.adoption.adopter_id, len(rows))
        x = 150 + (TIMELINE_WIDTH - 170) * (event.day - first).days / span
        placed.append({"x": round(x, 1), "y": 20 + row * TIMELINE_ROW, "event": event})
    labels = {}
    for item in placed:
        labels.setdefault(
            item["event"].adoption.adopter_id,
            {"y": item["y"], "name": item["event"].adoption.adopter.display_name},
        )
    ticks = sorted({first.year, last.year} | set(range(first.year, last.year + 1)))
    tick_marks = []
    for year in ticks:
        from datetime import date

        day = max(first, min(last, date(year, 1, 1)))
        tick_marks.append(
            {"x": round(150 + (TIMELINE_WIDTH - 170) * (day - first).days / span, 1), "label": year}
        )
    return {
        "events": placed,
        "labels": list(labels.values()),
        "height": 40 + len(rows) * TIMELINE_ROW,
        "ticks": tick_marks,
        "width": TIMELINE_WIDTH,
    }


# Who learned from whom --------------------------------------------------------------------------

GRAPH_SIZE = 320


def graph_layout(owner, edges) -> dict:
    """The owner in the centre, organisations that learned from it on an inner ring, those that
    learned from them further out (breadth-first by the learned-from links)."""
    children: dict[int, list] = {}
    names = {owner.pk: owner.display_name}
    for source, adopter, _adoption in edges:
        children.setdefault(source.pk, []).append(adopter.pk)
        names.setdefault(source.pk, source.display_name)
        names.setdefault(adopter.pk, adopter.display_name)
    depth = {owner.pk: 0}
    queue = [owner.pk]
    while queue:
        current = queue.pop(0)
        for child in children.get(current, []):
            if child not in depth:
                depth[child] = depth[current] + 1
                queue.append(child)
    for pk in names:
        depth.setdefault(pk, 1)
    rings: dict[int, list[int]] = {}
    for pk, level in sorted(depth.items(), key=lambda item: (item[1], names[item[0]])):
        rings.setdefault(level, []).append(pk)
    centre = GRAPH_SIZE / 2
    positions = {}
    deepest = max(rings) or 1
    for level, members in rings.items():
        radius = 0 if level == 0 else (centre - 30) * level / deepest
        for index, pk in enumerate(members):
            angle = 2 * math.pi * index / max(len(members), 1) - math.pi / 2
            positions[pk] = (
                round(centre + radius * math.cos(angle), 1),
                round(centre + radius * math.sin(angle), 1),
            )
    nodes = [
        {"x": x, "y": y, "name": names[pk], "is_owner": pk == owner.pk} for pk, (x, y) in positions.items()
    ]
    lines = [
        {
            "x1": positions[s.pk][0],
            "y1": positions[s.pk][1],
            "x2": positions[a.pk][0],
            "y2": positions[a.pk][1],
            "verified": adoption.is_verified,
        }
        for s, a, adoption in edges
        if s.pk in positions and a.pk in positions
    ]
    return {"nodes": nodes, "lines": lines, "size": GRAPH_SIZE}
