"""Helpers shared by the services of the ideas app."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _


def text(value) -> str:
    """Text as stored: NUL characters removed (PostgreSQL refuses them), outer space trimmed."""
    return str(value if value is not None else "").replace("\x00", "").strip()


def check_fields(values: dict, allowed) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in unknown})


def check_length(errors: dict, name: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors[name] = _("Write at most %(count)d characters.") % {"count": limit}


def sluice_coordinators(sluice):
    """The people who run a sluice: named coordinators and the organisation's coordinators."""
    return (
        get_user_model()
        .objects.filter(
            Q(coordinated_sluices=sluice)
            | Q(
                memberships__organisation_id=sluice.organisation_id,
                memberships__role__in=["coordinator", "admin"],
            ),
            is_active=True,
        )
        .distinct()
    )


def audience(idea):
    """Who hears about every step of an idea: its submitter and its followers."""
    return (
        get_user_model()
        .objects.filter(Q(pk=idea.submitter_id) | Q(idea_follows__idea=idea), is_active=True)
        .distinct()
    )
