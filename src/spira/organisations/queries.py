"""Reusable reads for organisations."""

from django.db.models import Case, QuerySet, Value, When

from spira.organisations.choices import MembershipRole
from spira.organisations.models import Membership, Organisation


def organisation_list_queryset() -> QuerySet[Organisation]:
    """What every list of organisations needs in one query (county joined)."""
    return Organisation.objects.select_related("county")


def organisation_detail_queryset() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("county", "parent")


def membership_list_queryset(organisation: Organisation) -> QuerySet[Membership]:
    """The members of one organisation, administrators first, with their users in the same query."""
    role_order = Case(
        When(role=MembershipRole.ADMIN, then=Value(0)),
        When(role=MembershipRole.COORDINATOR, then=Value(1)),
        default=Value(2),
    )
    return (
        organisation.memberships.select_related("user")
        .annotate(role_order=role_order)
        .order_by("role_order", "user__display_name", "user__email")
    )
