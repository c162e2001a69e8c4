import django_filters
from django.utils.translation import gettext_lazy as _

from spira.core.filters import YearFilter
from spira.events.choices import ActivityFormat, ActivityLanguage, ActivityStatus, Audience
from spira.events.models import Activity, EventSeries, Registration, Track
from spira.events.services.common import day_range
from spira.organisations.models import Organisation


class ActivityFilterSet(django_filters.FilterSet):
    """Shared by the programme pages, the list of activities and `/api/v1/events/activities/`."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    series = django_filters.ModelChoiceFilter(
        field_name="series", to_field_name="slug", queryset=EventSeries.objects.all(), label=_("Series")
    )
    track = django_filters.CharFilter(field_name="track__slug", label=_("Track"))
    format = django_filters.MultipleChoiceFilter(choices=ActivityFormat.choices, label=_("Format"))
    municipality = django_filters.ModelChoiceFilter(
        field_name="municipality",
        to_field_name="municipality_code",
        queryset=Organisation.objects.filter(kind="municipality"),
        label=_("Municipality"),
    )
    online = django_filters.BooleanFilter(method="filter_online", label=_("Online"))
    language = django_filters.ChoiceFilter(choices=ActivityLanguage.choices, label=_("Language"))
    audience = django_filters.ChoiceFilter(choices=Audience.choices, label=_("Audience"))
    organiser = django_filters.CharFilter(method="filter_organiser", label=_("Organiser"))
    day = django_filters.DateFilter(method="filter_day", label=_("Day"))
    starts_after = django_filters.DateFilter(method="filter_starts_after", label=_("From"))
    starts_before = django_filters.DateFilter(method="filter_starts_before", label=_("Until"))
    status = django_filters.ChoiceFilter(choices=ActivityStatus.choices, label=_("Status"))

    class Meta:
        model = Activity
        fields = [
            "q",
            "series",
            "track",
            "format",
            "municipality",
            "online",
            "language",
            "audience",
            "organiser",
            "day",
            "status",
        ]

    def search(self, queryset, name, value):
        value = (value or "").strip()
        return queryset.filter(title__icontains=value) if value else queryset

    def filter_online(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(online_url="") if value else queryset.filter(online_url="")

    def filter_organiser(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(organiser__slug=value)

    def filter_day(self, queryset, name, value):
        if not value:
            return queryset
        start, end = day_range(value)
        return queryset.filter(starts_at__gte=start, starts_at__lt=end)

    def filter_starts_after(self, queryset, name, value):
        return queryset.filter(starts_at__gte=day_range(value)[0]) if value else queryset

    def filter_starts_before(self, queryset, name, value):
        return queryset.filter(starts_at__lt=day_range(value)[1]) if value else queryset


class EventSeriesFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Title"))
    owner = django_filters.CharFilter(field_name="owner__slug", label=_("Owner"))
    year = YearFilter(field_name="starts_on__year", label=_("Year"))

    class Meta:
        model = EventSeries
        fields = ["q", "owner", "year"]


class TrackFilterSet(django_filters.FilterSet):
    series = django_filters.CharFilter(field_name="series__slug", label=_("Series"))

    class Meta:
        model = Track
        fields = ["series"]


class RegistrationFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=Registration._meta.get_field("status").choices, label=_("Status")
    )
    activity = django_filters.CharFilter(field_name="activity__slug", label=_("Activity"))

    class Meta:
        model = Registration
        fields = ["status", "activity"]
