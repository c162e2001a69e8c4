"""iCalendar (RFC 5545) feeds of activities, written with the `icalendar` library.

Every time is given in Europe/Stockholm with its VTIMEZONE (for the years the feed covers), so
calendar programs show the right hour also across the change to and from summer time. Escaping
and line folding (75 octets) are the library's.
"""

from collections.abc import Iterable
from datetime import date, datetime
from uuid import NAMESPACE_URL, uuid5

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from spira.events.choices import ActivityStatus
from spira.events.services.common import STOCKHOLM

PRODID = "-//Spira//Events//SV"


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "spira"


def activity_uid(activity) -> str:
    """Stable across renames and re-publications, unique across installations."""
    return f"spira-activity-{activity.pk}@{_host()}"


def activity_guid(activity) -> str:
    return str(uuid5(NAMESPACE_URL, settings.SITE_URL + f"/events/activity/{activity.pk}"))


def _event(activity, tentative: bool = False) -> Event:
    event = Event()
    url = settings.SITE_URL + activity.get_absolute_url()
    event.add("uid", activity_uid(activity))
    event.add("dtstamp", activity.updated_at)
    event.add("created", activity.created_at)
    event.add("last-modified", activity.updated_at)
    event.add("sequence", activity.sequence)
    event.add("dtstart", activity.starts_at.astimezone(STOCKHOLM))
    event.add("dtend", activity.ends_at.astimezone(STOCKHOLM))
    summary = activity.title
    if tentative:
        summary = _("%(title)s (waiting list)") % {"title": activity.title}
    event.add("summary", summary)
    description = [activity.description]
    if activity.online_url:
        description.append(_("Online: %(url)s") % {"url": activity.online_url})
    description.append(url)
    event.add("description", "\n\n".join(part for part in description if part))
    location = activity.place or activity.online_url
    if location:
        event.add("location", location)
    event.add("url", url)
    categories = [activity.get_format_display()]
    if activity.track_id:
        categories.append(activity.track.display_name)
    event.add("categories", categories)
    if activity.status == ActivityStatus.CANCELLED:
        status = "CANCELLED"
    elif tentative or activity.status != ActivityStatus.PUBLISHED:
        status = "TENTATIVE"
    else:
        status = "CONFIRMED"
    event.add("status", status)
    event.add("transp", "OPAQUE")
    return event


def build_calendar(items: Iterable, name: str) -> bytes:
    """A calendar of `items`: activities, or (activity, tentative) pairs."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    first: date | None = None
    last: date | None = None
    for item in items:
        activity, tentative = item if isinstance(item, tuple) else (item, False)
        calendar.add_component(_event(activity, tentative))
        starts: datetime = activity.starts_at.astimezone(STOCKHOLM)
        ends: datetime = activity.ends_at.astimezone(STOCKHOLM)
        first = min(first, starts.date()) if first else starts.date()
        last = max(last, ends.date()) if last else ends.date()
    if first is not None:
        # The VTIMEZONE covers the years of the feed, so that it stays small.
        calendar.add_missing_timezones(first_date=date(first.year, 1, 1), last_date=date(last.year + 1, 1, 1))
    return calendar.to_ical()


def activity_calendar(activity, tentative: bool = False) -> bytes:
    return build_calendar([(activity, tentative)], activity.title)
