"""The programme of a series as plain values: the days with their numbers of activities (counted
in SQL), and the rows of one day (one query, no model instances).

A national week shows a couple of hundred activities a day; building model instances for each
activity and its organiser, track and municipality, and rendering a template include per row, cost
ten times more than the query. The rows here carry what the programme shows, already formatted,
and `_programme.html` renders them in one loop.
"""

from collections import OrderedDict
from datetime import timedelta
from urllib.parse import quote

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext

from spira.events.choices import ActivityFormat, ActivityLanguage, ActivityStatus, RegistrationMode
from spira.events.models.activity import place_line
from spira.events.services.common import STOCKHOLM, day_range

ROW_FIELDS = (
    "slug",
    "title",
    "status",
    "starts_at",
    "ends_at",
    "format",
    "language",
    "track_id",
    "organiser__name",
    "organiser__name_en",
    "organiser__full_name",
    "venue",
    "address",
    "municipality__name",
    "online_url",
    "capacity",
    "registration_mode",
    "confirmed_count",
)


def day_counts(series, activities: QuerySet) -> list[dict]:
    """The days of the programme with their numbers of activities: every day of a series of up
    to two weeks (counted with one range per day, which uses the index on both databases),
    otherwise the days that have activities."""
    activities = activities.order_by()
    length = (series.ends_on - series.starts_on).days
    if 0 <= length <= 14:
        days = [series.starts_on + timedelta(days=n) for n in range(length + 1)]
        counts = activities.aggregate(
            **{
                f"day_{n}": Count("id", filter=Q(starts_at__gte=start, starts_at__lt=end))
                for n, (start, end) in enumerate(day_range(day) for day in days)
            }
        )
        return [{"date": day, "count": counts[f"day_{n}"]} for n, day in enumerate(days)]
    counts = dict(
        activities.annotate(day=TruncDate("starts_at", tzinfo=STOCKHOLM))
        .values_list("day")
        .annotate(count=Count("id"))
        .values_list("day", "count")
    )
    return [{"date": day, "count": counts[day]} for day in sorted(counts)]


def _url_maker(name: str):
    """reverse() once; every row's address is the same pattern with its own slug."""
    marker = "slug-marker"
    before, after = reverse(name, kwargs={"slug": marker}).split(marker)
    return lambda slug: f"{before}{quote(slug)}{after}"


def _organiser_name(row: dict, english: bool) -> str:
    # As Organisation.display_name.
    if english and row["organiser__name_en"]:
        return row["organiser__name_en"]
    return row["organiser__full_name"] or row["organiser__name"]


def _seats(row: dict) -> str:
    if row["capacity"] is None or row["registration_mode"] == RegistrationMode.NONE:
        return ""
    left = max(row["capacity"] - row["confirmed_count"], 0)
    if not left:
        return ""
    return ngettext("%(seats)s seat left", "%(seats)s seats left", left) % {"seats": left}


def programme_rows(activities: QuerySet, tracks: list) -> list[tuple]:
    """The activities grouped by their (Stockholm) day: [(date, [row, ...]), ...], in the
    queryset's order."""
    english = get_language() == "en"
    url = _url_maker("events:activity_detail")
    formats = {value: str(label) for value, label in ActivityFormat.choices}
    languages = {value: str(label) for value, label in ActivityLanguage.choices}
    track_names = {track.pk: track.display_name for track in tracks}
    groups: OrderedDict = OrderedDict()
    for row in activities.values(*ROW_FIELDS):
        starts, ends = row["starts_at"].astimezone(STOCKHOLM), row["ends_at"].astimezone(STOCKHOLM)
        takes_registrations = (
            row["capacity"] is not None and row["registration_mode"] != RegistrationMode.NONE
        )
        groups.setdefault(starts.date(), []).append(
            {
                "url": url(row["slug"]),
                "title": row["title"],
                "cancelled": row["status"] == ActivityStatus.CANCELLED,
                "starts_iso": starts.isoformat(),
                "ends_iso": ends.isoformat(),
                "starts": f"{starts:%H:%M}",
                "ends": f"{ends:%H:%M}",
                "format": capfirst(formats.get(row["format"], row["format"])),
                "track": track_names.get(row["track_id"], ""),
                "organiser": _organiser_name(row, english),
                "place": place_line(row["venue"], row["address"], row["municipality__name"]),
                "online": bool(row["online_url"]),
                "language": row["language"],
                "language_name": languages.get(row["language"], row["language"]),
                "takes_registrations": takes_registrations,
                "seats": _seats(row),
            }
        )
    return list(groups.items())
