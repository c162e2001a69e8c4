import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from spira.core.filters import IdFilter
from spira.networks.choices import NetworkKind
from spira.networks.models import Booking, Network, NetworkMembership


class NetworkFilterSet(django_filters.FilterSet):
    """Shared by the HTML list and `/api/v1/networks/networks/`."""

    q = django_filters.CharFilter(method="search", label=_("Name"))
    kind = django_filters.MultipleChoiceFilter(
        choices=NetworkKind.choices, widget=forms.CheckboxSelectMultiple, label=_("Kind")
    )
    coordinator = django_filters.CharFilter(
        field_name="coordinator__slug", label=_("Coordinating organisation")
    )
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("created_at", "created")), label=_("Sort by")
    )

    class Meta:
        model = Network
        fields = ["q", "kind", "coordinator"]

    def search(self, queryset, name, value):
        value = " ".join(value.split())
        return queryset.filter(Q(name__icontains=value) | Q(name_en__icontains=value)) if value else queryset


class NetworkMembershipFilterSet(django_filters.FilterSet):
    network = django_filters.CharFilter(field_name="network__slug", label=_("Network"))
    organisation = django_filters.CharFilter(field_name="organisation__slug", label=_("Organisation"))
    role = django_filters.CharFilter(label=_("Role"))

    class Meta:
        model = NetworkMembership
        fields = ["network", "organisation", "role"]


class BookingFilterSet(django_filters.FilterSet):
    resource = IdFilter(field_name="resource_id", label=_("Resource"))
    status = django_filters.CharFilter(label=_("Status"))
    after = django_filters.IsoDateTimeFilter(field_name="ends_at", lookup_expr="gt", label=_("After"))
    before = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lt", label=_("Before"))

    class Meta:
        model = Booking
        fields = ["resource", "status", "after", "before"]
