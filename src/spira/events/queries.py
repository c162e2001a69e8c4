"""Reusable reads for series, activities and registrations."""

from django.db.models import Prefetch, Q, QuerySet

from spira.events.choices import ACTIVE_REGISTRATION_STATUSES, ActivityStatus
from spira.events.models import Activity, EventSeries, Registration, SeriesOrganisation


def activity_list_queryset() -> QuerySet[Activity]:
    """What every list of activities needs in one query (series, track, organiser, place)."""
    return Activity.objects.select_related("series", "track", "organiser", "municipality")


def programme_queryset(series: EventSeries) -> QuerySet[Activity]:
    """The public programme of a series, in time order, with what its rows show."""
    return (
        activity_list_queryset()
        .filter(
            series=series, status__in=[ActivityStatus.PUBLISHED, ActivityStatus.CANCELLED], is_hidden=False
        )
        .order_by("starts_at", "title", "id")
    )


def feed_queryset() -> QuerySet[Activity]:
    """Activities as calendar feeds need them (published or cancelled, so calendars drop the
    cancelled ones), with their co-organisers."""
    return (
        activity_list_queryset()
        .filter(status__in=[ActivityStatus.PUBLISHED, ActivityStatus.CANCELLED], is_hidden=False)
        .prefetch_related("co_organisers")
        .order_by("starts_at", "id")
    )


def series_detail_queryset() -> QuerySet[EventSeries]:
    return EventSeries.objects.select_related("owner").prefetch_related(
        "tracks",
        Prefetch(
            "series_organisations",
            queryset=SeriesOrganisation.objects.select_related("organisation"),
        ),
    )


def series_list_queryset() -> QuerySet[EventSeries]:
    return EventSeries.objects.select_related("owner")


def activities_of_organisation(organisation) -> QuerySet[Activity]:
    return (
        activity_list_queryset().filter(Q(organiser=organisation) | Q(co_organisers=organisation)).distinct()
    )


def count_for_organisation(organisation, user) -> int:
    """The number on the organisation's events tab: its published activities."""
    return (
        Activity.objects.published()
        .filter(Q(organiser=organisation) | Q(co_organisers=organisation))
        .distinct()
        .count()
    )


def participants_queryset(activity: Activity) -> QuerySet[Registration]:
    return activity.registrations.select_related("user").order_by("status", "queued_at", "id")


def my_registrations(user) -> QuerySet[Registration]:
    """The person's active registrations, soonest first, with their activities."""
    return (
        Registration.objects.own(user)
        .filter(status__in=ACTIVE_REGISTRATION_STATUSES)
        .select_related(
            "activity", "activity__series", "activity__organiser", "activity__municipality", "activity__track"
        )
        .order_by("activity__starts_at", "activity_id")
    )
