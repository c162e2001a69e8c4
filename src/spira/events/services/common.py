"""Helpers shared by the events services."""

from datetime import datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext as _

from spira.events.choices import EVENT_TIME_ZONE

STOCKHOLM = ZoneInfo(EVENT_TIME_ZONE)
# Path segments under /evenemang/ that a slug must not take.
RESERVED_SLUGS = frozenset({"serier", "ny", "new", "mitt-program", "kalender", "avanmalan", "organisation"})


def text(value) -> str:
    """Text as stored: NUL characters removed (PostgreSQL refuses them), outer space trimmed."""
    return str(value or "").replace("\x00", "").strip()


def check_fields(values: dict, allowed) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in unknown})


def unique_slug(
    model, title: str, exclude_pk=None, fallback: str = "evenemang", max_length: int = 110
) -> str:
    base = slugify(title)[:max_length].strip("-") or fallback
    slug, number = base, 2
    others = model.objects.exclude(pk=exclude_pk) if exclude_pk else model.objects.all()
    while slug in RESERVED_SLUGS or others.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def local(value):
    """An aware datetime in Stockholm time."""
    return value.astimezone(STOCKHOLM)


def day_range(day):
    """The start and the end of a day in Stockholm time."""
    start = datetime.combine(day, time(0, 0), tzinfo=STOCKHOLM)
    return start, start + timedelta(days=1)


def series_state_cache_key(slug: str) -> str:
    """Where the views keep what a cached page of a series depends on (see views.browse)."""
    return f"events:series-state:{slug}"


def bump_programme(series_id: int) -> None:
    """Tell the cached programme pages of a series that they are out of date."""
    from spira.events.models import EventSeries

    EventSeries.objects.filter(pk=series_id).update(programme_version=F("programme_version") + 1)
    # After the commit: dropped earlier, a reader could cache the old version again meanwhile.
    transaction.on_commit(partial(forget_series_state, series_id))


def forget_series_state(series_id: int) -> None:
    from spira.events.models import EventSeries

    for slug in EventSeries.objects.filter(pk=series_id).values_list("slug", flat=True):
        cache.delete(series_state_cache_key(slug))
