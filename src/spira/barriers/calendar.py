"""A minimal iCalendar (RFC 5545) file for one dialogue workshop.

Written by hand to avoid a dependency for one VEVENT; when the events app lands, workshops
should appear in its calendar feeds and this can use the same writer.
"""

from datetime import UTC, datetime

from django.conf import settings


def _escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def workshop_ical(workshop, url: str) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "spira"
    description = workshop.agenda
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Spira//Dialogue workshops//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:barriers-workshop-{workshop.pk}@{host}",
        f"DTSTAMP:{_utc(workshop.updated_at)}",
        f"DTSTART:{_utc(workshop.starts_at)}",
        f"DTEND:{_utc(workshop.ends_at)}",
        f"SUMMARY:{_escape(workshop.title)}",
        f"URL:{settings.SITE_URL}{url}",
    ]
    if workshop.location:
        lines.append(f"LOCATION:{_escape(workshop.location)}")
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    lines += [
        f"ORGANIZER;CN={_escape(workshop.organiser.display_name)}:{settings.SITE_URL}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
