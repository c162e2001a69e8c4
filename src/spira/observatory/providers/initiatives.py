"""Indicators of the case library (spira.initiatives): status, stage, sector, start year,
funding, SDGs, gender-equality integration, facets, and effect goals against their targets."""

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear
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
from spira.observatory.charts import Chart, pivot
from spira.observatory.opendata.datasets import Column, Dataset
from spira.observatory.registry import Measure, Provider
from spira.observatory.scope import Scope
from spira.organisations.models import Sdg


def published():
    return Initiative.objects.published()


def _labelled(rows, choices) -> tuple[list[str], list[int]]:
    counts = dict(rows)
    return [str(label).capitalize() for _value, label in choices], [
        counts.get(value, 0) for value, _ in choices
    ]


def _choices_with_blank(choices, blank_label):
    return [("", blank_label), *[(v, label) for v, label in choices if v != ""]]


class InitiativesProvider(Provider):
    name = "initiatives"
    label = gettext_lazy("Initiatives")
    order = 10
    counted_models = ("initiatives.Initiative",)
    measures = (Measure("initiatives", gettext_lazy("Initiatives"), published, "coordinator", "start_month"),)

    def filtered(self, scope: Scope):
        return published().filter(scope.q("coordinator", "start_month")).order_by()

    def charts(self, scope: Scope) -> list[Chart]:
        qs = self.filtered(scope)
        number = _("Initiatives")
        charts = []

        categories, values = _labelled(
            qs.values_list("status").annotate(n=Count("pk")), InitiativeStatus.choices
        )
        charts.append(Chart("initiatives-status", _("Initiatives by status"), categories, {number: values}))

        stage_rows = qs.filter(stages__isnull=False).values_list("stages__code").annotate(n=Count("pk"))
        categories, values = _labelled(stage_rows, InnovationStage.choices)
        charts.append(
            Chart("initiatives-stage", _("Initiatives by innovation stage"), categories, {number: values})
        )

        sector_choices = _choices_with_blank(Sector.choices, _("not stated"))
        categories, values = _labelled(qs.values_list("sector").annotate(n=Count("pk")), sector_choices)
        charts.append(Chart("initiatives-sector", _("Initiatives by sector"), categories, {number: values}))

        years = list(
            qs.filter(start_month__isnull=False)
            .annotate(year=ExtractYear("start_month"))
            .values_list("year")
            .annotate(n=Count("pk"), funding=Sum("funding_sek"))
            .order_by("year")
        )
        charts.append(
            Chart(
                "initiatives-start-year",
                _("Initiatives by start year"),
                [str(y) for y, _n, _f in years],
                {number: [n for _y, n, _f in years]},
            )
        )
        charts.append(
            Chart(
                "funding-year",
                _("Funding by start year (SEK)"),
                [str(y) for y, _n, _f in years],
                {_("SEK"): [f or 0 for _y, _n, f in years]},
                unit="SEK",
            )
        )
        calls = list(
            qs.exclude(call="")
            .values_list("call")
            .annotate(funding=Sum("funding_sek"), n=Count("pk"))
            .order_by("-funding", "call")[:12]
        )
        charts.append(
            Chart(
                "funding-call",
                _("Funding by call, the twelve largest (SEK)"),
                [c for c, _f, _n in calls],
                {_("SEK"): [f or 0 for _c, f, _n in calls]},
                unit="SEK",
            )
        )
        sdgs = dict(qs.filter(sdgs__isnull=False).values_list("sdgs__number").annotate(n=Count("pk")))
        sdg_list = list(Sdg.objects.order_by("number"))
        charts.append(
            Chart(
                "sdg-coverage",
                _("Initiatives per Sustainable Development Goal"),
                [str(sdg) for sdg in sdg_list],
                {number: [sdgs.get(sdg.number, 0) for sdg in sdg_list]},
            )
        )
        charts.extend(self._gender_charts(qs))
        categories, values = _labelled(
            qs.values_list("facet").annotate(n=Count("pk")),
            _choices_with_blank(InnovationFacet.choices, _("not stated")),
        )
        charts.append(
            Chart("initiatives-facet", _("Initiatives by innovation facet"), categories, {number: values})
        )
        charts.append(self._goal_chart(qs))
        return charts

    def _gender_charts(self, qs) -> list[Chart]:
        levels = {value: str(label).capitalize() for value, label in GenderIntegration.choices}
        sectors = {
            value: str(label).capitalize()
            for value, label in _choices_with_blank(Sector.choices, _("not stated"))
        }
        rows = qs.values_list("sector", "gender_equality").annotate(n=Count("pk"))
        categories, series = pivot(rows, sectors, levels)
        by_sector = Chart("gender-sector", _("Gender-equality integration by sector"), categories, series)
        rows = list(
            qs.filter(start_month__isnull=False)
            .annotate(year=ExtractYear("start_month"))
            .values_list("year", "gender_equality")
            .annotate(n=Count("pk"))
            .order_by("year")
        )
        years = {year: str(year) for year in sorted({year for year, _g, _n in rows})}
        categories, series = pivot(rows, years, levels)
        over_time = Chart("gender-year", _("Gender-equality integration by start year"), categories, series)
        return [by_sector, over_time]

    def _goal_chart(self, qs) -> Chart:
        from spira.observatory.queries import goal_progress_counts

        counts = goal_progress_counts(qs)
        return Chart(
            "effect-goals",
            _("Effect goals and their progress"),
            [str(label) for label in counts],
            {_("Goals"): list(counts.values())},
        )

    def profile_charts(self, organisation) -> list[Chart]:
        rows = (
            published()
            .filter(coordinator=organisation)
            .order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
        )
        categories, values = _labelled(rows, InitiativeStatus.choices)
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
