"""Reusable reads: the register, one barrier's public trail, inboxes, the heat map and rankings."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from spira.barriers.choices import BarrierKind, EscalationState, Level
from spira.barriers.models import (
    Barrier,
    Endorsement,
    Escalation,
    EscalationAnswer,
    StatusChange,
    Workshop,
    WorkshopBarrier,
)
from spira.organisations.models import Organisation


def barrier_list_queryset() -> QuerySet[Barrier]:
    """What every list of barriers shows, in one query."""
    return Barrier.objects.select_related("reporter_organisation", "authority")


def barrier_detail_queryset() -> QuerySet[Barrier]:
    return Barrier.objects.select_related("reporter_organisation__county", "authority", "reported_by")


def for_organisation(queryset: QuerySet[Barrier], organisation) -> QuerySet[Barrier]:
    """Barriers an organisation reported, endorsed, or is (or was) addressed with."""
    endorsed = Endorsement.objects.filter(organisation=organisation, barrier=OuterRef("pk"))
    addressed = Escalation.objects.filter(addressed_to=organisation, barrier=OuterRef("pk"))
    return queryset.filter(
        Q(reporter_organisation=organisation)
        | Q(authority=organisation)
        | Exists(endorsed)
        | Exists(addressed)
    )


def count_for_organisation(organisation, user=None) -> int:
    """The number on the organisation page's barriers tab."""
    queryset = Barrier.objects.visible_to(user) if user is not None else Barrier.objects.not_hidden()
    return for_organisation(queryset, organisation).count()


def endorsements_of(barrier: Barrier, user) -> QuerySet[Endorsement]:
    return (
        Endorsement.objects.visible_to(user)
        .filter(barrier=barrier)
        .select_related("organisation", "endorsed_by")
    )


def escalations_of(barrier: Barrier) -> list[Escalation]:
    return list(
        Escalation.objects.filter(barrier=barrier)
        .select_related("addressed_to", "escalated_by", "answer__organisation", "answer__redirect_to")
        .order_by("created_at", "id")
    )


@dataclass
class TimelineEvent:
    """One dated step on a barrier's public page."""

    when: datetime
    kind: str  # "status", "endorsement", "escalation", "answer", "workshop"
    obj: object


def timeline(barrier: Barrier, user, escalations: list[Escalation] | None = None) -> list[TimelineEvent]:
    """The barrier's whole trail, oldest first: status changes with reasons, endorsements,
    escalations and answers, and workshop outcomes. A fixed number of queries."""
    events: list[TimelineEvent] = []
    changes = StatusChange.objects.filter(barrier=barrier).select_related("actor")
    events += [TimelineEvent(c.created_at, "status", c) for c in changes]
    events += [TimelineEvent(e.created_at, "endorsement", e) for e in endorsements_of(barrier, user)]
    for escalation in escalations if escalations is not None else escalations_of(barrier):
        events.append(TimelineEvent(escalation.created_at, "escalation", escalation))
        answer = getattr(escalation, "answer", None) if escalation.state != EscalationState.OPEN else None
        if answer is not None:
            events.append(TimelineEvent(answer.created_at, "answer", answer))
    items = WorkshopBarrier.objects.filter(barrier=barrier).select_related("workshop", "committed_by")
    for item in items:
        events.append(TimelineEvent(item.outcome_recorded_at or item.workshop.starts_at, "workshop", item))
    order = {"status": 1, "escalation": 0, "answer": 0, "endorsement": 2, "workshop": 3}
    return sorted(events, key=lambda e: (e.when, order[e.kind]))


def user_organisations(user) -> QuerySet[Organisation]:
    if not user or not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def inbox(user) -> QuerySet[Escalation]:
    """Open escalations addressed to the user's organisations, the nearest deadline first."""
    organisations = user.memberships.values("organisation_id") if user.is_authenticated else []
    return (
        Escalation.objects.open()
        .filter(addressed_to__in=organisations, barrier__is_hidden=False)
        .select_related("barrier__reporter_organisation", "addressed_to")
        .order_by("deadline", "id")
    )


def overdue_escalations(today=None) -> QuerySet[Escalation]:
    return (
        Escalation.objects.overdue(today)
        .filter(barrier__is_hidden=False)
        .select_related("barrier__reporter_organisation", "addressed_to")
        .order_by("deadline", "id")
    )


def top_unanswered_authorities(limit: int = 10) -> list[dict]:
    """The authorities with the most escalations awaiting their answer, with how many are overdue."""
    today = timezone.localdate()
    rows = (
        Escalation.objects.open()
        .filter(barrier__is_hidden=False)
        .values("addressed_to")
        .annotate(open_count=Count("id"), overdue_count=Count("id", filter=Q(deadline__lt=today)))
        .order_by("-open_count", "-overdue_count", "addressed_to")[:limit]
    )
    rows = list(rows)
    organisations = Organisation.objects.in_bulk([row["addressed_to"] for row in rows])
    return [
        {
            "organisation": organisations[row["addressed_to"]],
            "open": row["open_count"],
            "overdue": row["overdue_count"],
        }
        for row in rows
    ]


@dataclass
class HeatCell:
    kind: str
    level: str
    count: int
    shade: int  # 0 (none) … 5 (the most); always shown with its number


def heat_map(queryset: QuerySet[Barrier]) -> dict:
    """Barriers counted by kind × the level holding the mandate, for an accessible table."""
    counts = {
        (row["kind"], row["mandate_level"]): row["n"]
        for row in queryset.order_by().values("kind", "mandate_level").annotate(n=Count("id"))
    }
    highest = max(counts.values(), default=0)

    def shade(n: int) -> int:
        if n == 0 or highest == 0:
            return 0
        return max(1, min(5, round(5 * n / highest)))

    rows = []
    for kind in BarrierKind:
        cells = [HeatCell(kind, level, counts.get((kind, level), 0), 0) for level in Level]
        for cell in cells:
            cell.shade = shade(cell.count)
        rows.append({"kind": kind, "cells": cells, "total": sum(c.count for c in cells)})
    level_totals = [sum(counts.get((kind, level), 0) for kind in BarrierKind) for level in Level]
    return {
        "levels": list(Level),
        "rows": rows,
        "level_totals": level_totals,
        "total": sum(level_totals),
        "highest": highest,
    }


def workshop_list_queryset() -> QuerySet[Workshop]:
    return (
        Workshop.objects.select_related("organiser")
        .annotate(barrier_count=Count("items"))
        .order_by("-starts_at", "-id")
    )


def workshop_detail_queryset() -> QuerySet[Workshop]:
    return Workshop.objects.select_related("organiser", "created_by").prefetch_related(
        Prefetch("participant_organisations", queryset=Organisation.objects.order_by("name")),
        "participants",
        Prefetch(
            "items",
            queryset=WorkshopBarrier.objects.select_related(
                "barrier__reporter_organisation", "barrier__authority", "committed_by"
            ),
        ),
    )


def answers_queryset() -> QuerySet[EscalationAnswer]:
    return EscalationAnswer.objects.select_related("escalation__barrier", "organisation", "redirect_to")
