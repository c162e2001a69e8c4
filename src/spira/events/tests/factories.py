"""Factories for events. No surprises: an EventSeriesFactory is a week-long series (Monday 30
September – Friday 4 October 2024 in the far future: the same dates 50 years on, 2074) owned by a
company, whose call is open now; an ActivityFactory is a published seminar on the Tuesday of that
week, 09:00–10:00 Stockholm time, at a venue, with 10 seats and open registration; a
RegistrationFactory is a confirmed registration of a new user."""

from datetime import date, datetime, timedelta

import factory
from django.utils import timezone

from spira.accounts.tests.factories import UserFactory
from spira.events.choices import ActivityFormat, ActivityStatus, RegistrationMode, RegistrationStatus
from spira.events.models import Activity, EventSeries, Registration, Track
from spira.events.services.common import STOCKHOLM
from spira.organisations.tests.factories import OrganisationFactory

SERIES_START = date(2074, 10, 1)
SERIES_END = date(2074, 10, 5)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A time in the factory series' week: day 0 is its first day, in Stockholm time."""
    return datetime.combine(
        SERIES_START + timedelta(days=day), datetime.min.time(), tzinfo=STOCKHOLM
    ).replace(hour=hour, minute=minute)


class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSeries

    title = factory.Sequence(lambda n: f"Innovationsveckan {n}")
    slug = factory.Sequence(lambda n: f"innovationsveckan-{n}")
    owner = factory.SubFactory(OrganisationFactory)
    starts_on = SERIES_START
    ends_on = SERIES_END
    call_opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    call_closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    series = factory.SubFactory(EventSeriesFactory)
    name = factory.Sequence(lambda n: f"Spår {n}")
    slug = factory.Sequence(lambda n: f"spar-{n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    series = factory.SubFactory(EventSeriesFactory)
    title = factory.Sequence(lambda n: f"Seminarium {n}")
    slug = factory.Sequence(lambda n: f"seminarium-{n}")
    description = "Vi delar erfarenheter av att skala upp smarta lösningar."
    organiser = factory.SubFactory(OrganisationFactory)
    starts_at = factory.LazyFunction(lambda: at(1, 9))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    format = ActivityFormat.SEMINAR
    venue = "Samverket"
    address = "Drottninggatan 1, Stockholm"
    capacity = 10
    registration_mode = RegistrationMode.OPEN
    status = ActivityStatus.PUBLISHED


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    activity = factory.SubFactory(ActivityFactory)
    user = factory.SubFactory(UserFactory)
    name = factory.LazyAttribute(lambda o: str(o.user) if o.user else "Gäst")
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "gast@example.se")
    status = RegistrationStatus.CONFIRMED
