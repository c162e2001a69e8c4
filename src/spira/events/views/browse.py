"""Reading: the list of activities, series and their programmes (by day, printable, places), one
activity, an organisation's events tab, and "my programme"."""

import hashlib

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from spira.core.cache import cache_public_page
from spira.core.views import ObjectDetailView, ObjectHistoryView, ObjectListView, ObjectTabView
from spira.events.choices import ActivityStatus
from spira.events.filtersets import ActivityFilterSet, EventSeriesFilterSet
from spira.events.forms import RegistrationForm
from spira.events.maps import places_by_municipality, places_map_svg
from spira.events.models import Activity, EventSeries, Registration
from spira.events.programme import day_counts, programme_rows
from spira.events.queries import (
    activities_of_organisation,
    activity_list_queryset,
    my_registrations,
    programme_queryset,
    series_detail_queryset,
    series_list_queryset,
)
from spira.events.schedule import room_name
from spira.events.services import calendar_token_for
from spira.events.services.common import series_state_cache_key
from spira.organisations.models import Organisation
from spira.organisations.queries import organisation_detail_queryset

PROGRAMME_CACHE_SECONDS = 60 * 10
SERIES_STATE_SECONDS = 2
# Filters of the programme pages (the series is in the URL).
PROGRAMME_FILTERS = ("q", "track", "format", "municipality", "online", "language", "audience", "day")


class ActivityListView(ObjectListView):
    """Every published activity from today on (or in the chosen dates), across all series."""

    model = Activity
    filterset_class = ActivityFilterSet
    template_name = "events/activity_list.html"
    page_title = _("Events")

    def get_queryset(self):
        queryset = (
            activity_list_queryset().visible_to(self.request.user).filter(status=ActivityStatus.PUBLISHED)
        )
        params = self.request.GET
        if not any(params.get(name) for name in ("day", "starts_after", "starts_before", "series")):
            queryset = queryset.filter(ends_at__gte=timezone.now())
        return queryset.order_by("starts_at", "id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["current_series"] = list(
            series_list_queryset().filter(ends_on__gte=today).order_by("starts_on")[:6]
        )
        return context


class EventSeriesListView(ObjectListView):
    model = EventSeries
    filterset_class = EventSeriesFilterSet
    template_name = "events/eventseries_list.html"

    def get_queryset(self):
        return series_list_queryset().visible_to(self.request.user).order_by("-starts_on", "title")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_create"] = user.is_authenticated and (
            user.is_platform_admin or user.memberships.filter(role__in=["coordinator", "admin"]).exists()
        )
        return context


class SeriesPageMixin:
    """The header of every page of a series: what the person may do there."""

    model = EventSeries
    history_url_name = "events:series_history"

    def get_queryset(self):
        return series_list_queryset().visible_to(self.request.user)

    def get_tabs(self) -> list[dict]:
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, series = self.request.user, self.object
        context["can_change"] = user.has_perm("events.change_eventseries", series)
        context["can_moderate"] = user.has_perm("events.moderate_eventseries", series)
        context["call_is_open"] = series.call_is_open(timezone.now())
        context["organisations"] = series_organisations(series)
        return context


def series_organisations(series: EventSeries) -> list:
    """The initiators and partners of a series, kept in the cache with the programme's version
    (set_series_organisations raises it)."""
    key = f"events:series-organisations:{series.pk}:{series.programme_version}"
    return cache.get_or_set(
        key,
        lambda: list(series.series_organisations.select_related("organisation")),
        PROGRAMME_CACHE_SECONDS,
    )


def series_page_version(request, slug: str, **kwargs) -> str | None:
    """What a cached page of a series depends on: the series' programme version (services raise
    it on every change to the series, its activities and their registrations), today (the default
    day) and whether the call is open (the header invites proposals).

    The version itself is kept in the cache too, so that a cached page is served without touching
    the database: `bump_programme` drops it, so the app server that made a change (and every app
    server when the cache is shared, as Redis is) sees the change at once; app servers with a
    cache of their own (local memory) see it within SERIES_STATE_SECONDS.
    """
    key = series_state_cache_key(slug)
    state = cache.get(key)
    if state is None:
        row = (
            EventSeries.objects.visible_to(request.user)
            .filter(slug=slug)
            .values_list("pk", "programme_version", "call_opens_at", "call_closes_at")
            .first()
        )
        state = tuple(row) if row else ()
        cache.set(key, state, SERIES_STATE_SECONDS)
    if not state:
        return None
    pk, version, opens, closes = state
    call_is_open = EventSeries(call_opens_at=opens, call_closes_at=closes).call_is_open(timezone.now())
    return f"events:series:{pk}:{version}:{timezone.localdate().isoformat()}:{int(call_is_open)}"


@method_decorator(cache_public_page(version=series_page_version), name="dispatch")
class SeriesDetailView(SeriesPageMixin, ObjectDetailView):
    """The programme of a series, one day at a time, with filters.

    Anonymous readers get the whole page from the cache (keyed by `series_page_version`, the
    language and the address). For everyone else the programme part is rendered once per version
    of the programme, language and filters, and kept in the cache: a national week with a
    thousand activities is read far more often than it changes.
    """

    template_name = "events/eventseries_detail.html"
    results_template_name = "events/partials/_programme.html"
    print_view = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        series = self.object
        context["programme"] = self._programme(series)
        return context

    def _params(self, without_day: bool = False) -> QueryDict:
        """The programme's filters from the query string (lists kept: `format` may repeat)."""
        params = QueryDict(mutable=True)
        for name in PROGRAMME_FILTERS:
            values = [value for value in self.request.GET.getlist(name) if value]
            if values and not (without_day and name == "day"):
                params.setlist(name, values)
        return params

    def _cache_key(self, series: EventSeries) -> str:
        params = self._params()
        query = "&".join(f"{name}={sorted(params.getlist(name))}" for name in sorted(params))
        digest = hashlib.sha256(query.encode()).hexdigest()[:20]
        kind = "print" if self.print_view else "day"
        today = timezone.localdate().isoformat()  # the default day
        return f"events:programme:{series.pk}:{series.programme_version}:{get_language()}:{kind}:{today}:{digest}"

    def _programme(self, series: EventSeries) -> str:
        key = self._cache_key(series)
        html = cache.get(key)
        if html is None:
            html = render_to_string(self.results_template_name, self._programme_context(series))
            cache.set(key, html, PROGRAMME_CACHE_SECONDS)
        # Rendered (and escaped) by our own template; the cache keeps it as plain text.
        return mark_safe(html)

    def _programme_context(self, series: EventSeries) -> dict:
        base = programme_queryset(series)
        params = self._params()
        filterset = ActivityFilterSet(params, queryset=base)
        # Only the municipalities where the programme takes place.
        filterset.form.fields["municipality"].queryset = Organisation.objects.filter(
            pk__in=base.values("municipality_id")
        ).order_by("name")
        tracks = list(series.tracks.all())
        context = {"series": series, "filter": filterset, "tracks": tracks, "print_view": self.print_view}
        if not filterset.is_valid():
            return {**context, "errors": filterset.errors}
        chosen_day = filterset.form.cleaned_data.get("day")
        others = self._params(without_day=True)
        every_day = ActivityFilterSet(others, queryset=base).qs
        days = day_counts(series, every_day)
        if self.print_view:
            chosen_day = None
            activities = every_day
        else:
            if chosen_day is None:
                chosen_day = _default_day(series, days)
            one_day = others.copy()
            one_day["day"] = chosen_day.isoformat()
            activities = ActivityFilterSet(one_day, queryset=base).qs
        groups = programme_rows(activities, tracks)
        return {
            **context,
            "days": days,
            "chosen_day": chosen_day,
            "groups": groups,
            "count": sum(len(rows) for _day, rows in groups),
            "query": others.urlencode(),
        }


def _default_day(series: EventSeries, days: list):
    """Today during the series, otherwise the first day with activities."""
    today = timezone.localdate()
    with_activities = [day["date"] for day in days if day["count"]]
    if today in with_activities:
        return today
    return with_activities[0] if with_activities else series.starts_on


class SeriesPrintView(SeriesDetailView):
    """The whole programme on one page, for paper (the print CSS hides the navigation)."""

    template_name = "events/eventseries_print.html"
    print_view = True


@method_decorator(cache_public_page(version=series_page_version), name="dispatch")
class SeriesPlacesView(SeriesPageMixin, ObjectDetailView):
    """Where the programme takes place: a map of Sweden with a marker per municipality, the list of
    municipalities as its text alternative, and a table of places with online activities last."""

    template_name = "events/eventseries_places.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = programme_queryset(self.object).filter(status=ActivityStatus.PUBLISHED)
        municipalities = places_by_municipality(published, self.object.get_absolute_url())
        context["municipalities"] = municipalities
        if any(place.on_map for place in municipalities):
            context["map_svg"] = places_map_svg(
                municipalities,
                _("Map of Sweden with the municipalities where the programme takes place"),
                _(
                    "A marker for each municipality, larger where more activities take place; each "
                    "marker links to the programme there. The list next to the map gives the same places."
                ),
            )
        places: dict[str, dict] = {}
        for activity in published:
            name = room_name(activity)
            place = places.setdefault(
                name,
                {
                    "name": name,
                    "address": activity.address,
                    "municipality": activity.municipality,
                    "online": not (activity.venue or activity.address or activity.municipality_id),
                    "activities": [],
                },
            )
            place["activities"].append(activity)
        context["places"] = sorted(places.values(), key=lambda p: (p["online"], p["name"]))
        return context


class SeriesHistoryView(SeriesPageMixin, ObjectHistoryView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["base_template"] = "events/eventseries_base.html"
        return context


class ActivityPageMixin:
    model = Activity
    history_url_name = "events:activity_history"

    def get_queryset(self):
        return activity_list_queryset().prefetch_related("co_organisers").visible_to(self.request.user)

    def get_tabs(self) -> list[dict]:
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, activity = self.request.user, self.object
        context["can_change"] = user.has_perm("events.change_activity", activity)
        context["can_moderate"] = user.has_perm("events.moderate_activity", activity)
        context["can_manage"] = user.has_perm("events.manage_registrations", activity)
        return context


class ActivityDetailView(ActivityPageMixin, ObjectDetailView):
    template_name = "events/activity_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, activity = self.request.user, self.object
        own = None
        if user.is_authenticated:
            own = Registration.objects.own(user).filter(activity=activity).active().first()
        context["own_registration"] = own
        context["registration_open"] = (
            activity.is_published and activity.takes_registrations and activity.starts_at > timezone.now()
        )
        if context["registration_open"] and own is None:
            context["registration_form"] = kwargs.get("registration_form") or RegistrationForm(user=user)
        if context["can_moderate"] and activity.status == ActivityStatus.PROPOSED:
            from spira.events.forms import DecisionForm

            context["decision_form"] = kwargs.get("decision_form") or DecisionForm()
        return context


class ActivityHistoryView(ActivityPageMixin, ObjectHistoryView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["base_template"] = "events/activity_base.html"
        return context


class OrganisationActivitiesView(ObjectTabView):
    """The events tab of an organisation: what it organises, upcoming first, then past."""

    model = Organisation
    template_name = "events/organisation_activities.html"
    active_tab = "events"
    history_url_name = "organisations:organisation_history"

    def get_queryset(self):
        return organisation_detail_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activities = activities_of_organisation(self.object).published().order_by("starts_at", "id")
        now = timezone.now()
        context["upcoming"] = list(activities.filter(ends_at__gte=now)[:100])
        context["past"] = list(activities.filter(ends_at__lt=now).order_by("-starts_at", "-id")[:50])
        context["can_change"] = self.request.user.has_perm("organisations.change_organisation", self.object)
        context["owned_series"] = list(self.object.owned_event_series.order_by("-starts_on")[:20])
        return context


class MyProgrammeView(LoginRequiredMixin, TemplateView):
    """The activities I registered for, and my private calendar link."""

    template_name = "events/my_programme.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registrations = list(my_registrations(self.request.user))
        now = timezone.now()
        context["upcoming"] = [r for r in registrations if r.activity.ends_at >= now]
        context["past"] = [r for r in registrations if r.activity.ends_at < now]
        token = calendar_token_for(self.request.user)
        context["calendar_url"] = settings.SITE_URL + reverse(
            "events:user_calendar", kwargs={"token": token.key}
        )
        return context


def get_series(request, slug: str) -> EventSeries:
    return get_object_or_404(series_detail_queryset().visible_to(request.user), slug=slug)


def get_activity(request, slug: str) -> Activity:
    try:
        return activity_list_queryset().visible_to(request.user).get(slug=slug)
    except Activity.DoesNotExist as exc:
        raise Http404 from exc
