import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from spira.core.filters import CountyCodeFilter
from spira.organisations.choices import OrganisationKind, PopulationBand
from spira.organisations.models import Organisation


class OrganisationFilterSet(django_filters.FilterSet):
    """Shared by the HTML list and `/api/v1/organisations/organisations/`."""

    q = django_filters.CharFilter(method="search", label=_("Name"))
    # Checkboxes: the list template renders each choice as its own input with a label.
    kind = django_filters.MultipleChoiceFilter(
        choices=OrganisationKind.choices, label=_("Kind"), widget=forms.CheckboxSelectMultiple, distinct=False
    )
    county = CountyCodeFilter(field_name="county__code", label=_("County"))
    population_band = django_filters.ChoiceFilter(
        choices=PopulationBand.choices, method="filter_population_band", label=_("Population")
    )
    municipality_code = django_filters.CharFilter(label=_("Municipality code"))
    org_number = django_filters.CharFilter(label=_("Organisation number"))
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("population", "population"), ("kind", "kind")),
        label=_("Sort by"),
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "county", "population_band", "municipality_code", "org_number"]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def filter_population_band(self, queryset, name, value):
        return queryset.in_population_band(value) if value else queryset
