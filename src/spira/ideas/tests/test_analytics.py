"""Analytics computed by the database agree with the same numbers computed from every row in
Python, and with numbers worked out by hand."""

import random
import statistics
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from spira.ideas.analytics import sluice_analytics
from spira.ideas.choices import CLOSED_TYPES, FUNNEL_RANK, FUNNEL_TYPES, TRANSITIONS, Origin, StageType
from spira.ideas.models import Idea, StageLog
from spira.ideas.services import move_idea
from spira.ideas.tests.factories import IdeaFactory, SluiceFactory, stage_of

START = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)


def reference(sluice=None) -> dict:
    """The analytics from every row, in plain Python: the definition the database must meet."""
    ideas = list(Idea.objects.filter(sluice=sluice) if sluice else Idea.objects.all())
    logs = list(StageLog.objects.filter(sluice=sluice) if sluice else StageLog.objects.all())
    top: dict[int, int] = {}
    for log in logs:
        top[log.idea_id] = max(top.get(log.idea_id, -1), FUNNEL_RANK.get(log.stage_type, -1))
    funnel = [sum(1 for t in top.values() if t >= FUNNEL_RANK[s]) for s in FUNNEL_TYPES]
    stays: dict[str, list[float]] = {}
    for log in logs:
        if log.left_at is not None:
            stays.setdefault(log.stage_type, []).append((log.left_at - log.entered_at).total_seconds())
    waits = [(i.first_answer_at - i.submitted_at).total_seconds() for i in ideas if i.first_answer_at]
    months = Counter((timezone.localtime(i.submitted_at).strftime("%Y-%m"), i.origin) for i in ideas)

    def days(values):
        return round(statistics.median(values) / 86_400, 1) if values else None

    return {
        "ideas": len(ideas),
        "funnel": funnel,
        "median_days": {t: days(stays.get(t, [])) for t in StageType.values if t not in CLOSED_TYPES},
        "stays": {t: len(stays.get(t, [])) for t in StageType.values if t not in CLOSED_TYPES},
        "first_answer_days": days(waits),
        "per_month": {(m, o): n for (m, o), n in months.items()},
        "closed": sum(1 for i in ideas if i.closed_at),
        "closed_with_answer": sum(1 for i in ideas if i.closed_at and i.public_answer),
    }


def computed(sluice=None) -> dict:
    numbers = sluice_analytics(sluice)
    return {
        "ideas": numbers.total,
        "funnel": [step["count"] for step in numbers.funnel],
        "median_days": {stay["type"]: stay["median_days"] for stay in numbers.time_in_stage},
        "stays": {stay["type"]: stay["stays"] for stay in numbers.time_in_stage},
        "first_answer_days": numbers.first_answer_days,
        "per_month": {
            (month["month"], origin): month[origin]
            for month in numbers.per_month
            for origin in Origin.values
            if month[origin]
        },
        "closed": numbers.closed_count,
        "closed_with_answer": numbers.closed_with_answer,
    }


def random_history(sluice, rng: random.Random, count: int) -> None:
    """`count` ideas that wander through the pipeline by allowed moves, with random stays and
    answers (written in bulk: the analytics read only these rows)."""
    stages = {t: stage_of(sluice, t) for t in StageType.values}
    histories = []
    for _ in range(count):
        submitted = START + timedelta(days=rng.randint(0, 400), seconds=rng.randint(0, 86_399))
        stage_type, entered, stays = StageType.NEW, submitted, []
        for _step in range(rng.randint(0, 5)):
            choices = sorted(TRANSITIONS[stage_type] - {stage_type})
            if not choices:
                break
            following = rng.choice(choices)
            left = entered + timedelta(seconds=rng.randint(60, 90 * 86_400))
            stays.append((stage_type, entered, left))
            stage_type, entered = following, left
        stays.append((stage_type, entered, None))
        answered = rng.random() < 0.6 and len(stays) > 1
        idea = IdeaFactory.build(
            sluice=sluice,
            stage=stages[stage_type],
            origin=rng.choice(Origin.values),
            submitted_at=submitted,
            stage_entered_at=entered,
            closed_at=entered if stage_type in CLOSED_TYPES else None,
            first_answer_at=stays[1][1] if answered else None,
            public_answer="Svar" if answered else "",
        )
        histories.append((idea, stays))
    Idea.objects.bulk_create([idea for idea, _stays in histories])
    StageLog.objects.bulk_create(
        StageLog(idea=idea, sluice=sluice, stage=stages[t], stage_type=t, entered_at=e, left_at=left)
        for idea, stays in histories
        for t, e, left in stays
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_analytics_from_the_database_equal_the_numbers_from_every_row(sluice, seed):
    rng = random.Random(seed)
    random_history(sluice, rng, 60)
    other = SluiceFactory(organisation=sluice.organisation)
    random_history(other, rng, 20)

    assert computed(sluice) == reference(sluice)
    assert computed(other) == reference(other)
    assert computed(None) == reference(None)


def test_analytics_by_hand(sluice):
    screening = stage_of(sluice, StageType.SCREENING)
    new = stage_of(sluice, StageType.NEW)
    # Four ideas stayed 1, 2, 4 and 10 days in screening: the median is (2 + 4) / 2 = 3 days.
    for number, days in enumerate([1, 2, 4, 10]):
        idea = IdeaFactory(sluice=sluice, submitted_at=START + timedelta(days=number))
        StageLog.objects.filter(idea=idea).update(left_at=idea.submitted_at)
        StageLog.objects.create(
            idea=idea,
            sluice=sluice,
            stage=screening,
            stage_type=StageType.SCREENING,
            entered_at=idea.submitted_at,
            left_at=idea.submitted_at + timedelta(days=days),
        )
    # A fifth idea is still new, answered after 12 hours.
    IdeaFactory(sluice=sluice, submitted_at=START, first_answer_at=START + timedelta(hours=12), stage=new)

    numbers = sluice_analytics(sluice)

    assert [step["count"] for step in numbers.funnel] == [5, 4, 0, 0, 0, 0]
    assert [step["conversion"] for step in numbers.funnel[:3]] == [None, 80.0, 0.0]
    by_type = {stay["type"]: stay for stay in numbers.time_in_stage}
    assert (by_type["screening"]["median_days"], by_type["screening"]["stays"]) == (3.0, 4)
    assert (by_type["new"]["median_days"], by_type["new"]["stays"]) == (0.0, 4)
    assert (by_type["test"]["median_days"], by_type["test"]["stays"]) == (None, 0)
    assert numbers.first_answer_days == 0.5
    assert numbers.per_month == [{"month": "2024-01", "resident": 5, "coworker": 0}]


def test_analytics_follow_moves(idea, stages, coordinator):
    move_idea(coordinator, idea, stages[StageType.SCREENING])
    move_idea(coordinator, idea, stages[StageType.CLOSED_NOT_PURSUED], "Tack, men nej.")

    numbers = sluice_analytics(idea.sluice)

    assert [step["count"] for step in numbers.funnel[:3]] == [1, 1, 0]
    assert (numbers.closed_count, numbers.closed_with_answer, numbers.closed_with_answer_share) == (
        1,
        1,
        100.0,
    )
    assert computed(idea.sluice) == reference(idea.sluice)


def test_analytics_of_an_empty_sluice(sluice):
    numbers = sluice_analytics(sluice)

    assert numbers.total == 0
    assert [step["count"] for step in numbers.funnel] == [0] * len(FUNNEL_TYPES)
    assert all(stay["median_days"] is None for stay in numbers.time_in_stage)
    assert numbers.first_answer_days is None


def test_cached_analytics_stay_right_after_every_change(
    sluice, stages, coordinator, resident, anonymous_user
):
    from spira.ideas.services import add_comment, merge_ideas, submit_idea

    first = IdeaFactory(sluice=sluice, submitter=resident)
    second = IdeaFactory(sluice=sluice)
    assert computed(sluice) == reference(sluice)  # now cached

    move_idea(coordinator, first, stages[StageType.SCREENING])
    assert computed(sluice) == reference(sluice)
    assert computed(sluice)["funnel"][1] == 1

    add_comment(coordinator, second, "Vi tittar på den.")
    assert computed(sluice) == reference(sluice)
    assert computed(sluice)["first_answer_days"] == 0.0

    merge_ideas(coordinator, second, first)
    assert computed(sluice) == reference(sluice)
    assert computed(sluice)["closed"] == 1

    submit_idea(anonymous_user, sluice, ip="192.0.2.1", title="Ny", need="Behov", description="Idé")
    assert computed(sluice) == reference(sluice)
    assert computed(sluice)["ideas"] == 3
    assert computed(None) == reference(None)
