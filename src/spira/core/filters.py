"""Filters every app's FilterSets share: typed for the OpenAPI schema and bounded so that no
query parameter can overflow a database integer or ask for year 0."""

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

# The largest value a 64-bit signed database integer holds (SQLite and PostgreSQL bigint).
MAX_ID = 2**63 - 1


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (NumberFilter uses decimals, which accept 1e400 and overflow SQLite)."""

    field_class = forms.IntegerField


class IdFilter(IntegerFilter):
    """A row id: a positive integer that fits a database integer."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class YearFilter(IntegerFilter):
    """A calendar year a date can hold and a person would ask for."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "array", "items": {"type": "string"}, "description": "County code (länskod)"})
class CountyCodeFilter(django_filters.ModelMultipleChoiceFilter):
    """One or more counties by their two-digit code (`?county=25&county=01`)."""

    def __init__(self, *args, **kwargs):
        from spira.organisations.models import County

        kwargs.setdefault("queryset", County.objects.all())
        kwargs.setdefault("to_field_name", "code")
        # A row matches one county only, so the DISTINCT that multi-value filters add is not needed.
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)
