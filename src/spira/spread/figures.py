"""The spread of one solution as the page shows it: map, timeline, who learned from whom and the
table of the latest adoptions, rendered once and kept in the cache.

A widely spread solution has hundreds of adoptions; drawing the figures and rendering their text
alternatives costs far more than the rest of the page. The rendered parts are cached per solution
and language under a version that every change to the solution's adoptions, to the solution and
to any organisation bumps (see caching.py), so the page never shows stale spread.
What depends on the reader (the action links and confirmation buttons of the table) is added by
the view for each request.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from spira.spread import caching, maps, queries

TABLE_LIMIT = 50
FIGURES_TIMEOUT = 6 * 60 * 60


@dataclass(frozen=True)
class Party:
    pk: int
    slug: str
    display_name: str


@dataclass(frozen=True)
class TableRow:
    """One row of the adoptions table: its cells as HTML, and what the reader's actions need."""

    pk: int
    cells: str
    adopter: Party
    source: Party
    adopter_confirmed: bool
    source_confirmed: bool


@dataclass
class SolutionFigures:
    adoption_count: int
    adopter_ids: frozenset[int]
    map_svg: str
    timeline_html: str
    graph_html: str
    rows: tuple[TableRow, ...]

    @cached_property
    def rows_without_actions(self) -> str:
        """The table rows as they are for a reader who may do nothing on any of them (most)."""
        return mark_safe(
            "".join(f'<tr id="adoption-{row.pk}">{row.cells}<td></td></tr>' for row in self.rows)
        )


# Drawing ----------------------------------------------------------------------------------------


def _table_rows(solution) -> tuple[TableRow, ...]:
    shown = queries.adoptions_of(solution).order_by("-started_on", "-id")[:TABLE_LIMIT]
    template = get_template("spread/partials/_adoption_cells.html")
    rows = []
    for adoption in shown:
        adopter, source = adoption.adopter, adoption.source
        rows.append(
            TableRow(
                pk=adoption.pk,
                cells=template.render({"adoption": adoption}),
                adopter=Party(adopter.pk, adopter.slug, adopter.display_name),
                source=Party(source.pk, source.slug, source.display_name),
                adopter_confirmed=adoption.adopter_confirmed_at is not None,
                source_confirmed=adoption.source_confirmed_at is not None,
            )
        )
    return tuple(rows)


def draw(solution) -> SolutionFigures:
    """Everything the solution page shows about its spread (no caching)."""
    adoptions = queries.spread_rows(solution)
    events = queries.timeline(adoptions)
    count = len(adoptions)
    map_title = ngettext(
        "Map of Sweden with %(count)s organisation that registered the solution",
        "Map of Sweden with %(count)s organisations that registered the solution",
        count,
    ) % {"count": count}
    timeline_svg = maps.timeline_svg(
        maps.timeline_layout(events), _("Timeline of the adoptions; the list below gives the same dates.")
    )
    graph_svg = maps.graph_svg(
        maps.graph_layout(solution.owner, queries.learning_edges(solution, adoptions)),
        _("Network of who learned the solution from whom; the list below gives the same links."),
    )
    # The text alternatives list the latest adoptions; the full list is one link away.
    timeline_html = render_to_string(
        "spread/partials/_timeline.html",
        {"timeline_svg": timeline_svg, "timeline_events": events[-TABLE_LIMIT:]},
    )
    graph_html = render_to_string(
        "spread/partials/_graph.html", {"graph_svg": graph_svg, "learned": adoptions[-TABLE_LIMIT:]}
    )
    return SolutionFigures(
        adoption_count=count,
        adopter_ids=frozenset(a.adopter_id for a in adoptions),
        map_svg=maps.map_svg(maps.marks_for(adoptions), map_title),
        timeline_html=timeline_html,
        graph_html=graph_html,
        rows=_table_rows(solution) if count else (),
    )


def figures_for(solution) -> SolutionFigures:
    """The solution's figures from the cache, drawn when missing or out of date."""
    key = f"spread:figures:{solution.pk}:{get_language()}:{caching.solution_version(solution.pk)}"
    figures = cache.get(key)
    if figures is None:
        figures = draw(solution)
        cache.set(key, figures, FIGURES_TIMEOUT)
    return figures
