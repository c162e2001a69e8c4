"""Charts as data, drawn on the server as SVG (no JavaScript, no internet).

A `Chart` holds its categories and one or more series of numbers. The same data gives the SVG,
the data table shown next to it and the chart's CSV download, so the three never disagree.
Accessibility: the SVG is an image with a title and a text summary (`role="img"`,
`aria-labelledby`), every bar carries its number as text (never colour alone), series differ by
pattern as well as colour, and the figure can be focused with the keyboard.
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

PALETTE = ("#1f5f8b", "#c2571a", "#2e7d32", "#6a3d9a", "#8c6d1f", "#b0306a")
# Series differ in pattern too: solid, diagonal hatching, dots, cross-hatching.
PATTERNS = ("solid", "hatch", "dots", "cross", "solid", "hatch")
BAR_HEIGHT = 18
GAP = 8
LABEL_WIDTH = 230
PLOT_WIDTH = 380
VALUE_WIDTH = 90


@dataclass
class Chart:
    """One chart: `categories` down the side, `series` as {name: [value per category]}."""

    id: str
    title: str
    categories: list[str]
    series: dict[str, list[float]]
    unit: str = ""
    note: str = ""
    value_format: str = "{:,.0f}"
    extra: dict = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.categories or not any(any(v for v in values) for values in self.series.values())

    def format(self, value) -> str:
        if value is None:
            return "–"
        return self.value_format.format(value).replace(",", "\u00a0")

    def rows(self) -> list[list]:
        names = list(self.series)
        return [
            [category, *[self.series[name][i] for name in names]]
            for i, category in enumerate(self.categories)
        ]

    def header(self) -> list[str]:
        return [_("Category"), *self.series]

    def table_body(self) -> SafeString:
        """The data table's rows, written as the template would write them (a dashboard has
        thousands of cells, too many to render one template variable at a time)."""
        out = []
        for category, *values in self.rows():
            cells = "".join(f'<td class="numeric">{_cell(value)}</td>' for value in values)
            out.append(f'<tr><th scope="row">{_cell(category)}</th>{cells}</tr>')
        return mark_safe("".join(out))

    def summary(self) -> str:
        """A one-sentence text alternative: the largest values."""
        if self.is_empty:
            return _("No data for these filters.")
        name = next(iter(self.series))
        pairs = sorted(zip(self.categories, self.series[name], strict=True), key=lambda p: -(p[1] or 0))[:3]
        top = ", ".join(f"{label} ({self.format(value)})" for label, value in pairs)
        return _("%(title)s. Largest: %(top)s. The table below has every value.") % {
            "title": self.title,
            "top": top,
        }

    def csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(self.header())
        for row in self.rows():
            writer.writerow(["" if value is None else value for value in row])
        return "\ufeff" + buffer.getvalue()

    def svg(self) -> SafeString:
        return render_bar_chart(self)


def _cell(value) -> str:
    return "–" if value is None else conditional_escape(localize(value))


def _pattern_defs(chart_id: str, count: int) -> str:
    parts = []
    for index in range(count):
        colour, pattern = PALETTE[index % len(PALETTE)], PATTERNS[index % len(PATTERNS)]
        pid = f"{chart_id}-p{index}"
        if pattern == "hatch":
            body = f'<rect width="6" height="6" fill="#fff"/><path d="M0 6 L6 0" stroke="{colour}" stroke-width="2.5"/>'
        elif pattern == "dots":
            body = f'<rect width="6" height="6" fill="#fff"/><circle cx="3" cy="3" r="2" fill="{colour}"/>'
        elif pattern == "cross":
            body = (
                f'<rect width="6" height="6" fill="#fff"/><path d="M0 0 L6 6 M6 0 L0 6" '
                f'stroke="{colour}" stroke-width="1.5"/>'
            )
        else:
            body = f'<rect width="6" height="6" fill="{colour}"/>'
        parts.append(
            f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse">{body}</pattern>'
        )
    return "<defs>" + "".join(parts) + "</defs>"


def render_bar_chart(chart: Chart) -> SafeString:
    """Horizontal bars, grouped when there are several series, with numbers beside the bars."""
    names = list(chart.series)
    group = len(names) * BAR_HEIGHT + GAP
    legend_height = 22 if len(names) > 1 else 0
    height = legend_height + max(1, len(chart.categories)) * group + GAP
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    maximum = max([v or 0 for values in chart.series.values() for v in values] or [0]) or 1
    title_id, desc_id = f"{chart.id}-title", f"{chart.id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="obs-chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" focusable="false">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.summary())}</desc>',
        _pattern_defs(chart.id, len(names)),
    ]
    if len(names) > 1:
        x = LABEL_WIDTH
        for index, name in enumerate(names):
            out.append(
                f'<rect x="{x}" y="4" width="14" height="14" fill="url(#{chart.id}-p{index})" '
                f'stroke="{PALETTE[index % len(PALETTE)]}"/>'
                f'<text x="{x + 18}" y="16" class="obs-legend">{escape(name)}</text>'
            )
            x += 24 + 8 * len(str(name))
    for row, category in enumerate(chart.categories):
        top = legend_height + row * group + GAP // 2
        out.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{top + group / 2}" text-anchor="end" class="obs-label" '
            f'dominant-baseline="middle">{escape(_shorten(str(category)))}</text>'
        )
        for index, name in enumerate(names):
            value = chart.series[name][row] or 0
            bar = PLOT_WIDTH * value / maximum
            y = top + index * BAR_HEIGHT
            colour = PALETTE[index % len(PALETTE)]
            out.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{bar:.1f}" height="{BAR_HEIGHT - 3}" '
                f'fill="url(#{chart.id}-p{index})" stroke="{colour}"/>'
                f'<text x="{LABEL_WIDTH + bar + 4:.1f}" y="{y + BAR_HEIGHT / 2}" class="obs-value" '
                f'dominant-baseline="middle">{escape(chart.format(chart.series[name][row]))}</text>'
            )
    out.append("</svg>")
    return mark_safe("".join(out))


def _shorten(text: str, length: int = 34) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def pivot(rows, row_labels: dict, column_labels: dict) -> tuple[list[str], dict[str, list[float]]]:
    """Categories and series from (row key, column key, value) triples, in the labels' order."""
    table = {(r, c): v for r, c, v in rows}
    categories = [str(label) for label in row_labels.values()]
    series = {
        str(column_label): [table.get((row_key, column_key), 0) for row_key in row_labels]
        for column_key, column_label in column_labels.items()
    }
    return categories, series
