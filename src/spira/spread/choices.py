from django.db import models
from django.utils.translation import gettext_lazy as _

NAME_MAX_LENGTH = 200
SUMMARY_MAX_LENGTH = 600
TEXT_MAX_LENGTH = 20_000
REASON_MAX_LENGTH = 2_000
# A solution names the few initiatives it came out of, and a handful of documents and links.
MAX_INITIATIVES = 20
MAX_LINKS = 30


class SolutionKind(models.TextChoices):
    METHOD = "method", _("method")
    DIGITAL_SERVICE = "digital_service", _("digital service")
    SOFTWARE = "software", _("open-source software")
    PROCUREMENT = "procurement", _("procurement documents")
    ORGANISATIONAL_MODEL = "organisational_model", _("organisational model")
    PLAYBOOK = "playbook", _("playbook")


class Maturity(models.TextChoices):
    PILOT = "pilot", _("pilot")
    IN_USE = "in_use", _("in use")
    PROVEN = "proven", _("proven at several organisations")


class CostBand(models.TextChoices):
    FREE = "free", _("no cost")
    LOW = "low", _("under 100,000 SEK")
    MEDIUM = "medium", _("100,000–1,000,000 SEK")
    HIGH = "high", _("over 1,000,000 SEK")


class Effort(models.TextChoices):
    DAYS = "days", _("days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")
    YEAR = "year", _("a year or more")


class AdoptionStatus(models.TextChoices):
    INTERESTED = "interested", _("interested")
    PILOTING = "piloting", _("piloting")
    IN_USE = "in_use", _("in use")
    DISCONTINUED = "discontinued", _("discontinued")


# Which status may follow which. Interest can be dropped ("discontinued") at any step.
TRANSITIONS: dict[str, set[str]] = {
    AdoptionStatus.INTERESTED: {AdoptionStatus.PILOTING, AdoptionStatus.IN_USE, AdoptionStatus.DISCONTINUED},
    AdoptionStatus.PILOTING: {AdoptionStatus.IN_USE, AdoptionStatus.DISCONTINUED},
    AdoptionStatus.IN_USE: {AdoptionStatus.DISCONTINUED},
    AdoptionStatus.DISCONTINUED: {AdoptionStatus.PILOTING, AdoptionStatus.IN_USE},
}
# The date field that records when each status was reached.
STATUS_DATE_FIELD = {
    AdoptionStatus.INTERESTED: "interested_on",
    AdoptionStatus.PILOTING: "pilot_started_on",
    AdoptionStatus.IN_USE: "in_use_since",
    AdoptionStatus.DISCONTINUED: "discontinued_on",
}
# Statuses that count as "uses it" (on maps, in the national view, in recommendations).
ACTIVE_STATUSES = (AdoptionStatus.PILOTING, AdoptionStatus.IN_USE)
