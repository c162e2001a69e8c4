"""Indicators of spread (spira.spread): adoptions made and given, the most spread solutions."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spira.observatory.aggregates import read
from spira.observatory.charts import Chart
from spira.observatory.opendata.datasets import Column, Dataset
from spira.observatory.registry import Measure, Provider
from spira.observatory.scope import Scope
from spira.spread.choices import AdoptionStatus
from spira.spread.models import Adoption, Solution


def adoptions():
    return Adoption.objects.all()


SPREADING = (AdoptionStatus.PILOTING, AdoptionStatus.IN_USE)


def _emit(row):
    yield ("status", row["status"], "", 0)
    # One adoption per solution and adopter (a unique constraint), so counting adoptions counts
    # the organisations piloting or using a solution.
    if row["status"] in SPREADING:
        yield ("top", str(row["solution_id"]), "", 0)


ADOPTIONS = Measure(
    "adoptions",
    gettext_lazy("Adoptions made"),
    adoptions,
    "adopter",
    "started_on",
    fields=("status", "solution_id"),
    emit=_emit,
)
ADOPTIONS_GIVEN = Measure(
    "adoptions_given", gettext_lazy("Adoptions given"), adoptions, "source", "started_on", on_map=False
)


class SpreadProvider(Provider):
    name = "spread"
    label = gettext_lazy("Spread")
    order = 30
    counted_models = ("spread.Solution", "spread.Adoption")
    measures = (ADOPTIONS, ADOPTIONS_GIVEN)

    def charts(self, scope: Scope) -> list[Chart]:
        status = read.sums(ADOPTIONS.key, scope).counts("status")
        most = read.largest(ADOPTIONS.key, scope, "top", Solution.objects.all(), "name", 15)
        return [
            Chart(
                "spread-top",
                _("The most spread solutions (organisations piloting or using them)"),
                [name for name, _n in most],
                {_("Organisations"): [n for _name, n in most]},
            ),
            Chart(
                "spread-status",
                _("Adoptions by status"),
                [str(label).capitalize() for _v, label in AdoptionStatus.choices],
                {_("Adoptions"): [status.get(v, 0) for v in AdoptionStatus.values]},
            ),
        ]

    def profile_charts(self, organisation) -> list[Chart]:
        counts = (
            adoptions()
            .order_by()
            .aggregate(
                made=Count("pk", filter=Q(adopter=organisation)),
                given=Count("pk", filter=Q(source=organisation)),
            )
        )
        return [
            Chart(
                "profile-adoptions",
                _("Adoptions made and given"),
                [_("Made (took up a solution)"), _("Given (others learned from it)")],
                {_("Adoptions"): [counts["made"], counts["given"]]},
            )
        ]

    def datasets(self) -> list[Dataset]:
        return [
            Dataset(
                name="solutions",
                title=gettext_lazy("Reusable solutions"),
                description=gettext_lazy("Solutions (services, methods, software) that others can take up."),
                keywords=(gettext_lazy("spread"), gettext_lazy("reuse")),
                queryset=lambda: Solution.objects.order_by("pk"),
                columns=(
                    Column("slug", gettext_lazy("Identifier of the solution on Spira.")),
                    Column("name", gettext_lazy("Name."), free_text=True),
                    Column("summary", gettext_lazy("Summary."), free_text=True),
                    Column("kind", gettext_lazy("Kind of solution.")),
                    Column("maturity", gettext_lazy("Maturity.")),
                    Column(
                        "owner", gettext_lazy("Identifier (slug) of the owning organisation."), "owner.slug"
                    ),
                    Column("licence", gettext_lazy("Licence of the solution."), free_text=True),
                ),
            ),
            Dataset(
                name="adoptions",
                title=gettext_lazy("Adoptions of solutions"),
                description=gettext_lazy("Who took up which solution from whom, and how far it has come."),
                keywords=(gettext_lazy("spread"), gettext_lazy("reuse")),
                queryset=lambda: adoptions().order_by("pk"),
                columns=(
                    Column("id", gettext_lazy("Number of the adoption.")),
                    Column("solution", gettext_lazy("Identifier (slug) of the solution."), "solution.slug"),
                    Column(
                        "adopter",
                        gettext_lazy("Identifier (slug) of the adopting organisation."),
                        "adopter.slug",
                    ),
                    Column(
                        "source",
                        gettext_lazy("Identifier (slug) of the organisation it was learned from."),
                        "source.slug",
                    ),
                    Column("status", gettext_lazy("interested, piloting, in_use or discontinued.")),
                    Column("started_on", gettext_lazy("Date it started (ISO 8601).")),
                    Column("in_use_since", gettext_lazy("Date in use since (ISO 8601).")),
                    Column("discontinued_on", gettext_lazy("Date discontinued (ISO 8601).")),
                    Column("indicator", gettext_lazy("Indicator of the effect."), free_text=True),
                    Column("indicator_unit", gettext_lazy("Unit of that indicator."), free_text=True),
                ),
            ),
        ]


provider = SpreadProvider()
