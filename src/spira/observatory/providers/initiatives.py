"""Indicators of the case library (spira.initiatives): status, stage, sector, start year,
funding, SDGs, gender-equality integration, facets, and effect goals against their targets."""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spira.initiatives.choices import (
    GenderIntegration,
    InitiativeStatus,
    InnovationFacet,
    InnovationStage,
    Sector,
)
from spira.initiatives.models import Initiative
from spira.observatory.aggregates import read
from spira.observatory.aggregates.cells import YEAR
from spira.observatory.charts import Chart, pivot
from spira.observatory.opendata.datasets import Column, Dataset
from spira.observatory.registry import Child, Measure, Provider
from spira.observatory.scope import Scope
from spira.organisations.models import Sdg


def published():
    return Initiative.objects.published()


def _labelled(counts: dict, choices) -> tuple[list[str], list[int]]:
    return [str(label).capitalize() for _value, label in choices], [
        counts.get(value, 0) for value, _ in choices
    ]


def _choices_with_blank(choices, blank_label):
    return [("", blank_label), *[(v, label) for v, label in choices if v != ""]]


def _stages(initiatives):
    return (
        Initiative.stages.through.objects.filter(initiative__in=initiatives.values("pk"))
        .order_by()
        .values_list("initiative_id", "stage__code")
    )


def _sdgs(initiatives):
    return (
        Initiative.sdgs.through.objects.filter(initiative__in=initiatives.values("pk"))
        .order_by()
        .values_list("initiative_id", "sdg__number")
    )


def _goal_states(initiatives):
    from spira.observatory.models import EffectGoal
    from spira.observatory.queries import goal_state, goals_with_latest

    goals = goals_with_latest(EffectGoal.objects.filter(initiative__in=initiatives.values("pk")))
    return ((goal.initiative_id, goal_state(goal)) for goal in goals.order_by())


def _emit(row):
    """What one published initiative adds to the charts (see registry.Measure)."""
    sector, level, year = row["sector"], row["gender_equality"], row[YEAR]
    yield ("status", row["status"], "", 0)
    yield ("sector", sector, "", 0)
    yield ("facet", row["facet"], "", 0)
    yield ("gender-sector", sector, level, 0)
    if year:
        yield ("gender-year", str(year), level, 0)
    if row["call"]:
        yield ("call", row["call"], "", row["funding_sek"] or 0)
    for code in row["stages"]:
        yield ("stage", code, "", 0)
    for number in row["sdgs"]:
        yield ("sdg", str(number), "", 0)
    for state in row["goals"]:
        yield ("goal", state, "", 0)


MEASURE = Measure(
    "initiatives",
    gettext_lazy("Initiatives"),
    published,
    "coordinator",
    "start_month",
    fields=("status", "sector", "facet", "gender_equality", "call", "funding_sek"),
    amount="funding_sek",
    emit=_emit,
    children=(
        Child("stages", _stages, m2m="stages"),
        Child("sdgs", _sdgs, m2m="sdgs"),
        Child(
            "goals",
            _goal_states,
            watch=(
                ("observatory.EffectGoal", "effect_goals"),
                ("observatory.Measurement", "effect_goals__measurements"),
            ),
        ),
    ),
)


class InitiativesProvider(Provider):
    name = "initiatives"
    label = gettext_lazy("Initiatives")
    order = 10
    counted_models = ("initiatives.Initiative",)
    measures = (MEASURE,)

    def charts(self, scope: Scope) -> list[Chart]:
        sums = read.sums(MEASURE.key, scope)
        number = _("Initiatives")
        charts = []

        categories, values = _labelled(sums.counts("status"), InitiativeStatus.choices)
        charts.append(Chart("initiatives-status", _("Initiatives by status"), categories, {number: values}))

        categories, values = _labelled(sums.counts("stage"), InnovationStage.choices)
        charts.append(
            Chart("initiatives-stage", _("Initiatives by innovation stage"), categories, {number: values})
        )

        sector_choices = _choices_with_blank(Sector.choices, _("not stated"))
        categories, values = _labelled(sums.counts("sector"), sector_choices)
        charts.append(Chart("initiatives-sector", _("Initiatives by sector"), categories, {number: values}))

        counts, funding = sums.counts("year"), sums.amounts("year")
        years = sorted(counts, key=int)
        charts.append(
            Chart(
                "initiatives-start-year",
                _("Initiatives by start year"),
                years,
                {number: [counts[y] for y in years]},
            )
        )
        charts.append(
            Chart(
                "funding-year",
                _("Funding by start year (SEK)"),
                years,
                {_("SEK"): [funding[y] for y in years]},
                unit="SEK",
            )
        )
        calls = sorted(sums.amounts("call").items(), key=lambda item: (-item[1], item[0]))[:12]
        charts.append(
            Chart(
                "funding-call",
                _("Funding by call, the twelve largest (SEK)"),
                [c for c, _f in calls],
                {_("SEK"): [f for _c, f in calls]},
                unit="SEK",
            )
        )
        sdgs = sums.counts("sdg")
        sdg_list = list(Sdg.objects.order_by("number"))
        charts.append(
            Chart(
                "sdg-coverage",
                _("Initiatives per Sustainable Development Goal"),
                [str(sdg) for sdg in sdg_list],
                {number: [sdgs.get(str(sdg.number), 0) for sdg in sdg_list]},
            )
        )
        charts.extend(self._gender_charts(sums))
        categories, values = _labelled(
            sums.counts("facet"), _choices_with_blank(InnovationFacet.choices, _("not stated"))
        )
        charts.append(
            Chart("initiatives-facet", _("Initiatives by innovation facet"), categories, {number: values})
        )
        charts.append(self._goal_chart(sums))
        return charts

    def _gender_charts(self, sums) -> list[Chart]:
        levels = {value: str(label).capitalize() for value, label in GenderIntegration.choices}
        sectors = {
            value: str(label).capitalize()
            for value, label in _choices_with_blank(Sector.choices, _("not stated"))
        }
        categories, series = pivot(sums.pairs("gender-sector"), sectors, levels)
        by_sector = Chart("gender-sector", _("Gender-equality integration by sector"), categories, series)
        rows = [(int(year), level, n) for year, level, n in sums.pairs("gender-year")]
        years = {year: str(year) for year in sorted({year for year, _g, _n in rows})}
        categories, series = pivot(rows, years, levels)
        over_time = Chart("gender-year", _("Gender-equality integration by start year"), categories, series)
        return [by_sector, over_time]

    def _goal_chart(self, sums) -> Chart:
        from spira.observatory.queries import GOAL_STATES

        counts = sums.counts("goal")
        return Chart(
            "effect-goals",
            _("Effect goals and their progress"),
            [str(label) for label in GOAL_STATES.values()],
            {_("Goals"): [counts.get(state, 0) for state in GOAL_STATES]},
        )

    def profile_charts(self, organisation) -> list[Chart]:
        rows = (
            published()
            .filter(coordinator=organisation)
            .order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
        )
        categories, values = _labelled(dict(rows), InitiativeStatus.choices)
        return [
            Chart(
                "profile-initiatives",
                _("Initiatives coordinated, by status"),
                categories,
                {_("Initiatives"): values},
            )
        ]

    def datasets(self) -> list[Dataset]:
        from spira.observatory.providers.goals import goal_datasets

        return [initiatives_dataset(), *goal_datasets()]


def _url(initiative) -> str:
    from django.conf import settings

    return settings.SITE_URL + initiative.get_absolute_url()


def initiatives_dataset() -> Dataset:
    return Dataset(
        name="initiatives",
        title=gettext_lazy("Initiatives in the case library"),
        description=gettext_lazy(
            "Published initiatives (projects and cases) of Swedish public-sector innovation: what they did, "
            "who coordinated and funded them, when, and how they are classified."
        ),
        keywords=(gettext_lazy("public-sector innovation"), gettext_lazy("case library")),
        rows=lambda: (
            published()
            .select_related("coordinator", "funder")
            .prefetch_related("sdgs", "stages")
            .order_by("pk")
        ),
        columns=(
            Column("slug", gettext_lazy("Identifier of the initiative on Spira (part of its address).")),
            Column("url", gettext_lazy("Address of the initiative's page."), _url),
            Column("title_sv", gettext_lazy("Title in Swedish."), free_text=True),
            Column("title_en", gettext_lazy("Title in English."), free_text=True),
            Column("summary_sv", gettext_lazy("Short summary in Swedish."), free_text=True),
            Column("summary_en", gettext_lazy("Short summary in English."), free_text=True),
            Column("status", gettext_lazy("planned, ongoing, completed or discontinued.")),
            Column(
                "stages",
                gettext_lazy("OPSI innovation stages, separated by semicolons."),
                lambda i: [s.code for s in i.stages.all()],
            ),
            Column("facet", gettext_lazy("OPSI innovation facet (empty when not stated).")),
            Column("sector", gettext_lazy("OPSI primary sector (empty when not stated).")),
            Column("government_level", gettext_lazy("Level of government (empty when not stated).")),
            Column(
                "gender_equality", gettext_lazy("Gender-equality integration: none, partly, fully or empty.")
            ),
            Column(
                "sdgs",
                gettext_lazy("Numbers of the Sustainable Development Goals, separated by semicolons."),
                lambda i: [s.number for s in i.sdgs.all()],
            ),
            Column(
                "coordinator",
                gettext_lazy("Identifier (slug) of the coordinating organisation."),
                "coordinator.slug",
            ),
            Column("funder", gettext_lazy("Identifier (slug) of the funder."), "funder.slug"),
            Column("funding_sek", gettext_lazy("Funding granted, in Swedish kronor.")),
            Column("call", gettext_lazy("Call (utlysning) the funding came from."), free_text=True),
            Column("programme", gettext_lazy("Funding programme."), free_text=True),
            Column("start_month", gettext_lazy("First day of the start month (ISO 8601).")),
            Column("end_month", gettext_lazy("First day of the end month (ISO 8601).")),
            Column("published_at", gettext_lazy("When the initiative was published on Spira (ISO 8601).")),
        ),
    )


provider = InitiativesProvider()
