"""Calendar feeds (iCalendar) and frab schedules (JSON, XML)."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import View

from spira.events.calendar import build_calendar
from spira.events.choices import RegistrationStatus
from spira.events.models import CalendarFeedToken
from spira.events.queries import feed_queryset, my_registrations, programme_queryset
from spira.events.schedule import schedule_json, schedule_xml
from spira.events.views.browse import get_activity, get_series
from spira.organisations.models import Organisation

ICAL_TYPE = "text/calendar; charset=utf-8"
FEED_MAX_AGE = 60 * 5


def ical_response(body: bytes, filename: str, private: bool = False) -> HttpResponse:
    response = HttpResponse(body, content_type=ICAL_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    response["Cache-Control"] = "private, no-store" if private else f"public, max-age={FEED_MAX_AGE}"
    return response


class ActivityCalendarView(View):
    def get(self, request, slug):
        activity = get_activity(request, slug)
        return ical_response(build_calendar([activity], activity.title), activity.slug)


class SeriesCalendarView(View):
    def get(self, request, slug):
        series = get_series(request, slug)
        activities = feed_queryset().filter(series=series)
        return ical_response(build_calendar(activities, series.display_title), series.slug)


class OrganisationCalendarView(View):
    def get(self, request, slug):
        organisation = get_object_or_404(Organisation, slug=slug)
        activities = feed_queryset().filter(organiser=organisation) | feed_queryset().filter(
            co_organisers=organisation
        )
        name = _("Events of %(organisation)s") % {"organisation": organisation.display_name}
        return ical_response(build_calendar(activities.distinct(), name), f"{organisation.slug}-events")


class UserCalendarView(View):
    """A person's registrations at a secret URL that calendar programs subscribe to."""

    def get(self, request, token):
        feed = CalendarFeedToken.objects.select_related("user").filter(key=token).first()
        if feed is None or not feed.user.is_active:
            raise Http404
        registrations = my_registrations(feed.user).prefetch_related("activity__co_organisers")
        items = [
            (r.activity, r.status != RegistrationStatus.CONFIRMED)
            for r in registrations
            if r.activity.status in ("published", "cancelled")
        ]
        return ical_response(build_calendar(items, _("My programme on Spira")), "spira", private=True)


class SeriesScheduleJsonView(View):
    def get(self, request, slug):
        series = get_series(request, slug)
        activities = programme_queryset(series).filter(status="published").prefetch_related("co_organisers")
        response = JsonResponse(schedule_json(series, activities), json_dumps_params={"ensure_ascii": False})
        response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
        return response


class SeriesScheduleXmlView(View):
    def get(self, request, slug):
        series = get_series(request, slug)
        activities = programme_queryset(series).filter(status="published").prefetch_related("co_organisers")
        response = HttpResponse(
            schedule_xml(series, activities), content_type="application/xml; charset=utf-8"
        )
        response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
        return response
