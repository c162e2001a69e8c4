import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from spira.core.filters import CountyCodeFilter
from spira.spread.choices import AdoptionStatus, CostBand, Effort, Maturity, SolutionKind
from spira.spread.models import Adoption, Solution


class SolutionFilterSet(django_filters.FilterSet):
    """Shared by the solution list (HTML, CSV, JSON) and `/api/v1/spread/solutions/`."""

    q = django_filters.CharFilter(method="filter_q", label=_("Name or summary contains"))
    kind = django_filters.MultipleChoiceFilter(choices=SolutionKind.choices, label=_("Kind"), distinct=False)
    maturity = django_filters.MultipleChoiceFilter(
        choices=Maturity.choices, label=_("Maturity"), distinct=False
    )
    cost_band = django_filters.MultipleChoiceFilter(choices=CostBand.choices, label=_("Cost"), distinct=False)
    effort = django_filters.MultipleChoiceFilter(choices=Effort.choices, label=_("Effort"), distinct=False)
    owner = django_filters.CharFilter(field_name="owner__slug", label=_("Owner (slug)"))
    county = CountyCodeFilter(
        field_name="owner__county__code",
        label=_("County of the owner"),
        distinct=False,
    )
    procurement = django_filters.BooleanFilter(
        field_name="has_procurement_documents", label=_("With procurement documents")
    )
    initiative = django_filters.CharFilter(field_name="initiatives__slug", label=_("Initiative (slug)"))
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("adopter_count", "adopters"), ("created_at", "created")),
        label=_("Sort by"),
    )

    class Meta:
        model = Solution
        fields = [
            "q",
            "kind",
            "maturity",
            "cost_band",
            "effort",
            "owner",
            "county",
            "procurement",
            "initiative",
        ]

    def filter_q(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(summary__icontains=value))


class AdoptionFilterSet(django_filters.FilterSet):
    """Shared by the adoption list (HTML, CSV, JSON) and `/api/v1/spread/adoptions/`."""

    solution = django_filters.CharFilter(field_name="solution__slug", label=_("Solution (slug)"))
    adopter = django_filters.CharFilter(field_name="adopter__slug", label=_("Adopting organisation (slug)"))
    source = django_filters.CharFilter(field_name="source__slug", label=_("Learned from (slug)"))
    status = django_filters.MultipleChoiceFilter(
        choices=AdoptionStatus.choices, label=_("Status"), distinct=False
    )
    county = CountyCodeFilter(
        field_name="adopter__county__code",
        label=_("County of the adopter"),
        distinct=False,
    )
    verified = django_filters.BooleanFilter(method="filter_verified", label=_("Verified by both"))
    started_after = django_filters.DateFilter(
        field_name="started_on", lookup_expr="gte", label=_("Started on or after")
    )
    started_before = django_filters.DateFilter(
        field_name="started_on", lookup_expr="lte", label=_("Started on or before")
    )
    ordering = django_filters.OrderingFilter(
        fields=(("started_on", "started_on"), ("updated_at", "updated")), label=_("Sort by")
    )

    class Meta:
        model = Adoption
        fields = [
            "solution",
            "adopter",
            "source",
            "status",
            "county",
            "verified",
            "started_after",
            "started_before",
        ]

    def filter_verified(self, queryset, name, value):
        if value is None:
            return queryset
        verified = Q(adopter_confirmed_at__isnull=False, source_confirmed_at__isnull=False)
        return queryset.filter(verified) if value else queryset.exclude(verified)
