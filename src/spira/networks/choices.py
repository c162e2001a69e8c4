from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkKind(models.TextChoices):
    INNOVATION_PLATFORM = "innovation_platform", _("innovation platform")
    COWORKING_HUB = "coworking_hub", _("coworking hub")
    CLUSTER = "cluster", _("cluster")
    PARTNERSHIP_PROGRAMME = "partnership_programme", _("partnership programme")
    REFERENCE_GROUP = "reference_group", _("reference group")
    NATIONAL_COLLABORATION = "national_collaboration", _("national collaboration")


class MemberRole(models.TextChoices):
    MEMBER = "member", _("member")
    LEAD = "lead", _("lead organisation")
    PARTNER = "partner", _("partner")
    HOST = "host", _("host")
    PARTICIPANT = "participant", _("participating municipality")


class MembershipPlan(models.TextChoices):
    """What a member organisation of a coworking hub pays for."""

    NONE = "", _("no plan")
    DROP_IN = "drop_in", _("drop-in")
    PART_TIME = "part_time", _("part-time")
    FULL_TIME = "full_time", _("full-time")
    PARTNER = "partner", _("partner")


class PersonRole(models.TextChoices):
    ADMIN = "admin", _("administrator")
    COMMUNITY_MANAGER = "community_manager", _("community manager")
    CONTACT = "contact", _("contact person")


# Roles that manage a network (members, posts, resources, programme).
MANAGER_ROLES = frozenset({PersonRole.ADMIN, PersonRole.COMMUNITY_MANAGER})


class ResourceKind(models.TextChoices):
    ROOM = "room", _("room")
    DESK = "desk", _("desk")
    EQUIPMENT = "equipment", _("equipment")


class WhoMayBook(models.TextChoices):
    MEMBERS = "members", _("members of the hub")
    MANAGERS = "managers", _("the hub's community managers")


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    CANCELLED = "cancelled", _("cancelled")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")


class ModuleStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


# A module goes into a plan when its average need is at least this (scale 1–5: 5 = greatest need).
PLAN_NEED_THRESHOLD = 3.0
