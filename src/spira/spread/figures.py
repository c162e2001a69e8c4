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
from django.template.loader import render_to_string
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
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


def _verified(adoption) -> str:
    if adoption.is_verified:
        return _("Verified")
    if adoption.adopter_confirmed_at:
        return f"{_('Not verified')} ({_('adopter confirmed')})"
    if adoption.source_confirmed_at:
        return f"{_('Not verified')} ({_('source confirmed')})"
    return _("Not verified")


def _cells(adoption) -> str:
    """The cells of one adoption's row (all but the reader's actions). Written here rather than in
    a template, like the figures: fifty rows through the template engine cost more than the map."""
    adopter = adoption.adopter
    notes = []
    if adoption.effect:
        notes.append(
            format_html(
                '<br><span class="help">{} {}</span>', _("Effect:"), Truncator(adoption.effect).chars(140)
            )
        )
    if adoption.indicator and adoption.result is not None:
        baseline = "–" if adoption.baseline is None else localize(adoption.baseline)
        notes.append(
            format_html(
                '<br><span class="help">{}: {} → {} {}</span>',
                adoption.indicator, baseline, localize(adoption.result), adoption.indicator_unit,
            )
        )  # fmt: skip
    status = [capfirst(adoption.get_status_display())]
    if adoption.started_on:
        status.append(format_html(' <span class="help">({})</span>', adoption.started_on.isoformat()))
    if adoption.discontinued_reason:
        status.append(format_html('<br><span class="help">{}</span>', adoption.discontinued_reason))
    return format_html(
        '<th scope="row"><a href="{}">{}</a>{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td>',
        adopter.get_absolute_url(), adopter.display_name, mark_safe("".join(notes)),
        adopter.county.name if adopter.county_id else "", mark_safe("".join(conditional_escape(part) for part in status)),
        adoption.source.display_name, _verified(adoption),
    )  # fmt: skip


def _table_rows(solution) -> tuple[TableRow, ...]:
    shown = queries.adoptions_of(solution).order_by("-started_on", "-id")[:TABLE_LIMIT]
    rows = []
    for adoption in shown:
        adopter, source = adoption.adopter, adoption.source
        rows.append(
            TableRow(
                pk=adoption.pk,
                cells=_cells(adoption),
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
