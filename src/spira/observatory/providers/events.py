"""Indicators of events (spira.events): published activities per county and by format."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spira.events.choices import ActivityFormat, ActivityStatus
from spira.events.models import Activity
from spira.observatory.aggregates import read
from spira.observatory.charts import Chart
from spira.observatory.opendata.datasets import Column, Dataset
from spira.observatory.registry import Measure, Provider
from spira.observatory.scope import Scope
from spira.organisations.models import County


def published_activities():
    return Activity.objects.filter(status=ActivityStatus.PUBLISHED, is_hidden=False)


def _emit(row):
    yield ("format", row["format"], "", 0)


MEASURE = Measure(
    "events",
    gettext_lazy("Activities held"),
    published_activities,
    "municipality",
    "starts_at",
    fields=("format",),
    emit=_emit,
)


class EventsProvider(Provider):
    name = "events"
    label = gettext_lazy("Events")
    order = 50
    counted_models = ("events.Activity",)
    measures = (MEASURE,)

    def charts(self, scope: Scope) -> list[Chart]:
        sums = read.sums(MEASURE.key, scope)
        per_county = sums.counts("county")
        counties = list(County.objects.order_by("code"))
        formats = sums.counts("format")
        return [
            Chart(
                "events-county",
                _("Activities per county"),
                [c.name for c in counties],
                {_("Activities"): [per_county.get(str(c.pk), 0) for c in counties]},
            ),
            Chart(
                "events-format",
                _("Activities by format"),
                [str(label).capitalize() for _v, label in ActivityFormat.choices],
                {_("Activities"): [formats.get(v, 0) for v in ActivityFormat.values]},
            ),
        ]

    def datasets(self) -> list[Dataset]:
        return [
            Dataset(
                name="events",
                title=gettext_lazy("Activities of events such as Innovation Week"),
                description=gettext_lazy(
                    "Published activities in event series (Innovation Week and others): when, where, "
                    "which format and which organisation held them. No registrations."
                ),
                keywords=(gettext_lazy("Innovation Week"), gettext_lazy("events")),
                queryset=lambda: published_activities().order_by("pk"),
                columns=(
                    Column("id", gettext_lazy("Number of the activity on Spira.")),
                    Column("series", gettext_lazy("Identifier (slug) of the event series."), "series.slug"),
                    Column("title", gettext_lazy("Title of the activity."), free_text=True),
                    Column("format", gettext_lazy("Format: seminar, workshop, webinar, study visit, ...")),
                    Column("starts_at", gettext_lazy("Start (ISO 8601, with time zone).")),
                    Column("ends_at", gettext_lazy("End (ISO 8601, with time zone).")),
                    Column(
                        "organiser",
                        gettext_lazy("Identifier (slug) of the organising organisation."),
                        "organiser.slug",
                    ),
                    Column(
                        "municipality_code",
                        gettext_lazy("Kommunkod of the municipality where it is held."),
                        "municipality.municipality_code",
                    ),
                    Column("capacity", gettext_lazy("Number of seats, if limited.")),
                ),
            )
        ]


provider = EventsProvider()
