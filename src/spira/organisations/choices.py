from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    REGION = "region", _("region")
    AGENCY = "agency", _("government agency")
    COMPANY = "company", _("company")
    ACADEMIA = "academia", _("academia")
    CIVIL_SOCIETY = "civil_society", _("civil society")
    NETWORK = "network", _("network")
    OTHER = "other", _("other")


# Kinds a user may register; municipalities, regions and agencies come only from the registers.
REGISTRABLE_KINDS = frozenset(
    {
        OrganisationKind.COMPANY,
        OrganisationKind.ACADEMIA,
        OrganisationKind.CIVIL_SOCIETY,
        OrganisationKind.NETWORK,
        OrganisationKind.OTHER,
    }
)
REGISTRABLE_KIND_CHOICES = [choice for choice in OrganisationKind.choices if choice[0] in REGISTRABLE_KINDS]


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("member")
    COORDINATOR = "coordinator", _("coordinator")
    ADMIN = "admin", _("administrator")


class PopulationBand(models.TextChoices):
    """Size bands used in filters and in the observatory (50,000 marks a 'smaller' municipality)."""

    UNDER_10K = "under_10k", _("under 10,000")
    FROM_10K_TO_50K = "10k_50k", _("10,000–49,999")
    FROM_50K_TO_200K = "50k_200k", _("50,000–199,999")
    OVER_200K = "200k_plus", _("200,000 or more")


POPULATION_BAND_RANGES: dict[str, tuple[int, int | None]] = {
    PopulationBand.UNDER_10K: (0, 10_000),
    PopulationBand.FROM_10K_TO_50K: (10_000, 50_000),
    PopulationBand.FROM_50K_TO_200K: (50_000, 200_000),
    PopulationBand.OVER_200K: (200_000, None),
}
