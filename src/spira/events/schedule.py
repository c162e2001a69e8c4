"""The programme of a series in the frab schedule format (JSON and XML) that conference apps read
(Giggity, EventFahrplan, pretalx's and frab's own exports). The schemas are in `schemas/`.

Rooms are places: the venue (with the municipality), or "Online" for activities with only a link.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta
from uuid import NAMESPACE_URL, uuid5
from xml.etree import ElementTree as ET

from django.conf import settings
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

import spira
from spira.events.calendar import activity_guid
from spira.events.choices import EVENT_TIME_ZONE, FRAB_TYPES
from spira.events.services.common import STOCKHOLM

FRAB_VERSION = "v1.1"


def room_name(activity) -> str:
    if activity.venue:
        if activity.municipality_id and activity.municipality.name not in activity.venue:
            return f"{activity.venue}, {activity.municipality.name}"
        return activity.venue
    if activity.municipality_id:
        return activity.municipality.name
    if activity.online_url:
        return "Online"
    return _("Place to be announced")


def _guid(*parts) -> str:
    return str(uuid5(NAMESPACE_URL, settings.SITE_URL + "/" + "/".join(str(p) for p in parts)))


def _hhmm(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    # frab durations have at most two digits of hours; longer activities are shown as 99:59.
    minutes = min(minutes, 99 * 60 + 59)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _slug(series, activity) -> str:
    title = slugify(activity.title)[:60].strip("-")
    return (
        f"{series.acronym}-{activity.pk:04d}-{title}".strip("-")
        if title
        else f"{series.acronym}-{activity.pk:04d}"
    )


def _track_slug(track) -> str:
    slug = track.slug or "track"
    return slug if slug[0].isalpha() else f"t-{slug}"


def _day_bounds(day):
    start = datetime.combine(day, time(0, 0), tzinfo=STOCKHOLM)
    end = datetime.combine(day, time(23, 59), tzinfo=STOCKHOLM)
    return start.isoformat(), end.isoformat()


def schedule_data(series, activities) -> dict:
    """The schedule as a dict in the frab JSON shape (validated by schemas/schedule.schema.json)."""
    base = settings.SITE_URL
    activities = list(activities)
    by_day: dict = defaultdict(lambda: defaultdict(list))
    rooms: dict[str, str] = {}
    for activity in activities:
        name = room_name(activity)
        rooms.setdefault(name, _guid("events", "series", series.pk, "room", name))
        by_day[activity.starts_at.astimezone(STOCKHOLM).date()][name].append(activity)
    days = []
    number_of_days = (series.ends_on - series.starts_on).days + 1
    for index in range(number_of_days):
        day = series.starts_on + timedelta(days=index)
        start, end = _day_bounds(day)
        days.append(
            {
                "index": index + 1,
                "date": day.isoformat(),
                "day_start": start,
                "day_end": end,
                "rooms": {
                    name: [_event(series, activity, name) for activity in items]
                    for name, items in sorted(by_day.get(day, {}).items())
                },
            }
        )
    conference = {
        "acronym": series.acronym,
        "title": series.display_title,
        "description": series.display_description,
        "start": series.starts_on.isoformat(),
        "end": series.ends_on.isoformat(),
        "daysCount": number_of_days,
        "timeslot_duration": "00:15",
        "time_zone_name": EVENT_TIME_ZONE,
        "url": base + series.get_absolute_url(),
        "tracks": [
            {"name": track.display_name, "slug": _track_slug(track), "color": track.color}
            for track in series.tracks.all()
        ],
        "rooms": [{"name": name, "guid": guid} for name, guid in sorted(rooms.items())],
        "days": days,
    }
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "Spira", "version": getattr(spira, "__version__", "0.1.0")},
        "schedule": {
            "version": f"{series.programme_version}",
            "base_url": base + series.get_absolute_url(),
            "conference": conference,
        },
    }


def _event(series, activity, room: str) -> dict:
    starts = activity.starts_at.astimezone(STOCKHOLM)
    ends = activity.ends_at.astimezone(STOCKHOLM)
    organisers = [activity.organiser, *activity.co_organisers.all()]
    links = []
    if activity.online_url:
        links.append({"url": activity.online_url, "title": _("Online link"), "type": "web"})
    return {
        "id": activity.pk,
        "guid": activity_guid(activity),
        "logo": "",
        "date": starts.isoformat(),
        "start": starts.strftime("%H:%M"),
        "end": ends.isoformat(),
        "duration": _hhmm(ends - starts),
        "room": room,
        "slug": _slug(series, activity),
        "url": settings.SITE_URL + activity.get_absolute_url(),
        "title": activity.title,
        "subtitle": activity.get_format_display(),
        "track": activity.track.display_name if activity.track_id else None,
        "type": FRAB_TYPES.get(activity.format, "other"),
        "language": activity.language,
        "abstract": activity.description,
        "description": activity.accessibility or None,
        "do_not_record": True,
        "persons": [
            {"id": org.pk, "guid": _guid("organisations", org.pk), "public_name": org.display_name}
            for org in organisers
        ],
        "links": links,
        "attachments": [],
    }


def schedule_json(series, activities) -> dict:
    return schedule_data(series, activities)


def _sub(parent, tag: str, text=None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: str(v) for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = str(text)
    return element


def schedule_xml(series, activities) -> bytes:
    """The same schedule as frab XML (validated by schemas/schedule.xml.xsd)."""
    data = schedule_data(series, activities)
    conference = data["schedule"]["conference"]
    root = ET.Element("schedule")
    _sub(root, "generator", name="Spira", version=data["generator"]["version"])
    _sub(root, "url", settings.SITE_URL + reverse("events:series_schedule_xml", kwargs={"slug": series.slug}))
    _sub(root, "version", data["schedule"]["version"])
    element = _sub(root, "conference")
    _sub(element, "title", conference["title"])
    _sub(element, "acronym", conference["acronym"])
    _sub(element, "start", conference["start"])
    _sub(element, "end", conference["end"])
    _sub(element, "days", conference["daysCount"])
    _sub(element, "timeslot_duration", conference["timeslot_duration"])
    _sub(element, "base_url", data["schedule"]["base_url"])
    _sub(element, "url", conference["url"])
    _sub(element, "time_zone_name", conference["time_zone_name"])
    for track in conference["tracks"]:
        _sub(element, "track", track["name"], name=track["name"], slug=track["slug"], color=track["color"])
    room_guids = {room["name"]: room["guid"] for room in conference["rooms"]}
    for day in conference["days"]:
        day_element = _sub(
            root, "day", index=day["index"], date=day["date"], start=day["day_start"], end=day["day_end"]
        )
        for name, events in day["rooms"].items():
            room = _sub(day_element, "room", name=name, guid=room_guids[name])
            for event in events:
                node = _sub(room, "event", id=event["id"], guid=event["guid"])
                _sub(node, "date", event["date"])
                _sub(node, "start", event["start"])
                _sub(node, "duration", event["duration"])
                _sub(node, "room", name)
                _sub(node, "slug", event["slug"])
                _sub(node, "url", event["url"])
                _sub(node, "title", event["title"])
                _sub(node, "subtitle", event["subtitle"])
                _sub(node, "track", event["track"] or "")
                _sub(node, "type", event["type"])
                _sub(node, "language", event["language"])
                _sub(node, "abstract", event["abstract"] or "")
                _sub(node, "description", event["description"] or "")
                persons = _sub(node, "persons")
                for person in event["persons"]:
                    _sub(persons, "person", person["public_name"], id=person["id"], guid=person["guid"])
                links = _sub(node, "links")
                for link in event["links"]:
                    _sub(links, "link", link["title"], href=link["url"], type=link["type"])
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
