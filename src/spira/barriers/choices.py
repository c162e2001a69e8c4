"""Vocabularies of system barriers: kinds, levels of government, statuses and answer decisions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TITLE_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 10_000
SHORT_TEXT_MAX_LENGTH = 2_000
REASON_MAX_LENGTH = 2_000
# How long an addressed authority has to answer an escalation, unless SPIRA_BARRIER_ANSWER_DAYS says.
DEFAULT_ANSWER_DAYS = 60


def answer_days() -> int:
    return int(getattr(settings, "SPIRA_BARRIER_ANSWER_DAYS", DEFAULT_ANSWER_DAYS))


class BarrierKind(models.TextChoices):
    LAW = "law", _("law or regulation")
    FUNDING = "funding", _("funding or budget rules")
    PROCUREMENT = "procurement", _("procurement")
    GOVERNANCE = "governance", _("organisation and governance")
    DATA = "data", _("data and technology")
    COMPETENCE = "competence", _("competence and culture")
    OTHER = "other", _("other")


class Level(models.TextChoices):
    """Levels of government, lowest first; escalation only goes upwards."""

    LOCAL = "local", _("local")
    REGIONAL = "regional", _("regional")
    NATIONAL = "national", _("national")
    EU = "eu", _("EU")


LEVEL_RANK = {Level.LOCAL: 1, Level.REGIONAL: 2, Level.NATIONAL: 3, Level.EU: 4}


class BarrierStatus(models.TextChoices):
    REPORTED = "reported", _("reported")
    TRIAGED = "triaged", _("triaged")
    IN_DIALOGUE = "in_dialogue", _("in dialogue")
    ESCALATED = "escalated", _("escalated")
    ANSWERED = "answered", _("answered")
    RESOLVED = "resolved", _("resolved")
    CLOSED_UNRESOLVED = "closed_unresolved", _("closed unresolved")


CLOSED_STATUSES = frozenset({BarrierStatus.RESOLVED, BarrierStatus.CLOSED_UNRESOLVED})
OPEN_STATUSES = frozenset(set(BarrierStatus.values) - CLOSED_STATUSES)

# The moves `change_barrier_status` allows. Escalation and answers have their own services
# (escalate_barrier, answer_escalation), which set ESCALATED and ANSWERED.
TRANSITIONS: dict[str, frozenset[str]] = {
    BarrierStatus.REPORTED: frozenset({BarrierStatus.TRIAGED, BarrierStatus.CLOSED_UNRESOLVED}),
    BarrierStatus.TRIAGED: frozenset(
        {BarrierStatus.IN_DIALOGUE, BarrierStatus.RESOLVED, BarrierStatus.CLOSED_UNRESOLVED}
    ),
    BarrierStatus.IN_DIALOGUE: frozenset({BarrierStatus.RESOLVED, BarrierStatus.CLOSED_UNRESOLVED}),
    BarrierStatus.ESCALATED: frozenset({BarrierStatus.RESOLVED, BarrierStatus.CLOSED_UNRESOLVED}),
    BarrierStatus.ANSWERED: frozenset(
        {BarrierStatus.IN_DIALOGUE, BarrierStatus.RESOLVED, BarrierStatus.CLOSED_UNRESOLVED}
    ),
    BarrierStatus.RESOLVED: frozenset(),
    BarrierStatus.CLOSED_UNRESOLVED: frozenset(),
}
# A barrier can be escalated from these statuses (after triage; again after an answer).
ESCALATABLE_STATUSES = frozenset({BarrierStatus.TRIAGED, BarrierStatus.IN_DIALOGUE, BarrierStatus.ANSWERED})


class AnswerDecision(models.TextChoices):
    ACCEPT = "accept", _("accepted: we will act on it")
    REJECT = "reject", _("rejected, with reasons")
    REDIRECT = "redirect", _("another authority holds the mandate")


class EscalationState(models.TextChoices):
    OPEN = "open", _("awaiting answer")
    ANSWERED = "answered", _("answered")
    REDIRECTED = "redirected", _("re-addressed")
    WITHDRAWN = "withdrawn", _("withdrawn")


class AgeBand(models.TextChoices):
    """Filters on how long ago a barrier was reported."""

    MONTH = "month", _("the last 30 days")
    QUARTER = "quarter", _("the last 90 days")
    YEAR = "year", _("the last year")
    OLDER = "older", _("more than a year ago")


AGE_BAND_DAYS = {AgeBand.MONTH: 30, AgeBand.QUARTER: 90, AgeBand.YEAR: 365}

# Organisations that may report barriers, and the level of government each one stands for.
REPORTING_KINDS = frozenset({"municipality", "region", "agency"})
LEVEL_OF_KIND = {"municipality": Level.LOCAL, "region": Level.REGIONAL, "agency": Level.NATIONAL}
