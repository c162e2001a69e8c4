"""Indicators of the idea sluices (spira.ideas): the funnel across all sluices, ideas by theme
and origin. Ideas are published only as aggregates (no texts, no people)."""

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spira.ideas.choices import FUNNEL_TYPES, Origin, StageType, Theme
from spira.ideas.models import Idea, StageLog
from spira.observatory.aggregates import read
from spira.observatory.charts import Chart
from spira.observatory.opendata.datasets import Column, Dataset, key
from spira.observatory.registry import Child, Measure, Provider
from spira.observatory.scope import Scope


def counted_ideas():
    return Idea.objects.filter(is_hidden=False)


def funnel_values(reached: dict[str, int]) -> tuple[list[str], list[int]]:
    """The funnel from {stage type: ideas that reached it}: a later type counts for earlier ones."""
    values, running = [], 0
    for stage_type in reversed(FUNNEL_TYPES):
        running = max(running, reached.get(stage_type, 0))
        values.append(running)
    values.reverse()
    return [str(StageType(t).label).capitalize() for t in FUNNEL_TYPES], values


def funnel(ideas) -> tuple[list[str], list[int]]:
    """Ideas that reached each stage type of the funnel, counted directly (one organisation)."""
    reached = dict(
        StageLog.objects.filter(idea__in=ideas.values("pk"), stage_type__in=FUNNEL_TYPES)
        .order_by()
        .values_list("stage_type")
        .annotate(n=Count("idea", distinct=True))
    )
    return funnel_values(reached)


def _reached(ideas):
    # The stage types are kept here rather than in SQL: a filter on them tempts the planner to
    # combine two indexes, which is slow for every idea once the table's statistics are stale.
    rows = (
        StageLog.objects.filter(idea__in=ideas.values("pk"))
        .order_by()
        .values_list("idea_id", "stage_type")
        .distinct()
    )
    funnel_types = set(FUNNEL_TYPES)
    return ((idea, stage_type) for idea, stage_type in rows if stage_type in funnel_types)


def _emit(row):
    yield ("theme", row["theme"], "", 0)
    yield ("origin", row["origin"], "", 0)
    for stage_type in row["reached"]:
        yield ("reached", stage_type, "", 0)


MEASURE = Measure(
    "ideas",
    gettext_lazy("Ideas handed in"),
    counted_ideas,
    "sluice__organisation",
    "submitted_at",
    fields=("theme", "origin"),
    emit=_emit,
    children=(Child("reached", _reached, watch=(("ideas.StageLog", "idea"),)),),
    watch=(("ideas.Sluice", "sluice", ("organisation_id",)),),
)


class IdeasProvider(Provider):
    name = "ideas"
    label = gettext_lazy("Ideas")
    order = 20
    counted_models = ("ideas.Idea", "ideas.StageLog")
    measures = (MEASURE,)

    def charts(self, scope: Scope) -> list[Chart]:
        sums = read.sums(MEASURE.key, scope)
        categories, values = funnel_values(sums.counts("reached"))
        themes, origins = sums.counts("theme"), sums.counts("origin")
        return [
            Chart("ideas-funnel", _("The idea funnel across all sluices"), categories, {_("Ideas"): values}),
            Chart(
                "ideas-theme",
                _("Ideas by theme"),
                [str(label).capitalize() for _v, label in Theme.choices],
                {_("Ideas"): [themes.get(v, 0) for v in Theme.values]},
            ),
            Chart(
                "ideas-origin",
                _("Ideas by who handed them in"),
                [str(label).capitalize() for _v, label in Origin.choices],
                {_("Ideas"): [origins.get(v, 0) for v in Origin.values]},
            ),
        ]

    def profile_charts(self, organisation) -> list[Chart]:
        categories, values = funnel(counted_ideas().filter(sluice__organisation=organisation))
        return [
            Chart(
                "profile-ideas-funnel", _("The idea funnel of its sluices"), categories, {_("Ideas"): values}
            )
        ]

    def datasets(self) -> list[Dataset]:
        return [
            Dataset(
                name="ideas-aggregated",
                title=gettext_lazy("Ideas in idea sluices, aggregated"),
                description=gettext_lazy(
                    "How many ideas each organisation's idea sluices received, per year, theme, origin "
                    "and current stage type. Aggregated: no idea texts and nothing about the people "
                    "who handed them in."
                ),
                keywords=(gettext_lazy("idea sluices"), gettext_lazy("co-worker ideas")),
                rows=_aggregated_rows,
                columns=(
                    Column(
                        "organisation",
                        gettext_lazy("Identifier (slug) of the organisation running the sluice."),
                        key("organisation"),
                    ),
                    Column("year", gettext_lazy("Year the ideas were handed in."), key("year")),
                    Column("theme", gettext_lazy("Theme of the ideas."), key("theme")),
                    Column("origin", gettext_lazy("resident or coworker."), key("origin")),
                    Column(
                        "stage_type",
                        gettext_lazy("Type of the stage the ideas are in now."),
                        key("stage_type"),
                    ),
                    Column("ideas", gettext_lazy("Number of ideas."), key("ideas")),
                ),
            )
        ]

    def research_only_datasets(self, salt: bytes) -> list[Dataset]:
        from spira.observatory.choices import size_band_of
        from spira.observatory.opendata.writer import pseudonym

        def rows():
            ideas = (
                counted_ideas()
                .order_by("pk")
                .values_list(
                    "pk",
                    "sluice__organisation__kind",
                    "sluice__organisation__county__code",
                    "sluice__organisation__population",
                    "theme",
                    "origin",
                    "stage__stage_type",
                    "submitted_at",
                    "closed_at",
                    "support_count",
                    "initiative_id",
                )
            )
            for (
                pk,
                kind,
                county,
                population,
                theme,
                origin,
                stage_type,
                submitted,
                closed,
                supports,
                initiative,
            ) in ideas.iterator(chunk_size=5000):
                yield {
                    "idea": pseudonym(salt, "idea", pk),
                    "organisation_kind": kind,
                    "county_code": county,
                    "size_band": size_band_of(population),
                    "theme": theme,
                    "origin": origin,
                    "stage_type": stage_type,
                    "submitted_month": submitted.strftime("%Y-%m") if submitted else None,
                    "closed_month": closed.strftime("%Y-%m") if closed else None,
                    "supports": supports,
                    "became_initiative": initiative is not None,
                }

        names = (
            ("idea", gettext_lazy("Pseudonym of the idea (valid within this export only).")),
            ("organisation_kind", gettext_lazy("Kind of the organisation running the sluice.")),
            ("county_code", gettext_lazy("Länskod of that organisation.")),
            ("size_band", gettext_lazy("Population band of that organisation.")),
            ("theme", gettext_lazy("Theme of the idea.")),
            ("origin", gettext_lazy("resident or coworker.")),
            ("stage_type", gettext_lazy("Type of the stage it is in now.")),
            ("submitted_month", gettext_lazy("Month handed in (YYYY-MM).")),
            ("closed_month", gettext_lazy("Month closed (YYYY-MM), if closed.")),
            ("supports", gettext_lazy("Number of supports.")),
            ("became_initiative", gettext_lazy("Whether the idea became an initiative.")),
        )
        return [
            Dataset(
                name="research-ideas",
                title=gettext_lazy("Ideas, one row each, pseudonymised"),
                description=gettext_lazy(
                    "Every idea without its text or anything about people, for research."
                ),
                rows=rows,
                columns=tuple(Column(name, text, key(name)) for name, text in names),
            )
        ]


def _aggregated_rows():
    rows = (
        counted_ideas()
        .annotate(year=ExtractYear("submitted_at"))
        .order_by()
        .values("sluice__organisation__slug", "year", "theme", "origin", "stage__stage_type")
        .annotate(ideas=Count("pk"))
        .order_by("sluice__organisation__slug", "year", "theme", "origin", "stage__stage_type")
    )
    for row in rows.iterator(chunk_size=2000):
        yield {
            "organisation": row["sluice__organisation__slug"],
            "year": row["year"],
            "theme": row["theme"],
            "origin": row["origin"],
            "stage_type": row["stage__stage_type"],
            "ideas": row["ideas"],
        }


provider = IdeasProvider()
