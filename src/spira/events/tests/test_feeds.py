"""The feeds pass independent parsers: icalendar for RFC 5545, jsonschema and xmlschema for frab."""

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import jsonschema
import pytest
import xmlschema
from django.urls import reverse
from django.utils.translation import gettext as _

from spira.events import services
from spira.events.choices import ActivityStatus
from spira.events.tests.factories import ActivityFactory, EventSeriesFactory, TrackFactory, at
from spira.organisations.tests.factories import MunicipalityFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
AWKWARD_TITLE = (
    "Tillsammans, från start; med \\ och en mycket lång titel som måste radbrytas enligt RFC 5545 åäö"
)


def parse(response) -> icalendar.Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events_of(calendar: icalendar.Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def test_activity_calendar_holds_the_event_in_stockholm_time_with_its_timezone(client, activity):
    calendar = parse(client.get(reverse("events:activity_calendar", kwargs={"slug": activity.slug})))

    (event,) = events_of(calendar)
    assert event.decoded("dtstart") == at(1, 9)
    assert event["dtstart"].params["TZID"] == "Europe/Stockholm"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert str(event["summary"]) == activity.title


def test_calendar_text_is_escaped_and_folded(client, series, organisation):
    activity = ActivityFactory(series=series, organiser=organisation, title=AWKWARD_TITLE)

    response = client.get(reverse("events:activity_calendar", kwargs={"slug": activity.slug}))

    lines = response.content.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"SUMMARY:Tillsammans\\, fr\xc3\xa5n start\\; med \\\\ och" in response.content
    (event,) = events_of(icalendar.Calendar.from_ical(response.content))
    assert str(event["summary"]) == AWKWARD_TITLE


def test_summer_and_winter_times_are_both_right(client, owner, organisation):
    series = EventSeriesFactory(owner=owner, starts_on=date(2074, 3, 20), ends_on=date(2074, 4, 5))
    winter_start = datetime(2074, 3, 21, 9, 0, tzinfo=STOCKHOLM)
    summer_start = datetime(2074, 4, 3, 9, 0, tzinfo=STOCKHOLM)
    for start in (winter_start, summer_start):
        ActivityFactory(
            series=series, organiser=organisation, starts_at=start, ends_at=start + timedelta(hours=1)
        )

    calendar = parse(client.get(reverse("events:series_calendar", kwargs={"slug": series.slug})))

    starts = sorted(event.decoded("dtstart") for event in events_of(calendar))
    assert starts == [winter_start, summer_start]
    assert [value.utcoffset() for value in starts] == [timedelta(hours=1), timedelta(hours=2)]
    (zone,) = calendar.walk("VTIMEZONE")
    assert {component.name for component in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_series_calendar_holds_published_and_cancelled_but_not_proposals(client, series, organisation):
    ActivityFactory(series=series, organiser=organisation, title="Publicerad")
    ActivityFactory(series=series, organiser=organisation, title="Inställd", status=ActivityStatus.CANCELLED)
    ActivityFactory(series=series, organiser=organisation, title="Förslag", status=ActivityStatus.PROPOSED)

    calendar = parse(client.get(reverse("events:series_calendar", kwargs={"slug": series.slug})))

    assert {str(e["summary"]): str(e["status"]) for e in events_of(calendar)} == {
        "Publicerad": "CONFIRMED",
        "Inställd": "CANCELLED",
    }


def test_organisation_calendar_holds_what_it_organises_and_co_organises(client, series, organisation):
    partner = OrganisationFactory()
    own = ActivityFactory(series=series, organiser=organisation, title="Egen")
    shared = ActivityFactory(series=series, organiser=partner, title="Delad")
    shared.co_organisers.add(organisation)
    ActivityFactory(series=series, organiser=partner, title="Annans")

    calendar = parse(client.get(reverse("events:organisation_calendar", kwargs={"slug": organisation.slug})))

    assert sorted(str(e["summary"]) for e in events_of(calendar)) == sorted([own.title, shared.title])


def test_user_calendar_holds_own_registrations_with_waiting_list_as_tentative(client, series, organisation):
    person = UserFactory()
    full = ActivityFactory(series=series, organiser=organisation, title="Fullt", capacity=1)
    services.register(UserFactory(), full)
    services.register(person, full)
    services.register(person, ActivityFactory(series=series, organiser=organisation, title="Plats finns"))
    ActivityFactory(series=series, organiser=organisation, title="Inte anmäld")
    token = services.calendar_token_for(person)

    calendar = parse(client.get(reverse("events:user_calendar", kwargs={"token": token.key})))

    assert {str(e["summary"]): str(e["status"]) for e in events_of(calendar)} == {
        "Plats finns": "CONFIRMED",
        _("%(title)s (waiting list)") % {"title": "Fullt"}: "TENTATIVE",
    }
    assert len(events_of(calendar)) == 2


def test_user_calendar_with_an_unknown_token_is_not_found(client):
    response = client.get(reverse("events:user_calendar", kwargs={"token": "nope"}))

    assert response.status_code == 404


def test_regenerating_the_token_retires_the_old_link(client, series):
    person = UserFactory()
    old = services.calendar_token_for(person).key

    services.regenerate_calendar_token(person)

    assert client.get(reverse("events:user_calendar", kwargs={"token": old})).status_code == 404


# frab schedules -----------------------------------------------------------------------------------


@pytest.fixture
def programme(series, organisation):
    track = TrackFactory(
        series=series, name="Tillsammans från start", slug="tillsammans-fran-start", color="#aa3300"
    )
    municipality = MunicipalityFactory(name="Östersund")
    ActivityFactory(
        series=series,
        organiser=organisation,
        title="Lansering",
        track=track,
        starts_at=at(0, 9),
        ends_at=at(0, 14, 30),
    )
    ActivityFactory(
        series=series,
        organiser=organisation,
        title="Frukost på Samverket",
        format="breakfast_meeting",
        municipality=municipality,
        starts_at=at(1, 8),
        ends_at=at(1, 9),
    )
    ActivityFactory(
        series=series,
        organiser=organisation,
        title="Webbinarium",
        format="webinar",
        venue="",
        address="",
        online_url="https://example.se/webbinarium",
        starts_at=at(1, 13),
        ends_at=at(1, 14),
    )
    ActivityFactory(series=series, organiser=organisation, title="Förslag", status=ActivityStatus.PROPOSED)
    return series


def test_schedule_json_validates_against_the_frab_schema(client, programme):
    response = client.get(reverse("events:series_schedule_json", kwargs={"slug": programme.slug}))
    data = json.loads(response.content)

    schema = json.loads((SCHEMAS / "schedule.schema.json").read_text())
    jsonschema.validate(data, schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    conference = data["schedule"]["conference"]
    assert conference["daysCount"] == 5
    assert conference["time_zone_name"] == "Europe/Stockholm"
    titles = [
        event["title"] for day in conference["days"] for room in day["rooms"].values() for event in room
    ]
    assert sorted(titles) == ["Frukost på Samverket", "Lansering", "Webbinarium"]
    first = conference["days"][0]["rooms"]["Samverket"][0]
    assert (first["start"], first["duration"], first["track"]) == ("09:00", "05:30", "Tillsammans från start")
    assert datetime.fromisoformat(first["date"]) == at(0, 9)


def test_schedule_xml_validates_against_the_frab_xsd(client, programme):
    response = client.get(reverse("events:series_schedule_xml", kwargs={"slug": programme.slug}))

    schema = xmlschema.XMLSchema(str(SCHEMAS / "schedule.xml.xsd"))
    schema.validate(response.content.decode("utf-8"))
    document = schema.to_dict(response.content.decode("utf-8"))
    assert len(document["day"]) == 5
    rooms = {room["@name"] for day in document["day"] for room in day.get("room", [])}
    assert rooms == {"Samverket", "Online", "Samverket, Östersund"}


def test_the_example_from_pretalx_passes_our_copy_of_the_schema():
    """Our copy of the schema accepts what pretalx writes (a check of the check)."""
    data = json.loads((SCHEMAS / "pretalx-democon.json").read_text())
    data.pop("$schema", None)

    jsonschema.validate(data, json.loads((SCHEMAS / "schedule.schema.json").read_text()))


def test_an_empty_programme_is_still_a_valid_schedule(client, series):
    data = json.loads(
        client.get(reverse("events:series_schedule_json", kwargs={"slug": series.slug})).content
    )

    jsonschema.validate(data, json.loads((SCHEMAS / "schedule.schema.json").read_text()))
    schema = xmlschema.XMLSchema(str(SCHEMAS / "schedule.xml.xsd"))
    schema.validate(
        client.get(reverse("events:series_schedule_xml", kwargs={"slug": series.slug})).content.decode()
    )
