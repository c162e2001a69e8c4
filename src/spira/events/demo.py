"""The events part of `spira demo`: Innovation Week 2024 with the sessions of the seed programme,
and the member activities of the Samverket hubs in Stockholm and Östersund.

Seed 003 gives the programme points of Innovationsveckan 2024 (30 September – 4 October 2024):
their dates, times and titles are used exactly as written there, each with its text as the
description. The hubs get a series of their own with breakfasts and workshops in the coming
weeks, some with registrations and one full with a waiting list. Everything goes through the
services. Idempotent: nothing is created when the Innovation Week 2024 series exists.
"""

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from spira.accounts.models import User
from spira.accounts.services import register_user
from spira.events import services
from spira.events.models import EventSeries
from spira.events.services.common import STOCKHOLM
from spira.organisations import services as organisation_services
from spira.organisations.choices import MembershipRole
from spira.organisations.models import Organisation

DEMO_PASSWORD = "demo-lösenord-1"
SERIES_SLUG = "innovationsveckan-2024"
ORGANISER_EMAIL = "innovationsveckan@demo.spira.se"
HUB_EMAIL = "samverket@demo.spira.se"
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
DAY_LINE = re.compile(
    r"^(?:(?P<month1>[A-Za-z]+) (?P<day1>\d{1,2})(?:st|nd|rd|th)?|(?P<day2>\d{1,2}) (?P<month2>[A-Za-z]+))$"
)
SESSION_LINE = re.compile(r"^(?P<start>\d{2}:\d{2})-(?P<end>\d{2}:\d{2}) \| (?P<title>.+)$")
SEED_INTRO = (
    "Innovationsveckan är en vecka för innovation av och för offentliga organisationer. Under veckan "
    "fokuserar vi på att dela och sprida smarta lösningar mellan olika delar av offentlig sektor. Alla "
    "aktörer som bidrar till att offentliga organisationer kan möta framtidens utmaningar är välkomna att "
    "arrangera aktiviteter under veckan."
)


def parse_seed_programme(text: str, year: int = 2024) -> list[dict]:
    """The programme points of seed 003: date, start, end, title (as written) and description."""
    sessions: list[dict] = []
    day: date | None = None
    lines = [line.strip() for line in text.splitlines()]
    for index, line in enumerate(lines):
        if match := DAY_LINE.match(line):
            month = (match["month1"] or match["month2"]).lower()
            if month in MONTHS:
                day = date(year, MONTHS[month], int(match["day1"] or match["day2"]))
            continue
        if (match := SESSION_LINE.match(line)) and day is not None:
            following = lines[index + 1] if index + 1 < len(lines) else ""
            sessions.append(
                {
                    "day": day,
                    "start": time.fromisoformat(match["start"]),
                    "end": time.fromisoformat(match["end"]),
                    "title": match["title"].strip(),
                    "description": ""
                    if SESSION_LINE.match(following) or DAY_LINE.match(following)
                    else following,
                }
            )
    return sessions


def load_demo(out) -> None:
    if EventSeries.objects.filter(slug=SERIES_SLUG).exists():
        out.write("Events: already there.")
        return
    by_number = {
        o.org_number: o for o in Organisation.objects.filter(org_number__in=["202100-5216", "202100-6610"])
    }
    by_code = {
        o.municipality_code: o for o in Organisation.objects.filter(municipality_code__in=["0180", "2380"])
    }
    if len(by_number) < 2 or len(by_code) < 2:
        out.write("Events: reference data missing, skipped.")
        return
    organiser = _person(ORGANISER_EMAIL, "Ingrid Innovationsveckan")
    hub_person = _person(HUB_EMAIL, "Sam Samverket")
    skr = _organisation(
        organiser,
        "Sveriges Kommuner och Regioner",
        "other",
        short_name="SKR",
        name_en="Swedish Association of Local Authorities and Regions",
    )
    viable = _organisation(organiser, "Viable Cities", "network")
    week = _innovation_week(organiser, skr, viable, by_number["202100-5216"], by_number["202100-6610"])
    stockholm_hub = _organisation(hub_person, "Samverket Stockholm", "network", city="Stockholm")
    ostersund_hub = _organisation(hub_person, "Samverket Östersund", "network", city="Östersund")
    hubs = _hubs(hub_person, stockholm_hub, ostersund_hub, by_code["0180"], by_code["2380"])
    out.write(
        f"Events: {week.display_title} with {week.activities.count()} programme points from the seed text; "
        f"{hubs} hub activities of Samverket in Stockholm and Östersund. Accounts (password “{DEMO_PASSWORD}”): "
        f"{ORGANISER_EMAIL} (moderates Innovation Week), {HUB_EMAIL} (runs the hubs)."
    )


def _person(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    return user or register_user(email=email, password=DEMO_PASSWORD, display_name=name)


def _organisation(actor, name: str, kind: str, **values) -> Organisation:
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing is not None:
        # Another app's demo may have made the organisation (and this person its administrator).
        if not existing.memberships.filter(user=actor).exists():
            organisation_services.add_membership(
                actor, existing, actor, MembershipRole.COORDINATOR, check=False
            )
        return existing
    return organisation_services.create_organisation(actor, name=name, kind=kind, **values)


def _seed_text() -> str:
    paths = sorted(Path(settings.SPIRA_SEED_DIR).glob("003_*.txt"))
    return paths[0].read_text(encoding="utf-8") if paths else ""


def _innovation_week(actor, skr, viable, vinnova, uhm) -> EventSeries:
    series = services.create_series(
        actor,
        skr,
        title="Innovationsveckan 2024",
        title_en="Innovation Week 2024",
        description=SEED_INTRO,
        description_en=(
            "The Innovation Week is dedicated to innovation by and for public organisations. During the "
            "week, we focus on sharing and spreading smart solutions between different parts of public "
            "organisations."
        ),
        starts_on=date(2024, 9, 30),
        ends_on=date(2024, 10, 4),
        call_opens_at=datetime(2024, 3, 1, 9, 0, tzinfo=STOCKHOLM),
        call_closes_at=datetime(2024, 8, 31, 23, 59, tzinfo=STOCKHOLM),
        website="https://www.innovationsveckan.nu/",
    )
    services.set_series_organisations(actor, series, initiators=[skr, vinnova, uhm], partners=[viable])
    together = services.add_track(
        actor, series, "Tillsammans från start", "Together from the start", "#1f5f8b"
    )
    capacity = services.add_track(
        actor, series, "Kapacitet för omställning", "Capacity for transition", "#8b3a1f"
    )
    for session in parse_seed_programme(_seed_text()):
        title = session["title"]
        lowered = title.lower()
        if lowered.startswith(("together from the start", "together from the beginning")):
            track, organiser = together, skr
        elif lowered.startswith("capacity for transition"):
            track, organiser = capacity, viable
        else:
            track, organiser = None, viable
        if "procurement" in lowered:
            organiser = uhm
        starts = datetime.combine(session["day"], session["start"], tzinfo=STOCKHOLM)
        ends = datetime.combine(session["day"], session["end"], tzinfo=STOCKHOLM)
        services.add_activity(
            actor,
            series,
            organiser,
            title=title,
            description=session["description"],
            language="en",
            track=track,
            starts_at=starts,
            ends_at=ends,
            format="seminar" if "launch" in lowered else "webinar",
            online_url="https://www.innovationsveckan.nu/",
            registration_mode="open",
            capacity=None,
            co_organisers=[o for o in (skr, vinnova, uhm) if o != organiser] if track == together else [],
        )
    return series


def _hubs(actor, stockholm_hub, ostersund_hub, stockholm, ostersund) -> int:
    today = timezone.localdate()
    made = 0
    for hub, municipality, address in (
        (stockholm_hub, stockholm, "Drottninggatan 33, Stockholm"),
        (ostersund_hub, ostersund, "Prästgatan 50, Östersund"),
    ):
        series = services.create_series(
            actor,
            hub,
            title=f"{hub.name} – medlemsaktiviteter {today.year}",
            title_en=f"{hub.name} – member activities {today.year}",
            description="Medlemsdrivna aktiviteter i Samverkets coworking för offentlig sektor.",
            starts_on=today - timedelta(days=30),
            ends_on=today + timedelta(days=180),
            call_opens_at=timezone.now() - timedelta(days=30),
            call_closes_at=timezone.now() + timedelta(days=150),
            call_text="Medlemmar föreslår aktiviteter: frukostar, workshops och studiebesök.",
        )
        next_tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
        plans = [
            ("Tisdagsfrukost: vad har vi lärt oss av hybridarbete?", "breakfast_meeting", 0, 8, 1, 12),
            ("Workshop: psykologisk trygghet i samverkan", "workshop", 7, 13, 3, 3),
            ("Tisdagsfrukost: spridning av smarta lösningar", "breakfast_meeting", 14, 8, 1, None),
            ("Studiebesök hos en medlemsorganisation", "study_visit", 21, 10, 2, 15),
        ]
        for title, fmt, offset, hour, hours, capacity in plans:
            day = next_tuesday + timedelta(days=offset)
            starts = datetime.combine(day, time(hour, 0), tzinfo=STOCKHOLM)
            activity = services.add_activity(
                actor,
                series,
                hub,
                title=f"{title} ({municipality.name})",
                description="En aktivitet av och för Samverkets medlemmar – och alla som är nyfikna.",
                language="sv",
                starts_at=starts,
                ends_at=starts + timedelta(hours=hours),
                format=fmt,
                venue=hub.name,
                address=address,
                municipality=municipality,
                accessibility="Entré utan trappsteg, hörslinga i lokalen.",
                registration_mode="open",
                capacity=capacity,
            )
            made += 1
            if capacity == 3:
                # A full workshop with a waiting list.
                for number in range(5):
                    services.register(
                        None,
                        activity,
                        name=f"Deltagare {number + 1}",
                        email=f"deltagare{number + 1}@example.se",
                    )
    return made
