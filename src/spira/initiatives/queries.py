"""Reusable reads for initiatives: what each page needs in a fixed number of queries."""

from django.db.models import Prefetch, Q, QuerySet

from spira.initiatives.choices import PublicationState
from spira.initiatives.models import Initiative, InitiativeOrganisation, InitiativeRevision


def initiative_list_queryset() -> QuerySet[Initiative]:
    """Every list row: the coordinator with its county joined, stages in one extra query."""
    return Initiative.objects.select_related("coordinator", "coordinator__county").prefetch_related("stages")


def initiative_detail_queryset() -> QuerySet[Initiative]:
    return Initiative.objects.select_related(
        "coordinator", "coordinator__county", "funder", "owner"
    ).prefetch_related(
        "stages",
        "sdgs",
        "tags",
        "co_authors",
        "links",
        Prefetch(
            "participations",
            queryset=InitiativeOrganisation.objects.select_related("organisation").order_by(
                "role", "organisation__name"
            ),
        ),
    )


def initiative_api_queryset() -> QuerySet[Initiative]:
    return initiative_detail_queryset()


def for_organisation(queryset: QuerySet[Initiative], organisation) -> QuerySet[Initiative]:
    """Initiatives the organisation coordinates or takes part in (any role)."""
    taking_part = InitiativeOrganisation.objects.filter(organisation=organisation).values("initiative_id")
    return queryset.filter(Q(coordinator=organisation) | Q(pk__in=taking_part))


def count_for_organisation(organisation, user=None) -> int:
    """The number on the organisation page's initiatives tab: published ones only."""
    return for_organisation(Initiative.objects.published(), organisation).count()


def review_queue() -> QuerySet[Initiative]:
    return initiative_list_queryset().filter(state=PublicationState.IN_REVIEW).order_by("updated_at")


def authored_by(user) -> QuerySet[Initiative]:
    """What the user owns or co-authors, newest change first."""
    co_authored = Initiative.co_authors.through.objects.filter(user=user).values("initiative_id")
    return initiative_list_queryset().filter(Q(owner=user) | Q(pk__in=co_authored)).order_by("-updated_at")


def revisions_of(initiative: Initiative) -> QuerySet[InitiativeRevision]:
    return initiative.revisions.select_related("author").order_by("-number")
