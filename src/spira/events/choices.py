from django.db import models
from django.utils.translation import gettext_lazy as _

TITLE_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 20_000
SHORT_TEXT_MAX_LENGTH = 2_000
REASON_MAX_LENGTH = 2_000
MAX_CAPACITY = 100_000
# Every time shown or fed out is in this zone; calendars carry its VTIMEZONE.
EVENT_TIME_ZONE = "Europe/Stockholm"


class ActivityFormat(models.TextChoices):
    SEMINAR = "seminar", _("seminar")
    WORKSHOP = "workshop", _("workshop")
    WEBINAR = "webinar", _("webinar")
    STUDY_VISIT = "study_visit", _("study visit")
    DIALOGUE_WORKSHOP = "dialogue_workshop", _("dialogue workshop")
    BREAKFAST_MEETING = "breakfast_meeting", _("breakfast meeting")
    CONFERENCE = "conference", _("conference")
    NETWORKING = "networking", _("networking")
    OTHER = "other", _("other")


# The frab `type` of each format (conference apps group sessions by it).
FRAB_TYPES = {
    ActivityFormat.SEMINAR: "talk",
    ActivityFormat.WORKSHOP: "workshop",
    ActivityFormat.WEBINAR: "talk",
    ActivityFormat.STUDY_VISIT: "other",
    ActivityFormat.DIALOGUE_WORKSHOP: "discussion",
    ActivityFormat.BREAKFAST_MEETING: "meeting",
    ActivityFormat.CONFERENCE: "talk",
    ActivityFormat.NETWORKING: "meeting",
    ActivityFormat.OTHER: "other",
}


class ActivityStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")
    CANCELLED = "cancelled", _("cancelled")


class RegistrationMode(models.TextChoices):
    NONE = "none", _("no registration")
    OPEN = "open", _("open registration")
    APPROVAL = "approval", _("registration with approval")
    MEMBERS = "members", _("members only")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITLISTED = "waitlisted", _("on the waiting list")
    PENDING = "pending", _("awaiting approval")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")


# A person holds at most one of these per activity.
ACTIVE_REGISTRATION_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.PENDING,
)


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("everyone")
    PUBLIC_SECTOR = "public_sector", _("public-sector staff")
    MANAGERS = "managers", _("managers and politicians")
    RESEARCHERS = "researchers", _("researchers")
    BUSINESS = "business", _("companies")
    CIVIL_SOCIETY = "civil_society", _("civil society")
    MEMBERS = "members", _("members of the organiser")


class ActivityLanguage(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class SeriesRole(models.TextChoices):
    INITIATOR = "initiator", _("initiator")
    PARTNER = "partner", _("partner")
