"""The vocabulary of the knowledge bank, after OPSI's Toolkit Navigator."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceType(models.TextChoices):
    METHOD = "method", _("method")
    TOOLKIT = "toolkit", _("toolkit")
    PLAYBOOK = "playbook", _("playbook")
    GUIDE = "guide", _("guide")
    REPORT = "report", _("report")
    RESEARCH_FINDING = "research_finding", _("research finding")
    FILM = "film", _("film")


class Discipline(models.TextChoices):
    DESIGN = "design", _("service design")
    CO_CREATION = "co_creation", _("co-creation and participation")
    SYSTEMS = "systems", _("systems thinking")
    BEHAVIOURAL = "behavioural", _("behavioural insights")
    FORESIGHT = "foresight", _("foresight")
    DATA = "data", _("data and digitalisation")
    EVALUATION = "evaluation", _("evaluation and learning")
    INNOVATION_MANAGEMENT = "innovation_management", _("innovation management")
    COLLABORATION = "collaboration", _("collaboration across organisations")


class IntendedUser(models.TextChoices):
    CO_WORKERS = "co_workers", _("co-workers in the public sector")
    MANAGERS = "managers", _("managers and politicians")
    INNOVATION_TEAMS = "innovation_teams", _("innovation coordinators and teams")
    NETWORKS = "networks", _("networks and hubs")
    RESEARCHERS = "researchers", _("researchers")
    EVERYONE = "everyone", _("everyone")


class Licence(models.TextChoices):
    CC_BY = "cc_by", "CC BY 4.0"
    CC_BY_SA = "cc_by_sa", "CC BY-SA 4.0"
    CC_BY_NC = "cc_by_nc", "CC BY-NC 4.0"
    CC0 = "cc0", _("public domain (CC0)")
    ALL_RIGHTS = "all_rights", _("all rights reserved")
    UNKNOWN = "unknown", _("not stated")


class ResourceFormat(models.TextChoices):
    DOCUMENT = "document", _("document (PDF)")
    WEBSITE = "website", _("website")
    VIDEO = "video", _("video")
    CARDS = "cards", _("cards and templates")
    COURSE = "course", _("course")
    WORKSHOP = "workshop", _("workshop material")


class Adaptability(models.TextChoices):
    READY = "ready", _("ready to use as it is")
    ADAPTABLE = "adaptable", _("easy to adapt")
    EXPERT = "expert", _("needs experienced facilitation")


class InitiativeRelation(models.TextChoices):
    USED = "used", _("used it")
    PRODUCED = "produced", _("produced it")
    STUDIED = "studied", _("was studied")


class Language(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
