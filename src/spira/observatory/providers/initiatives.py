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
from spira.observatory.opendata.datasets import CHUNK_SIZE, Column, Dataset, chunks, key, values
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
                ("observatory.EffectGoal", "initiative"),
                ("observatory.Measurement", "goal__initiative"),
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


SLUG = "slug-of-the-initiative"
FIELDS = (
    "pk",
    "slug",
    "title_sv",
    "title_en",
    "summary_sv",
    "summary_en",
    "status",
    "facet",
    "sector",
    "government_level",
    "gender_equality",
    "coordinator__slug",
    "funder__slug",
    "funding_sek",
    "call",
    "programme",
    "start_month",
    "end_month",
    "published_at",
)


def _grouped(rows) -> dict[int, list]:
    result: dict[int, list] = {}
    for pk, value in rows:
        result.setdefault(pk, []).append(value)
    return result


def _initiative_rows():
    """Published initiatives as dicts, with their stages and SDGs read per chunk of rows."""
    from django.conf import settings
    from django.urls import reverse

    url = settings.SITE_URL + reverse("initiatives:initiative_detail", kwargs={"slug": SLUG})
    for chunk in chunks(values(published().order_by("pk"), *FIELDS), CHUNK_SIZE):
        span = {"initiative__gte": chunk[0]["pk"], "initiative__lte": chunk[-1]["pk"]}
        links = Initiative.stages.through.objects.filter(**span)
        stages = _grouped(
            links.order_by("initiative_id", "stage__order", "stage_id").values_list(
                "initiative_id", "stage__code"
            )
        )
        links = Initiative.sdgs.through.objects.filter(**span)
        sdgs = _grouped(
            links.order_by("initiative_id", "sdg__number", "sdg_id").values_list(
                "initiative_id", "sdg__number"
            )
        )
        for row in chunk:
            row["url"] = url.replace(SLUG, row["slug"])
            row["stages"] = stages.get(row["pk"], [])
            row["sdgs"] = sdgs.get(row["pk"], [])
            yield row


def initiatives_dataset() -> Dataset:
    return Dataset(
        name="initiatives",
        title=gettext_lazy("Initiatives in the case library"),
        description=gettext_lazy(
            "Published initiatives (projects and cases) of Swedish public-sector innovation: what they did, "
            "who coordinated and funded them, when, and how they are classified."
        ),
        keywords=(gettext_lazy("public-sector innovation"), gettext_lazy("case library")),
        rows=_initiative_rows,
        columns=(
            Column(
                "slug",
                gettext_lazy("Identifier of the initiative on Spira (part of its address)."),
                key("slug"),
            ),
            Column("url", gettext_lazy("Address of the initiative's page."), key("url")),
            Column("title_sv", gettext_lazy("Title in Swedish."), key("title_sv"), free_text=True),
            Column("title_en", gettext_lazy("Title in English."), key("title_en"), free_text=True),
            Column(
                "summary_sv", gettext_lazy("Short summary in Swedish."), key("summary_sv"), free_text=True
            ),
            Column(
                "summary_en", gettext_lazy("Short summary in English."), key("summary_en"), free_text=True
            ),
            Column("status", gettext_lazy("planned, ongoing, completed or discontinued."), key("status")),
            Column("stages", gettext_lazy("OPSI innovation stages, separated by semicolons."), key("stages")),
            Column("facet", gettext_lazy("OPSI innovation facet (empty when not stated)."), key("facet")),
            Column("sector", gettext_lazy("OPSI primary sector (empty when not stated)."), key("sector")),
            Column(
                "government_level",
                gettext_lazy("Level of government (empty when not stated)."),
                key("government_level"),
            ),
            Column(
                "gender_equality",
                gettext_lazy("Gender-equality integration: none, partly, fully or empty."),
                key("gender_equality"),
            ),
            Column(
                "sdgs",
                gettext_lazy("Numbers of the Sustainable Development Goals, separated by semicolons."),
                key("sdgs"),
            ),
            Column(
                "coordinator",
                gettext_lazy("Identifier (slug) of the coordinating organisation."),
                key("coordinator__slug"),
            ),
            Column("funder", gettext_lazy("Identifier (slug) of the funder."), key("funder__slug")),
            Column("funding_sek", gettext_lazy("Funding granted, in Swedish kronor."), key("funding_sek")),
            Column(
                "call", gettext_lazy("Call (utlysning) the funding came from."), key("call"), free_text=True
            ),
            Column("programme", gettext_lazy("Funding programme."), key("programme"), free_text=True),
            Column(
                "start_month", gettext_lazy("First day of the start month (ISO 8601)."), key("start_month")
            ),
            Column("end_month", gettext_lazy("First day of the end month (ISO 8601)."), key("end_month")),
            Column(
                "published_at",
                gettext_lazy("When the initiative was published on Spira (ISO 8601)."),
                key("published_at"),
            ),
        ),
    )


provider = InitiativesProvider()
