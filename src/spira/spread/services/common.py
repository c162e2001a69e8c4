"""Helpers shared by the spread services."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from spira.spread.choices import ACTIVE_STATUSES
from spira.spread.models import Adoption, Solution


def clean_text(value) -> str:
    """Text as stored: NUL characters removed (PostgreSQL refuses them), outer space trimmed."""
    return str(value or "").replace("\x00", "").strip()


def check_fields(values: dict, allowed: list[str]) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in unknown})


def clean_values(values: dict) -> dict:
    return {name: clean_text(value) if isinstance(value, str) else value for name, value in values.items()}


def members_of(organisation_id):
    return get_user_model().objects.filter(memberships__organisation_id=organisation_id, is_active=True)


def refresh_adopter_count(solution: Solution) -> None:
    count = Adoption.objects.filter(solution=solution, status__in=ACTIVE_STATUSES).count()
    Solution.objects.filter(pk=solution.pk).update(adopter_count=count)
    solution.adopter_count = count
