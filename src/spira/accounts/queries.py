"""Reusable reads for accounts."""

from django.db.models import QuerySet

from spira.accounts.models import ApiToken


def apitoken_list_queryset(user) -> QuerySet[ApiToken]:
    """The tokens `user` may see (their own), newest first, in one query."""
    return ApiToken.objects.visible_to(user).order_by("-created_at", "-id")


def membership_list_queryset(user):
    """The person's memberships with their organisations, in one query."""
    return user.memberships.select_related("organisation").order_by("organisation__name")
