"""Vocabularies of the observatory: size classes, map layers, units of effect goals and the
portfolio self-assessment (OPSI's four innovation facets)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from spira.initiatives.choices import InnovationFacet

# Municipalities under this many inhabitants are "smaller" (NATSAM's follow-up of capacity).
SMALL_MUNICIPALITY_LIMIT = 50_000
FIRST_YEAR = 1990
LAST_YEAR = 2100
# Averages of other organisations are shown only when at least this many answered (anonymity).
MIN_GROUP_SIZE = 3


class SizeBand(models.TextChoices):
    SMALL = "small", _("under 50,000 inhabitants")
    LARGE = "large", _("50,000 inhabitants or more")
    UNDER_10K = "under_10k", _("under 10,000")
    FROM_10K_TO_50K = "10k_50k", _("10,000–49,999")
    FROM_50K_TO_200K = "50k_200k", _("50,000–199,999")
    OVER_200K = "200k_plus", _("200,000 or more")


SIZE_BAND_RANGES: dict[str, tuple[int, int | None]] = {
    SizeBand.SMALL: (0, SMALL_MUNICIPALITY_LIMIT),
    SizeBand.LARGE: (SMALL_MUNICIPALITY_LIMIT, None),
    SizeBand.UNDER_10K: (0, 10_000),
    SizeBand.FROM_10K_TO_50K: (10_000, 50_000),
    SizeBand.FROM_50K_TO_200K: (50_000, 200_000),
    SizeBand.OVER_200K: (200_000, None),
}


def size_band_of(population: int | None) -> str:
    """The fine band of a population (for comparisons with organisations of similar size)."""
    if population is None:
        return ""
    for band in (SizeBand.UNDER_10K, SizeBand.FROM_10K_TO_50K, SizeBand.FROM_50K_TO_200K):
        low, high = SIZE_BAND_RANGES[band]
        if low <= population < high:
            return band
    return SizeBand.OVER_200K


class Unit(models.TextChoices):
    PERCENT = "percent", _("per cent")
    COUNT = "count", _("number")
    PEOPLE = "people", _("people")
    SEK = "sek", _("Swedish kronor")
    DAYS = "days", _("days")
    HOURS = "hours", _("hours")
    TONNES_CO2E = "tco2e", _("tonnes CO₂e")
    SCORE = "score", _("score")


Facet = InnovationFacet

# Three statements per facet, answered 1 (does not fit us at all) to 5 (fits us fully).
PORTFOLIO_QUESTIONS: tuple[tuple[str, str, object], ...] = (
    (
        "m1",
        Facet.MISSION_ORIENTED,
        _("We pursue ambitious, clearly stated goals that cut across departments."),
    ),
    (
        "m2",
        Facet.MISSION_ORIENTED,
        _("Our political leadership sets long-term missions that guide innovation."),
    ),
    ("m3", Facet.MISSION_ORIENTED, _("We bring many actors together around one societal challenge.")),
    ("e1", Facet.ENHANCEMENT_ORIENTED, _("We improve existing services step by step to make them better.")),
    ("e2", Facet.ENHANCEMENT_ORIENTED, _("We measure efficiency and quality and act on the results.")),
    ("e3", Facet.ENHANCEMENT_ORIENTED, _("Co-workers have established ways to suggest improvements.")),
    ("a1", Facet.ADAPTIVE, _("We test new approaches quickly when our surroundings change.")),
    ("a2", Facet.ADAPTIVE, _("We learn from residents and users and change course during work.")),
    ("a3", Facet.ADAPTIVE, _("We are allowed to try things that may fail.")),
    ("n1", Facet.ANTICIPATORY, _("We explore possible futures and emerging technologies.")),
    ("n2", Facet.ANTICIPATORY, _("We keep resources for experiments without a known outcome.")),
    ("n3", Facet.ANTICIPATORY, _("We work with foresight or scenarios in our planning.")),
)
ANSWER_MIN = 1
ANSWER_MAX = 5
