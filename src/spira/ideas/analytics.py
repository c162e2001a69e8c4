"""Analytics of one sluice or of all sluices, read from the stage log.

- funnel: how many ideas reached each stage type of the funnel (or a later one), and the share
  of those at the previous step that went on;
- median days in each stage type (finished stays only);
- ideas per month by origin (resident / co-worker);
- median days to the first answer, and the share of closed ideas closed with an answer.
"""

import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Max, Q, Value, When
from django.db.models.functions import TruncMonth

from spira.ideas.choices import CLOSED_TYPES, FUNNEL_RANK, FUNNEL_TYPES, Origin, StageType
from spira.ideas.models import Idea, StageLog

DAY = 86_400


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


def _median_days(seconds: list[float]) -> float | None:
    return round(statistics.median(seconds) / DAY, 1) if seconds else None


def _funnel(logs) -> list[dict]:
    rank = Case(
        *(When(stage_type=stage_type, then=Value(r)) for stage_type, r in FUNNEL_RANK.items()),
        default=Value(-1),
        output_field=IntegerField(),
    )
    tops = Counter(logs.order_by().values("idea_id").annotate(top=Max(rank)).values_list("top", flat=True))
    funnel, previous = [], None
    for stage_type in FUNNEL_TYPES:
        reached = sum(n for top, n in tops.items() if top >= FUNNEL_RANK[stage_type])
        conversion = round(100 * reached / previous, 1) if previous else None
        funnel.append(
            {
                "type": stage_type,
                "label": StageType(stage_type).label,
                "count": reached,
                "conversion": conversion,
            }
        )
        previous = reached
    return funnel


def _time_in_stage(logs) -> list[dict]:
    durations: dict[str, list[float]] = {}
    for stage_type, entered, left in logs.filter(left_at__isnull=False).values_list(
        "stage_type", "entered_at", "left_at"
    ):
        durations.setdefault(stage_type, []).append((left - entered).total_seconds())
    return [
        {
            "type": stage_type,
            "label": StageType(stage_type).label,
            "median_days": _median_days(durations.get(stage_type, [])),
            "stays": len(durations.get(stage_type, [])),
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
    public or not: these are aggregates and show no idea's content."""
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
    waits = [
        (answered - submitted).total_seconds()
        for submitted, answered in ideas.filter(first_answer_at__isnull=False).values_list(
            "submitted_at", "first_answer_at"
        )
    ]
    result.first_answer_days = _median_days(waits)
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
