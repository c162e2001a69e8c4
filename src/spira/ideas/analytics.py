"""Analytics of one sluice or of all sluices, read from the stage log.

- funnel: how many ideas reached each stage type of the funnel (or a later one), and the share
  of those at the previous step that went on;
- median days in each stage type (finished stays only);
- ideas per month by origin (resident / co-worker);
- median days to the first answer, and the share of closed ideas closed with an answer.

Every number is an aggregate computed by the database (medians with window functions, the same
SQL on SQLite and PostgreSQL): five queries that return a few dozen rows, whatever the number of
ideas, instead of reading every stay into Python.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, DurationField, ExpressionWrapper, F, Max, Q, Window
from django.db.models.functions import RowNumber, TruncMonth

from spira.ideas.choices import CLOSED_TYPES, FUNNEL_TYPES, Origin, StageType
from spira.ideas.models import Idea, StageLog

DAY = 86_400
CACHE_PREFIX = "spira:ideas:analytics"
CACHE_SECONDS = 24 * 60 * 60


@dataclass
class Analytics:
    total: int = 0
    funnel: list[dict] = field(default_factory=list)
    time_in_stage: list[dict] = field(default_factory=list)
    per_month: list[dict] = field(default_factory=list)
    first_answer_days: float | None = None
    answered_count: int = 0
    closed_count: int = 0
    closed_with_answer: int = 0

    @property
    def closed_with_answer_share(self) -> float | None:
        return round(100 * self.closed_with_answer / self.closed_count, 1) if self.closed_count else None

    def rows(self) -> list[tuple[str, str, str, object]]:
        """Every number as (section, key, subkey, value), for CSV and JSON."""
        rows: list[tuple[str, str, str, object]] = [("summary", "ideas", "", self.total)]
        for step in self.funnel:
            rows.append(("funnel", step["type"], "reached", step["count"]))
            rows.append(("funnel", step["type"], "conversion_percent", step["conversion"]))
        for stay in self.time_in_stage:
            rows.append(("median_days_in_stage", stay["type"], "", stay["median_days"]))
            rows.append(("stays_in_stage", stay["type"], "", stay["stays"]))
        for month in self.per_month:
            for origin in Origin.values:
                rows.append(("ideas_per_month", month["month"], origin, month[origin]))
        rows.append(("summary", "median_days_to_first_answer", "", self.first_answer_days))
        rows.append(("summary", "closed", "", self.closed_count))
        rows.append(("summary", "closed_with_answer", "", self.closed_with_answer))
        rows.append(("summary", "closed_with_answer_percent", "", self.closed_with_answer_share))
        return rows

    def as_dict(self) -> dict:
        return {
            "ideas": self.total,
            "funnel": self.funnel,
            "time_in_stage": self.time_in_stage,
            "per_month": self.per_month,
            "median_days_to_first_answer": self.first_answer_days,
            "closed": self.closed_count,
            "closed_with_answer": self.closed_with_answer,
            "closed_with_answer_percent": self.closed_with_answer_share,
        }


def _days(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / DAY, 1)


def medians(queryset, start: str, end: str, group: str | None = None) -> dict:
    """The median of `end - start` per value of the field `group` (one group, key None, without
    it), as {group: (median seconds, number of rows)}, for the rows of `queryset` with both times.

    The database numbers the rows of each group by duration and returns only the middle one or
    two, so a few rows come back however many there are.
    """
    duration = ExpressionWrapper(F(end) - F(start), output_field=DurationField())
    partition = [F(group)] if group else []
    rows = (
        queryset.order_by()
        .filter(**{f"{start}__isnull": False, f"{end}__isnull": False})
        .annotate(
            duration=duration,
            position=Window(RowNumber(), partition_by=partition, order_by=[duration.asc()]),
            size=Window(Count("pk"), partition_by=partition),
        )
        # The middle row, or the two middle rows of an even number (integer division).
        .filter(position__gte=(F("size") + 1) / 2, position__lte=(F("size") + 2) / 2)
        .values_list(*([group] if group else []), "duration", "size")
    )
    middles: dict = {}
    for row in rows:
        key, value, size = row if group else (None, *row)
        middles.setdefault(key, ([], size))[0].append(value)
    return {
        key: (sum(values, timedelta()).total_seconds() / len(values), size)
        for key, (values, size) in middles.items()
    }


def _funnel(logs) -> list[dict]:
    # An idea reached a funnel step when it has a stay in that stage type or a later one: one
    # pass over the log with a distinct count per step.
    reached = logs.order_by().aggregate(
        **{
            stage_type: Count("idea_id", distinct=True, filter=Q(stage_type__in=FUNNEL_TYPES[rank:]))
            for rank, stage_type in enumerate(FUNNEL_TYPES)
        }
    )
    funnel, previous = [], None
    for stage_type in FUNNEL_TYPES:
        count = reached[stage_type] or 0
        funnel.append(
            {
                "type": stage_type,
                "label": StageType(stage_type).label,
                "count": count,
                "conversion": round(100 * count / previous, 1) if previous else None,
            }
        )
        previous = count
    return funnel


def _time_in_stage(logs) -> list[dict]:
    stays = medians(logs, "entered_at", "left_at", group="stage_type")
    return [
        {
            "type": stage_type,
            "label": StageType(stage_type).label,
            "median_days": _days(stays[stage_type][0]) if stage_type in stays else None,
            "stays": stays[stage_type][1] if stage_type in stays else 0,
        }
        for stage_type in StageType.values
        if stage_type not in CLOSED_TYPES
    ]


def _per_month(ideas) -> list[dict]:
    months: dict = {}
    rows = (
        ideas.order_by()
        .annotate(month=TruncMonth("submitted_at"))
        .values("month", "origin")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        key = row["month"].strftime("%Y-%m")
        months.setdefault(key, dict.fromkeys(Origin.values, 0))[row["origin"]] = row["n"]
    return [{"month": key, **counts} for key, counts in sorted(months.items())]


def sluice_analytics(sluice=None) -> Analytics:
    """The numbers of one sluice, or of all sluices when `sluice` is None. Counts every idea,
    public or not: these are aggregates and show no idea's content.

    Kept in the cache under the sluice's state: its number of ideas and the last time one of
    them changed. Every change the numbers depend on saves an idea (a new idea, a move or a
    merge, which also write the stage log, and a first answer), so a changed sluice gets a new
    key at once and the old entry is never read again.
    """
    ideas = Idea.objects.all() if sluice is None else Idea.objects.filter(sluice=sluice)
    state = ideas.order_by().aggregate(ideas=Count("pk"), changed=Max("updated_at"))
    changed = state["changed"].timestamp() if state["changed"] else 0
    key = f"{CACHE_PREFIX}:{sluice.pk if sluice else 'all'}:{state['ideas']}:{changed}"
    numbers = cache.get(key)
    if numbers is None:
        numbers = compute_analytics(sluice)
        cache.set(key, numbers, CACHE_SECONDS)
    return numbers


def compute_analytics(sluice=None) -> Analytics:
    """The numbers of one sluice or of all sluices, from the database (see sluice_analytics)."""
    ideas = Idea.objects.all()
    logs = StageLog.objects.all()
    if sluice is not None:
        ideas = ideas.filter(sluice=sluice)
        logs = logs.filter(sluice=sluice)
    result = Analytics()
    summary = ideas.order_by().aggregate(
        total=Count("pk"),
        closed=Count("pk", filter=Q(closed_at__isnull=False)),
        closed_answered=Count("pk", filter=Q(closed_at__isnull=False) & ~Q(public_answer="")),
        answered=Count("pk", filter=Q(first_answer_at__isnull=False)),
    )
    result.total = summary["total"]
    result.closed_count = summary["closed"]
    result.closed_with_answer = summary["closed_answered"]
    result.answered_count = summary["answered"]
    if not result.total:
        result.funnel = _funnel(logs.none())
        result.time_in_stage = _time_in_stage(logs.none())
        return result
    result.funnel = _funnel(logs)
    result.time_in_stage = _time_in_stage(logs)
    result.per_month = _per_month(ideas)
    waits = medians(ideas, "submitted_at", "first_answer_at")
    result.first_answer_days = _days(waits[None][0]) if waits else None
    return result


# Charts -------------------------------------------------------------------------------------------

CHART_WIDTH = 640
BAR_HEIGHT = 24
BAR_GAP = 8
LABEL_WIDTH = 200


def bar_chart(title: str, description: str, items: list[tuple[str, float | None]], unit: str = "") -> dict:
    """The geometry of a horizontal bar chart for `ideas/partials/_bar_chart.html`: an SVG with
    <title> and <desc>, each bar labelled with its value (so no information is in colour only)."""
    values = [value or 0 for _label, value in items]
    highest = max(values, default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - 80
    bars = []
    for index, (label, value) in enumerate(items):
        y = index * (BAR_HEIGHT + BAR_GAP)
        width = round(room * (value or 0) / highest, 1)
        bars.append(
            {
                "label": str(label),
                "value": value,
                "shown": "–" if value is None else f"{value:g}{unit}",
                "y": y,
                "text_y": y + BAR_HEIGHT * 0.7,
                "width": width,
                "value_x": LABEL_WIDTH + width + 6,
            }
        )
    return {
        "title": title,
        "description": description,
        "bars": bars,
        "width": CHART_WIDTH,
        "height": max(len(items), 1) * (BAR_HEIGHT + BAR_GAP),
        "label_width": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 8,
        "bar_height": BAR_HEIGHT,
    }
