"""Vocabularies of the case library: OPSI's case fields and Vinnova's project facts."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ONGOING = "ongoing", _("ongoing")
    COMPLETED = "completed", _("completed")
    DISCONTINUED = "discontinued", _("discontinued")


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


class InnovationStage(models.TextChoices):
    """OPSI's innovation stages; several may apply to one initiative."""

    IDENTIFYING_PROBLEMS = "identifying_problems", _("identifying problems")
    GENERATING_IDEAS = "generating_ideas", _("generating ideas")
    DEVELOPING_PROPOSALS = "developing_proposals", _("developing proposals")
    IMPLEMENTATION = "implementation", _("implementation")
    EVALUATION = "evaluation", _("evaluation")
    DIFFUSING_LESSONS = "diffusing_lessons", _("diffusing lessons")


class InnovationFacet(models.TextChoices):
    """OPSI's four facets of innovation (the portfolio model)."""

    MISSION_ORIENTED = "mission_oriented", _("mission-oriented")
    ENHANCEMENT_ORIENTED = "enhancement_oriented", _("enhancement-oriented")
    ADAPTIVE = "adaptive", _("adaptive")
    ANTICIPATORY = "anticipatory", _("anticipatory")


class Sector(models.TextChoices):
    """OPSI's 13 primary sectors of a case."""

    GENERAL_PUBLIC_SERVICES = "general_public_services", _("general public services")
    DEFENCE = "defence", _("defence")
    PUBLIC_ORDER_SAFETY = "public_order_safety", _("public order and safety")
    ECONOMIC_AFFAIRS = "economic_affairs", _("economic affairs")
    ENVIRONMENTAL_PROTECTION = "environmental_protection", _("environmental protection")
    HOUSING_COMMUNITY = "housing_community", _("housing and community amenities")
    HEALTH = "health", _("health")
    RECREATION_CULTURE = "recreation_culture", _("recreation, culture and religion")
    EDUCATION = "education", _("education")
    SOCIAL_PROTECTION = "social_protection", _("social protection")
    TRANSPORT = "transport", _("transport and infrastructure")
    SCIENCE_TECHNOLOGY = "science_technology", _("science, technology and innovation")
    OTHER = "other", _("other")


class GovernmentLevel(models.TextChoices):
    LOCAL = "local", _("local")
    REGIONAL = "regional", _("regional")
    NATIONAL = "national", _("national")
    SUPRANATIONAL = "supranational", _("EU or international")
    MULTI_LEVEL = "multi_level", _("several levels")


class OrganisationRole(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    PARTNER = "partner", _("partner")
    FUNDER = "funder", _("funder")
    BENEFICIARY = "beneficiary", _("user or beneficiary")


class GenderIntegration(models.TextChoices):
    """How gender equality is integrated, followed by national accompanying research."""

    NOT_STATED = "", _("not stated")
    NONE = "none", _("not integrated")
    PARTLY = "partly", _("partly integrated")
    FULLY = "fully", _("fully integrated")


class Origin(models.TextChoices):
    MANUAL = "manual", _("written on Spira")
    VINNOVA_PAGE = "vinnova-page", _("Vinnova project page")
    VINNOVA_JSON = "vinnova-json", _("Vinnova open data")
    SWECRIS = "swecris", _("SweCRIS")


# The texts of a case, in the order of the form; each exists as <name>_sv and <name>_en.
TEXT_FIELDS: tuple[str, ...] = (
    "title",
    "summary",
    "overview",
    "innovation",
    "purpose",
    "results",
    "long_term_effects",
    "approach",
    "challenges",
    "success_conditions",
    "replication",
    "lessons",
)
SECTION_FIELDS: tuple[str, ...] = TEXT_FIELDS[2:]
SUMMARY_MAX_LENGTH = 500
TITLE_MAX_LENGTH = 300
SECTION_MAX_LENGTH = 20_000
