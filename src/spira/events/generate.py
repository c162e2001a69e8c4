"""Events of a generated world (`spira generate`, see spira.core.generate).

At national scale 10,000 activities: a national Innovation Week with 1,000 of them (a tenth of
the count at every scale) and the rest in the year-round series of networks, hubs and larger
organisations, organised mostly by municipalities (weighted by population^1.2: Stockholm far
more than Bjurholm). Registrations go to a third of the activities, up to and beyond their seats
(so waiting lists exist); the counts on each activity are computed on the way. Rows are written
with bulk_create; dates come from `world.now`, so the same seed gives the same world.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils.text import slugify

from spira.core.generate import World
from spira.events.choices import (
    ActivityFormat,
    ActivityStatus,
    Audience,
    RegistrationMode,
    RegistrationStatus,
)
from spira.events.models import Activity, EventSeries, Registration, Track
from spira.events.services.common import STOCKHOLM
from spira.organisations.models import Organisation

WEEK_SHARE = 10  # one activity in ten belongs to the national week
SERIES_COUNT = {"small": 5, "municipality": 12, "national": 60}
FORMAT_WEIGHTS = [
    (ActivityFormat.SEMINAR, 30),
    (ActivityFormat.WORKSHOP, 20),
    (ActivityFormat.WEBINAR, 20),
    (ActivityFormat.BREAKFAST_MEETING, 12),
    (ActivityFormat.STUDY_VISIT, 6),
    (ActivityFormat.DIALOGUE_WORKSHOP, 6),
    (ActivityFormat.NETWORKING, 4),
    (ActivityFormat.OTHER, 2),
]
TRACKS = [
    ("Tillsammans från start", "Together from the start", "#1f5f8b"),
    ("Kapacitet för omställning", "Capacity for transition", "#8b3a1f"),
    ("Data och AI", "Data and AI", "#3a6b2a"),
    ("Innovationsupphandling", "Innovation procurement", "#6b2a5e"),
]
SUBJECTS = [
    ("Så skalar vi upp {x}", "How we scale up {x}"),
    ("Erfarenheter av {x}", "Lessons from {x}"),
    ("Workshop: {x} i praktiken", "Workshop: {x} in practice"),
    ("Frukostmöte om {x}", "Breakfast meeting on {x}"),
    ("Från idé till införande: {x}", "From idea to practice: {x}"),
]
TOPICS = [
    "välfärdsteknik", "AI i handläggning", "cirkulär upphandling", "medborgardialog", "öppna data",
    "klimatneutrala städer", "hybridarbete", "tillitsbaserad styrning", "digital hemtjänst", "samverkan i länet",
    "innovationskapacitet i mindre kommuner", "skolans digitalisering", "energidelning", "delad mobilitet",
]  # fmt: skip


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _ids(world: World, key: str, **filters) -> list[int]:
    ids = world.ids(key)
    if ids:
        return ids
    return list(Organisation.objects.filter(**filters).order_by("pk").values_list("pk", flat=True))


def _week_start(year: int) -> date:
    """The Monday of the last full week of September or the first of October (as in 2024)."""
    day = date(year, 9, 28)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def generate(world: World) -> None:
    rng = world.rng_for("events")
    total = world.count("events")
    municipalities = _ids(world, "organisations.municipality", kind="municipality")
    others = _ids(world, "organisations.organisation")
    if total == 0 or not municipalities:
        return
    if not world.ids("organisations.municipality"):
        world.remember("organisations.municipality", municipalities)
    municipality_names = dict(Organisation.objects.filter(pk__in=municipalities).values_list("pk", "name"))
    owners = others or municipalities
    year = world.now.year
    week_start = _week_start(year)

    series_rows = [
        EventSeries(
            title=f"Innovationsveckan {year}",
            title_en=f"Innovation Week {year}",
            slug=f"innovationsveckan-{year}-gen-{world.seed}",
            owner_id=owners[0],
            starts_on=week_start,
            ends_on=week_start + timedelta(days=4),
            call_opens_at=datetime.combine(week_start - timedelta(days=200), time(9), tzinfo=STOCKHOLM),
            call_closes_at=datetime.combine(week_start - timedelta(days=30), time(23, 59), tzinfo=STOCKHOLM),
            description="Nationell vecka för innovation av och för offentliga organisationer.",
        )
    ]
    for number in range(SERIES_COUNT[world.scale]):
        owner = owners[rng.randrange(len(owners))]
        series_rows.append(
            EventSeries(
                title=f"Nätverksträffar {year} #{number + 1}",
                title_en=f"Network meetings {year} #{number + 1}",
                slug=f"natverkstraffar-{year}-{number + 1}-gen-{world.seed}",
                owner_id=owner,
                starts_on=date(year, 1, 1),
                ends_on=date(year, 12, 31),
                call_opens_at=datetime(year - 1, 12, 1, tzinfo=STOCKHOLM),
                call_closes_at=datetime(year, 11, 30, tzinfo=STOCKHOLM),
            )
        )
    world.bulk_create(EventSeries, series_rows, desc="event series", total=len(series_rows))
    series_ids = list(
        EventSeries.objects.filter(slug__in=[s.slug for s in series_rows])
        .order_by("pk")
        .values_list("pk", "slug")
    )
    by_slug = {slug: pk for pk, slug in series_ids}
    week_id = by_slug[series_rows[0].slug]
    year_ids = [by_slug[s.slug] for s in series_rows[1:]]
    tracks = [
        Track(
            series_id=week_id, name=name, name_en=name_en, slug=slugify(name), color=color, position=position
        )
        for position, (name, name_en, color) in enumerate(TRACKS)
    ]
    world.bulk_create(Track, tracks, desc="event tracks", total=len(tracks))
    track_ids = list(
        Track.objects.filter(series_id=week_id).order_by("position").values_list("pk", flat=True)
    )

    week_count = max(total // WEEK_SHARE, 1)
    activities = (
        _activity(world, rng, n, week_id if n < week_count else year_ids[n % len(year_ids)], n < week_count,
                  week_start, year, municipalities, municipality_names, others, track_ids)
        for n in range(total)
    )  # fmt: skip
    world.bulk_create(Activity, activities, desc="event activities", total=total)
    _registrations(world, rng)


def _activity(world, rng, n, series_id, in_week, week_start, year, municipalities, names, others, track_ids):
    subject_sv, _subject_en = SUBJECTS[rng.randrange(len(SUBJECTS))]
    topic = TOPICS[rng.randrange(len(TOPICS))]
    title = subject_sv.format(x=topic)
    if in_week:
        day = week_start + timedelta(days=rng.randrange(5))
    else:
        day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    hour = rng.choice([8, 9, 10, 13, 14, 15])
    starts = datetime.combine(day, time(hour, rng.choice([0, 0, 30])), tzinfo=STOCKHOLM)
    ends = starts + timedelta(minutes=rng.choice([60, 90, 120, 180]))
    by_municipality = rng.random() < 0.75 or not others
    organiser = world.pick_municipality(rng) if by_municipality else others[rng.randrange(len(others))]
    municipality = organiser if by_municipality else world.pick_municipality(rng)
    online = rng.random() < 0.3
    fmt = ActivityFormat.WEBINAR if online else _weighted(rng, FORMAT_WEIGHTS)
    mode = _weighted(
        rng,
        [
            (RegistrationMode.OPEN, 70),
            (RegistrationMode.NONE, 20),
            (RegistrationMode.APPROVAL, 5),
            (RegistrationMode.MEMBERS, 5),
        ],
    )
    status = _weighted(
        rng,
        [
            (ActivityStatus.PUBLISHED, 90),
            (ActivityStatus.PROPOSED, 6),
            (ActivityStatus.REJECTED, 2),
            (ActivityStatus.CANCELLED, 2),
        ],
    )
    created = world.random_datetime(rng, days_back=400)
    return Activity(
        series_id=series_id,
        track_id=track_ids[rng.randrange(len(track_ids))] if in_week and track_ids and rng.random() < 0.6 else None,
        title=title,
        slug=f"{slugify(title)[:100]}-g{world.seed}-{n}",
        description=f"{title}. Vi delar erfarenheter och diskuterar nästa steg.",
        language="en" if rng.random() < 0.1 else "sv",
        organiser_id=organiser,
        starts_at=starts,
        ends_at=ends,
        format=fmt,
        audience=_weighted(rng, [(Audience.EVERYONE, 50), (Audience.PUBLIC_SECTOR, 35), (Audience.MANAGERS, 10), (Audience.RESEARCHERS, 5)]),
        venue="" if online else f"Stadshuset, {names.get(municipality, '')}".strip(", "),
        address="",
        municipality_id=None if online else municipality,
        online_url=f"https://mote.example.se/{n}" if online else "",
        capacity=None if mode == RegistrationMode.NONE else rng.choice([None, 20, 30, 50, 80, 150]),
        registration_mode=mode,
        status=status,
        published_at=created if status != ActivityStatus.PROPOSED else None,
        created_at=created,
    )  # fmt: skip


def _registrations(world: World, rng: random.Random) -> None:
    """Registrations to a third of the open activities, some full with waiting lists."""
    users = world.ids("accounts.user")
    if not users:
        return
    rows = list(
        Activity.objects.filter(
            slug__contains=f"-g{world.seed}-",
            status=ActivityStatus.PUBLISHED,
            registration_mode=RegistrationMode.OPEN,
        )
        .order_by("pk")
        .values_list("pk", "capacity", "starts_at")
    )
    registrations, counts = [], {}
    for activity_id, capacity, starts_at in rows:
        if rng.random() > 0.33:
            continue
        wanted = rng.randint(1, (capacity or 40) + 10)
        people = {world.pick("accounts.user", rng) for _ in range(wanted)}
        confirmed = waitlisted = 0
        for user_id in sorted(people):
            if capacity is None or confirmed < capacity:
                status, confirmed = RegistrationStatus.CONFIRMED, confirmed + 1
            else:
                status, waitlisted = RegistrationStatus.WAITLISTED, waitlisted + 1
            registrations.append(
                Registration(
                    activity_id=activity_id,
                    user_id=user_id,
                    name=f"Deltagare {user_id}",
                    email=f"deltagare{user_id}@example.se",
                    status=status,
                    queued_at=starts_at - timedelta(days=10),
                )
            )
        counts[activity_id] = (confirmed, waitlisted)
    world.bulk_create(Registration, registrations, desc="event registrations", total=len(registrations))
    changed = []
    for activity in Activity.objects.filter(pk__in=list(counts)).only("pk").order_by("pk"):
        activity.confirmed_count, activity.waitlist_count = counts[activity.pk]
        changed.append(activity)
    Activity.objects.bulk_update(changed, ["confirmed_count", "waitlist_count"], batch_size=2000)
