"""An iCalendar (RFC 5545) file for one dialogue workshop, written with the `icalendar` library
like the events app's feeds (escaping and line folding are the library's). Times are in UTC."""

from datetime import UTC

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress

PRODID = "-//Spira//Dialogue workshops//SV"


def workshop_ical(workshop, url: str) -> bytes:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "spira"
    event = Event()
    event.add("uid", f"barriers-workshop-{workshop.pk}@{host}")
    event.add("dtstamp", workshop.updated_at.astimezone(UTC))
    event.add("dtstart", workshop.starts_at.astimezone(UTC))
    event.add("dtend", workshop.ends_at.astimezone(UTC))
    event.add("summary", workshop.title)
    event.add("url", settings.SITE_URL + url)
    if workshop.location:
        event.add("location", workshop.location)
    if workshop.agenda:
        event.add("description", workshop.agenda)
    organizer = vCalAddress(settings.SITE_URL)
    organizer.params["cn"] = workshop.organiser.display_name
    event.add("organizer", organizer)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical()
