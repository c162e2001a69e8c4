"""Choices of the ideas app: stage types, target groups, origins, themes, and the moves allowed."""

from django.db import models
from django.utils.translation import gettext_lazy as _

TITLE_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 10_000
ANSWER_MAX_LENGTH = 5_000
COMMENT_MAX_LENGTH = 5_000
SCORE_MIN, SCORE_MAX = 1, 5
# Submissions per address and hour before the sluice asks the sender to wait.
SUBMISSIONS_PER_HOUR = 5
# Days after an idea closes before the contact e-mail of an anonymous submitter is deleted.
DEFAULT_CONTACT_RETENTION_DAYS = 180


class StageType(models.TextChoices):
    """What a stage means, whatever a sluice calls it: analytics compare sluices by type."""

    NEW = "new", _("new")
    SCREENING = "screening", _("screening")
    DEVELOPMENT = "development", _("development")
    TEST = "test", _("test")
    IMPLEMENTATION = "implementation", _("implementation")
    SPREAD = "spread", _("spread")
    CLOSED_DONE = "closed_done", _("closed: done")
    CLOSED_NOT_PURSUED = "closed_not_pursued", _("closed: not pursued")
    CLOSED_MERGED = "closed_merged", _("closed: merged")
    PARKED = "parked", _("parked")


CLOSED_TYPES = frozenset({StageType.CLOSED_DONE, StageType.CLOSED_NOT_PURSUED, StageType.CLOSED_MERGED})
# The funnel of analytics: each type counts ideas that reached it (or a later one).
FUNNEL_TYPES = (
    StageType.NEW,
    StageType.SCREENING,
    StageType.DEVELOPMENT,
    StageType.TEST,
    StageType.IMPLEMENTATION,
    StageType.SPREAD,
)
FUNNEL_RANK = {stage_type: rank for rank, stage_type in enumerate(FUNNEL_TYPES)}
_ALL_CLOSE = {StageType.CLOSED_DONE, StageType.CLOSED_NOT_PURSUED}

# Moves allowed between stage types. Merging is its own service (merge_ideas), never a move;
# a closed idea stays closed (a new idea can be handed in instead).
TRANSITIONS: dict[str, frozenset[str]] = {
    StageType.NEW: frozenset(
        {StageType.NEW, StageType.SCREENING, StageType.PARKED, StageType.CLOSED_NOT_PURSUED}
    ),
    StageType.SCREENING: frozenset(
        {
            StageType.SCREENING,
            StageType.DEVELOPMENT,
            StageType.TEST,
            StageType.IMPLEMENTATION,
            StageType.PARKED,
            *_ALL_CLOSE,
        }
    ),
    StageType.DEVELOPMENT: frozenset(
        {
            StageType.SCREENING,
            StageType.DEVELOPMENT,
            StageType.TEST,
            StageType.IMPLEMENTATION,
            StageType.PARKED,
            *_ALL_CLOSE,
        }
    ),
    StageType.TEST: frozenset(
        {StageType.DEVELOPMENT, StageType.TEST, StageType.IMPLEMENTATION, StageType.PARKED, *_ALL_CLOSE}
    ),
    StageType.IMPLEMENTATION: frozenset(
        {StageType.IMPLEMENTATION, StageType.SPREAD, StageType.PARKED, *_ALL_CLOSE}
    ),
    StageType.SPREAD: frozenset({StageType.SPREAD, StageType.CLOSED_DONE}),
    StageType.PARKED: frozenset(
        {StageType.SCREENING, StageType.DEVELOPMENT, StageType.PARKED, StageType.CLOSED_NOT_PURSUED}
    ),
    StageType.CLOSED_DONE: frozenset(),
    StageType.CLOSED_NOT_PURSUED: frozenset(),
    StageType.CLOSED_MERGED: frozenset(),
}

# The pipeline a new sluice starts with: (Swedish name, English name, type).
DEFAULT_STAGES = (
    ("Inkommen", "Received", StageType.NEW),
    ("Bedömning", "Screening", StageType.SCREENING),
    ("Utveckling", "Development", StageType.DEVELOPMENT),
    ("Test", "Test", StageType.TEST),
    ("Genomförande", "Implementation", StageType.IMPLEMENTATION),
    ("Spridning", "Spread", StageType.SPREAD),
    ("Parkerad", "Parked", StageType.PARKED),
    ("Genomförd", "Done", StageType.CLOSED_DONE),
    ("Går inte vidare", "Not pursued", StageType.CLOSED_NOT_PURSUED),
    ("Sammanslagen", "Merged", StageType.CLOSED_MERGED),
)

# Criteria a new sluice starts with: (Swedish, English, weight).
DEFAULT_CRITERIA = (
    ("Nytta för invånarna", "Benefit for residents", 3),
    ("Genomförbarhet", "Feasibility", 2),
    ("Kostnad", "Cost", 1),
    ("Passar strategin", "Fit with strategy", 2),
)


class TargetGroup(models.TextChoices):
    RESIDENTS = "residents", _("residents")
    COWORKERS = "coworkers", _("co-workers")
    BOTH = "both", _("residents and co-workers")


class Origin(models.TextChoices):
    RESIDENT = "resident", _("resident")
    COWORKER = "coworker", _("co-worker")


class Language(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class Theme(models.TextChoices):
    WELFARE = "welfare", _("care and welfare")
    EDUCATION = "education", _("school and education")
    ENVIRONMENT = "environment", _("environment and climate")
    CULTURE = "culture", _("culture and leisure")
    TRANSPORT = "transport", _("transport and streets")
    DIGITAL = "digital", _("digital services")
    DEMOCRACY = "democracy", _("democracy and participation")
    BUSINESS = "business", _("business and work")
    WORKPLACE = "workplace", _("our workplace")
    OTHER = "other", _("other")


class CommentVisibility(models.TextChoices):
    PUBLIC = "public", _("public")
    INTERNAL = "internal", _("internal (coordinators and coach)")
