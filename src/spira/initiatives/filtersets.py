import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from spira.core.filters import CountyCodeFilter, YearFilter
from spira.initiatives.choices import (
    GovernmentLevel,
    InitiativeStatus,
    InnovationFacet,
    InnovationStage,
    Origin,
    PublicationState,
    Sector,
)
from spira.initiatives.models import Initiative, InitiativeOrganisation
from spira.organisations.choices import OrganisationKind
from spira.organisations.models import County, Sdg
from spira.search.filters import apply_search


@extend_schema_field({"type": "array", "items": {"type": "integer"}, "description": "SDG number, 1–17"})
class SdgNumberFilter(django_filters.ModelMultipleChoiceFilter):
    pass


class InitiativeFilterSet(django_filters.FilterSet):
    """Shared by the HTML list (/initiativ/), its exports and /api/v1/initiatives/initiatives/.

    Filters on many-to-many relations use `pk__in` subqueries so that no row appears twice and no
    DISTINCT is needed. `q` is one method, `filter_q`, so that full-text search can replace it.
    """

    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    status = django_filters.MultipleChoiceFilter(choices=InitiativeStatus.choices, label=_("Status"))
    stage = django_filters.MultipleChoiceFilter(
        choices=InnovationStage.choices, method="filter_stage", label=_("Innovation stage")
    )
    sector = django_filters.MultipleChoiceFilter(choices=Sector.choices, label=_("Primary sector"))
    facet = django_filters.MultipleChoiceFilter(choices=InnovationFacet.choices, label=_("Innovation facet"))
    government_level = django_filters.MultipleChoiceFilter(
        choices=GovernmentLevel.choices, label=_("Level of government")
    )
    county = CountyCodeFilter(
        field_name="coordinator__county__code",
        to_field_name="code",
        queryset=County.objects.all(),
        label=_("County of the coordinator"),
    )
    coordinator_kind = django_filters.MultipleChoiceFilter(
        field_name="coordinator__kind", choices=OrganisationKind.choices, label=_("Kind of coordinator")
    )
    coordinator = django_filters.CharFilter(field_name="coordinator__slug", label=_("Coordinator"))
    organisation = django_filters.CharFilter(
        method="filter_organisation", label=_("Organisation (coordinator or participant)")
    )
    sdg = SdgNumberFilter(
        queryset=Sdg.objects.all(),
        to_field_name="number",
        method="filter_sdg",
        label=_("Sustainable development goal"),
    )
    funder = django_filters.CharFilter(method="filter_funder", label=_("Funder"))
    call = django_filters.CharFilter(field_name="call", lookup_expr="icontains", label=_("Call"))
    start_year = YearFilter(
        field_name="start_month__year",
        label=_("Start year"),
        widget=forms.NumberInput(attrs={"min": 1900, "max": 2100}),
    )
    origin = django_filters.MultipleChoiceFilter(choices=Origin.choices, label=_("Origin"))
    state = django_filters.MultipleChoiceFilter(
        choices=PublicationState.choices, label=_("Publication state")
    )
    tag = django_filters.CharFilter(method="filter_tag", label=_("Tag"))
    ordering = django_filters.OrderingFilter(
        fields=(
            ("published_at", "published"),
            ("title_sv", "title"),
            ("start_month", "start"),
            ("funding_sek", "funding"),
            ("updated_at", "updated"),
        ),
        field_labels={
            "published": _("Published"),
            "title": _("Title"),
            "start": _("Start"),
            "funding": _("Funding"),
            "updated": _("Last changed"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = Initiative
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        """Stemmed full-text search in Swedish and English (spira.search), best hits first."""
        value = " ".join((value or "").split())
        if not value:
            return queryset
        return apply_search(queryset, value)

    def filter_stage(self, queryset, name, value):
        if not value:
            return queryset
        through = Initiative.stages.through.objects.filter(stage__code__in=value)
        return queryset.filter(pk__in=through.values("initiative_id"))

    def filter_sdg(self, queryset, name, value):
        if not value:
            return queryset
        through = Initiative.sdgs.through.objects.filter(sdg__in=value)
        return queryset.filter(pk__in=through.values("initiative_id"))

    def filter_tag(self, queryset, name, value):
        if not value:
            return queryset
        through = Initiative.tags.through.objects.filter(Q(tag__slug=value) | Q(tag__name__iexact=value))
        return queryset.filter(pk__in=through.values("initiative_id"))

    def filter_funder(self, queryset, name, value):
        if not value:
            return queryset
        funding = InitiativeOrganisation.objects.filter(organisation__slug=value, role="funder")
        return queryset.filter(Q(funder__slug=value) | Q(pk__in=funding.values("initiative_id")))

    def filter_organisation(self, queryset, name, value):
        if not value:
            return queryset
        taking_part = InitiativeOrganisation.objects.filter(organisation__slug=value)
        return queryset.filter(Q(coordinator__slug=value) | Q(pk__in=taking_part.values("initiative_id")))
