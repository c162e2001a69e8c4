"""Reusable reads for organisations."""

from django.db.models import QuerySet

from spira.organisations.models import Organisation


def organisation_list_queryset() -> QuerySet[Organisation]:
    """What every list of organisations needs in one query (county joined)."""
    return Organisation.objects.select_related("county")


def organisation_detail_queryset() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("county", "parent")
