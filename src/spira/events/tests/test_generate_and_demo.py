import io
from datetime import datetime

import pytest

from spira.accounts.generate import generate as generate_users
from spira.core.generate import World
from spira.events.demo import SERIES_SLUG, load_demo
from spira.events.generate import generate
from spira.events.models import Activity, EventSeries, Registration
from spira.events.services.common import STOCKHOLM

pytestmark = pytest.mark.django_db

# The programme points of seed 003, exactly as written there.
SEED_PROGRAMME = [
    ("2024-09-30 09:00", "14:30", "Together from the start - launch of Innovation Week"),
    ("2024-09-30 10:00", "10:30", "Together from the beginning - From government to governance"),
    ("2024-09-30 11:00", "11:30", "Together from the start - System innovation in practice"),
    (
        "2024-09-30 12:00",
        "12:30",
        "Together from the start - Coming together around a societal challenge, Climate City Contract on export",
    ),
    ("2024-09-30 13:00", "13:30", "Together from the start - Together with AI"),
    ("2024-09-30 14:00", "14:30", "Together from the start - Procurement that scales innovations"),
    (
        "2024-10-02 10:00",
        "11:00",
        "Capacity for Transition - Innovation capacity of smaller municipalities/places",
    ),
    ("2024-10-02 13:00", "14:30", "Briefing on internationalization through the EU Cities Mission"),
]


def _digest():
    return list(
        Activity.objects.order_by("pk").values_list(
            "series__slug",
            "title",
            "starts_at",
            "organiser_id",
            "format",
            "capacity",
            "status",
            "confirmed_count",
        )
    )


def test_demo_holds_the_seed_programme_exactly(reference_data):
    out = io.StringIO()

    load_demo(out)
    load_demo(out)

    series = EventSeries.objects.get(slug=SERIES_SLUG)
    assert (series.title, series.starts_on.isoformat(), series.ends_on.isoformat()) == (
        "Innovationsveckan 2024",
        "2024-09-30",
        "2024-10-04",
    )
    programme = [
        (
            a.starts_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M"),
            a.ends_at.astimezone(STOCKHOLM).strftime("%H:%M"),
            a.title,
        )
        for a in series.activities.order_by("starts_at", "id")
    ]
    assert programme == SEED_PROGRAMME
    assert sorted(t.name_en for t in series.tracks.all()) == [
        "Capacity for transition",
        "Together from the start",
    ]
    assert [(o.organisation.name, o.role) for o in series.series_organisations.all()] == [
        ("Sveriges Kommuner och Regioner", "initiator"),
        ("Verket för innovationssystem", "initiator"),
        ("Upphandlingsmyndigheten", "initiator"),
        ("Viable Cities", "partner"),
    ]
    assert "already there" in out.getvalue()


def test_demo_has_hub_activities_in_stockholm_and_ostersund(reference_data):
    load_demo(io.StringIO())

    hubs = Activity.objects.filter(series__owner__name__startswith="Samverket")
    assert sorted({a.municipality.name for a in hubs}) == ["Stockholm", "Östersund"]
    full = hubs.filter(capacity=3).first()
    assert (full.confirmed_count, full.waitlist_count) == (3, 2)
    assert all(a.starts_at > datetime.now(tz=STOCKHOLM) for a in hubs)


def test_generate_small_world_is_deterministic_and_consistent(reference_data):
    world = World(scale="small", seed=7, progress=False)
    generate_users(world)
    generate(world)
    first = _digest()
    Activity.objects.all().delete()
    EventSeries.objects.all().delete()

    generate(
        World(scale="small", seed=7, progress=False, shared=world.shared, shared_weights=world.shared_weights)
    )

    assert _digest() == first
    assert Activity.objects.count() == 100
    week = EventSeries.objects.get(slug__startswith="innovationsveckan-")
    assert week.activities.count() == 10
    for activity in Activity.objects.filter(confirmed_count__gt=0)[:50]:
        assert activity.confirmed_count == activity.registrations.filter(status="confirmed").count()
        assert activity.capacity is None or activity.confirmed_count <= activity.capacity
    assert Registration.objects.exists()
