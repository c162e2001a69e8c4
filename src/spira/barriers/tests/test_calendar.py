"""The workshop's .ics download is RFC 5545: parsed back with the icalendar library."""

from datetime import UTC, datetime

import pytest
from django.test import override_settings
from icalendar import Calendar

from spira.barriers.tests.factories import WorkshopFactory
from spira.organisations.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def download(client, workshop) -> Calendar:
    response = client.get(f"/hinder/dialogverkstader/{workshop.pk}/kalender.ics")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="workshop-{workshop.pk}.ics"'
    return Calendar.from_ical(response.content)


@override_settings(SITE_URL="https://spira.example.se")
def test_workshop_calendar_holds_one_event_with_the_workshop_in_utc(client):
    workshop = WorkshopFactory(
        title="Dialogverkstad, upphandling; steg 1",
        location="Stadshuset, Piteå",
        agenda="Förmiddag: hinder.\nEftermiddag: åtaganden; uppföljning",
        organiser=MunicipalityFactory(name="Piteå kommun"),
        starts_at=datetime(2031, 3, 4, 8, 30, tzinfo=UTC),
        ends_at=datetime(2031, 3, 4, 12, 0, tzinfo=UTC),
    )

    calendar = download(client, workshop)

    assert (str(calendar["version"]), str(calendar["prodid"])) == ("2.0", "-//Spira//Dialogue workshops//SV")
    assert (str(calendar["calscale"]), str(calendar["method"])) == ("GREGORIAN", "PUBLISH")
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]) == f"barriers-workshop-{workshop.pk}@spira.example.se"
    assert event.decoded("dtstart") == datetime(2031, 3, 4, 8, 30, tzinfo=UTC)
    assert event.decoded("dtend") == datetime(2031, 3, 4, 12, 0, tzinfo=UTC)
    assert event.decoded("dtstamp") == workshop.updated_at.replace(microsecond=0)
    assert str(event["summary"]) == "Dialogverkstad, upphandling; steg 1"
    assert str(event["location"]) == "Stadshuset, Piteå"
    assert str(event["description"]) == "Förmiddag: hinder.\nEftermiddag: åtaganden; uppföljning"
    assert str(event["url"]) == f"https://spira.example.se{workshop.get_absolute_url()}"
    assert str(event["organizer"]) == "https://spira.example.se"
    assert str(event["organizer"].params["CN"]) == workshop.organiser.display_name


def test_workshop_calendar_leaves_out_an_empty_location_and_agenda(client):
    workshop = WorkshopFactory(location="", agenda="")

    [event] = download(client, workshop).walk("VEVENT")

    assert ("LOCATION" in event, "DESCRIPTION" in event) == (False, False)


def test_workshop_calendar_folds_long_lines_at_75_octets(client):
    workshop = WorkshopFactory(title="Åtgärder för ökad samverkan mellan kommuner och regioner " * 3)

    response = client.get(f"/hinder/dialogverkstader/{workshop.pk}/kalender.ics")

    lines = response.content.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == workshop.title
