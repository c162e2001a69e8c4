"""Indicators of system barriers (spira.barriers): kinds × levels, status, and escalations
still waiting for an answer per authority."""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spira.barriers.choices import BarrierKind, BarrierStatus, EscalationState, Level
from spira.barriers.models import Barrier, Escalation
from spira.observatory.aggregates import read
from spira.observatory.charts import Chart, pivot
from spira.observatory.opendata.datasets import Column, Dataset
from spira.observatory.registry import Child, Measure, Provider
from spira.observatory.scope import Scope
from spira.organisations.models import Organisation


def public_barriers():
    return Barrier.objects.not_hidden()


def _label(choices) -> dict:
    return {value: str(label).capitalize() for value, label in choices}


def _unanswered(barriers):
    return (
        Escalation.objects.filter(state=EscalationState.OPEN, barrier__in=barriers.values("pk"))
        .order_by()
        .values_list("barrier_id", "addressed_to_id")
    )


def _emit(row):
    yield ("kind-level", row["kind"], row["mandate_level"], 0)
    yield ("status", row["status"], "", 0)
    for authority in row["unanswered"]:
        yield ("unanswered", str(authority), "", 0)


MEASURE = Measure(
    "barriers",
    gettext_lazy("Barriers reported"),
    public_barriers,
    "reporter_organisation",
    "reported_at",
    fields=("kind", "mandate_level", "status"),
    emit=_emit,
    children=(Child("unanswered", _unanswered, watch=(("barriers.Escalation", "barrier"),)),),
)


class BarriersProvider(Provider):
    name = "barriers"
    label = gettext_lazy("Barriers")
    order = 40
    counted_models = ("barriers.Barrier", "barriers.Escalation", "barriers.EscalationAnswer")
    measures = (MEASURE,)

    def charts(self, scope: Scope) -> list[Chart]:
        sums = read.sums(MEASURE.key, scope)
        categories, series = pivot(
            sums.pairs("kind-level"), _label(BarrierKind.choices), _label(Level.choices)
        )
        kind_level = Chart(
            "barriers-kind-level", _("Barriers by kind and level holding the mandate"), categories, series
        )
        status = sums.counts("status")
        status_chart = Chart(
            "barriers-status",
            _("Barriers by status"),
            [str(label).capitalize() for _v, label in BarrierStatus.choices],
            {_("Barriers"): [status.get(value, 0) for value in BarrierStatus.values]},
        )
        open_rows = read.largest_named(sums.counts("unanswered"), Organisation.objects.all(), "name", 15)
        unanswered = Chart(
            "barriers-unanswered",
            _("Escalations waiting for an answer, per authority (the fifteen with most)"),
            [name for name, _n in open_rows],
            {_("Unanswered"): [n for _name, n in open_rows]},
        )
        return [kind_level, status_chart, unanswered]

    def profile_charts(self, organisation) -> list[Chart]:
        rows = dict(
            public_barriers()
            .filter(reporter_organisation=organisation)
            .order_by()
            .values_list("kind")
            .annotate(n=Count("pk"))
        )
        return [
            Chart(
                "profile-barriers",
                _("Barriers reported, by kind"),
                [str(label).capitalize() for _v, label in BarrierKind.choices],
                {_("Barriers"): [rows.get(v, 0) for v in BarrierKind.values]},
            )
        ]

    def datasets(self) -> list[Dataset]:
        return [
            Dataset(
                name="barriers",
                title=gettext_lazy("System barriers"),
                description=gettext_lazy(
                    "System barriers reported by organisations: laws, rules and structures that stop "
                    "public-sector innovation, where the mandate lies and how far they have come."
                ),
                keywords=(gettext_lazy("system barriers"),),
                queryset=lambda: public_barriers().order_by("pk"),
                fields=("reported_at",),
                columns=(
                    Column("id", gettext_lazy("Number of the barrier on Spira.")),
                    Column("title", gettext_lazy("Title."), free_text=True),
                    Column("description", gettext_lazy("Description of the barrier."), free_text=True),
                    Column(
                        "kind",
                        gettext_lazy(
                            "Kind: law, funding, procurement, governance, data, competence or other."
                        ),
                    ),
                    Column(
                        "mandate_level",
                        gettext_lazy(
                            "Level holding the mandate to change it: local, regional, national or eu."
                        ),
                    ),
                    Column("current_level", gettext_lazy("Level handling it now.")),
                    Column("status", gettext_lazy("Status of the barrier.")),
                    Column(
                        "legal_reference",
                        gettext_lazy("Legal reference, where a law applies."),
                        free_text=True,
                    ),
                    Column(
                        "authority",
                        gettext_lazy("Identifier (slug) of the responsible authority."),
                        "authority.slug",
                    ),
                    Column(
                        "reporter_organisation",
                        gettext_lazy("Identifier (slug) of the reporting organisation."),
                        "reporter_organisation.slug",
                    ),
                    Column(
                        "reported_on",
                        gettext_lazy("Date reported (ISO 8601)."),
                        lambda b: b["reported_at"].date(),
                    ),
                    Column(
                        "affected_organisations",
                        gettext_lazy("Number of organisations that have the barrier too."),
                    ),
                    Column("answer_due", gettext_lazy("Date an answer is due, if escalated (ISO 8601).")),
                ),
            ),
            Dataset(
                name="barrier-answers",
                title=gettext_lazy("Escalations of barriers and their answers"),
                description=gettext_lazy(
                    "Each escalation of a barrier to an authority at a higher level, with its deadline, "
                    "state, and the authority's public answer."
                ),
                keywords=(gettext_lazy("system barriers"), gettext_lazy("duty to answer")),
                queryset=lambda: Escalation.objects.filter(barrier__is_hidden=False).order_by("pk"),
                fields=("created_at", "answer__decision", "answer__text", "answer__created_at"),
                columns=(
                    Column("id", gettext_lazy("Number of the escalation.")),
                    Column("barrier", gettext_lazy("Number of the barrier (see barriers)."), "barrier_id"),
                    Column("from_level", gettext_lazy("Level it came from.")),
                    Column("to_level", gettext_lazy("Level it was escalated to.")),
                    Column(
                        "addressed_to",
                        gettext_lazy("Identifier (slug) of the authority asked to answer."),
                        "addressed_to.slug",
                    ),
                    Column(
                        "escalated_on",
                        gettext_lazy("Date of the escalation (ISO 8601)."),
                        lambda e: e["created_at"].date(),
                    ),
                    Column("deadline", gettext_lazy("Date the answer is due (ISO 8601).")),
                    Column("state", gettext_lazy("open, answered, redirected or withdrawn.")),
                    Column(
                        "decision",
                        gettext_lazy("The answer's decision: accept, reject or redirect."),
                        lambda e: _answer(e, "decision"),
                    ),
                    Column(
                        "answer",
                        gettext_lazy("Text of the public answer."),
                        lambda e: _answer(e, "text"),
                        free_text=True,
                    ),
                    Column(
                        "answered_on",
                        gettext_lazy("Date of the answer (ISO 8601)."),
                        lambda e: _answer(e, "date"),
                    ),
                ),
            ),
        ]


def _answer(escalation: dict, name: str):
    if name == "date":
        answered = escalation["answer__created_at"]
        return answered.date() if answered else None
    return escalation[f"answer__{name}"]


provider = BarriersProvider()
