"""Server-drawn SVG: the map of Sweden with adopters, the adoption timeline and who learned from whom.

No tile server and no JavaScript: the map of Sweden (boundaries projected and simplified once) is
shared with other apps in `spira.organisations.maps`. Every figure has a text alternative on the
page (a table or a list).
"""

import math
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape
from django.utils.safestring import mark_safe

from spira.organisations.maps import (
    HEIGHT,
    WIDTH,
    county_background,
    county_paths,
    municipality_paths,
    project,
    svg_open,
)


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
            x, y = project(float(org.longitude), float(org.latitude))  # Decimal or float
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


# SVG text ----------------------------------------------------------------------------------------
# The figures are written here rather than in templates: a widely spread solution has hundreds of
# marks and events, and string building is an order of magnitude faster than template loops.

FILL = {"in_use": 'fill="#1d5b8f"', "piloting": 'fill="url(#spread-hatch)"', "interested": 'fill="#ffffff"'}
DISCONTINUED_FILL = 'fill="#d0d4d8"'
HATCH = (
    '<defs><pattern id="spread-hatch" width="3" height="3" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="3" height="3" fill="#ffffff"/>'
    '<line x1="0" y1="0" x2="0" y2="3" stroke="#1d5b8f" stroke-width="1.6"/></pattern></defs>'
)


def map_svg(marks: list[MapMark], title: str) -> str:
    parts = [svg_open("spread-map", WIDTH, HEIGHT, "spread-map-title", title), HATCH, county_background()]
    for mark in marks:
        fill = FILL.get(mark.status, DISCONTINUED_FILL)
        if mark.path:
            dash = ' stroke-dasharray="1 1"' if mark.status == "interested" else ""
            parts.append(f'<path d="{mark.path}" {fill} stroke="#0b2e4a" stroke-width="0.6"{dash}/>')
        elif mark.x is not None:
            parts.append(
                f'<circle cx="{mark.x:g}" cy="{mark.y:g}" r="3" {fill} stroke="#0b2e4a" stroke-width="0.8"/>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def county_map_svg(shades: list[dict], title: str) -> str:
    colours = ["#f1f3f5", "#c6dbef", "#6baed6", "#2171b5", "#08306b"]
    parts = [svg_open("spread-map", WIDTH, HEIGHT, "spread-county-title", title)]
    parts += [
        f'<path d="{c["path"]}" data-county="{c["code"]}" fill="{colours[c["step"]]}" stroke="#555" stroke-width="0.4"/>'
        for c in shades
    ]
    parts.append("</svg>")
    return mark_safe("".join(parts))


def timeline_svg(layout: dict, title: str) -> str:
    if not layout["events"]:
        return ""
    height = layout["height"]
    parts = [svg_open("spread-timeline", layout["width"], height, "spread-timeline-title", title)]
    for tick in layout["ticks"]:
        parts.append(
            f'<line x1="{tick["x"]:g}" y1="8" x2="{tick["x"]:g}" y2="{height}" stroke="#d0d4d8" stroke-width="1"/>'
            f'<text x="{tick["x"]:g}" y="8" font-size="9" fill="#333" text-anchor="middle">{tick["label"]}</text>'
        )
    for label in layout["labels"]:
        name = label["name"] if len(label["name"]) <= 26 else label["name"][:25] + "…"
        parts.append(f'<text x="4" y="{label["y"] + 3}" font-size="10" fill="#1a1a1a">{escape(name)}</text>')
    for item in layout["events"]:
        x, y, status = item["x"], item["y"], item["event"].status
        if status == "in_use":
            parts.append(f'<rect x="{x:g}" y="{y - 4}" width="8" height="8" fill="#1d5b8f"/>')
        elif status == "piloting":
            parts.append(f'<polygon points="{x:g},{y - 5} {x:g},{y + 5} {x + 8:g},{y}" fill="#1d5b8f"/>')
        elif status == "discontinued":
            parts.append(f'<text x="{x:g}" y="{y + 4}" font-size="11" fill="#1a1a1a">×</text>')
        else:
            parts.append(
                f'<circle cx="{x:g}" cy="{y}" r="4" fill="#ffffff" stroke="#1d5b8f" stroke-width="1.5"/>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def graph_svg(layout: dict, title: str) -> str:
    if not layout["lines"]:
        return ""
    size = layout["size"]
    parts = [svg_open("spread-graph", size, size, "spread-graph-title", title)]
    for line in layout["lines"]:
        dash = "" if line["verified"] else ' stroke-dasharray="3 2"'
        parts.append(
            f'<line x1="{line["x1"]:g}" y1="{line["y1"]:g}" x2="{line["x2"]:g}" y2="{line["y2"]:g}" '
            f'stroke="#5a6570" stroke-width="1.2"{dash}/>'
        )
    for node in layout["nodes"]:
        radius, fill = (8, "#1d5b8f") if node["is_owner"] else (5, "#ffffff")
        name = node["name"] if len(node["name"]) <= 22 else node["name"][:21] + "…"
        parts.append(
            f'<circle cx="{node["x"]:g}" cy="{node["y"]:g}" r="{radius}" fill="{fill}" stroke="#0b2e4a" '
            f'stroke-width="1.2"/><text x="{node["x"]:g}" y="{node["y"] - 9:g}" font-size="8" '
            f'text-anchor="middle" fill="#1a1a1a">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
