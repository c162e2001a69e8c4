import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from spira.core.filters import IntegerFilter
from spira.knowledge.choices import (
    Adaptability,
    Discipline,
    IntendedUser,
    Licence,
    ResourceFormat,
    ResourceType,
)
from spira.knowledge.models import KnowledgeResource, Review


class KnowledgeResourceFilterSet(django_filters.FilterSet):
    """Shared by the HTML list and `/api/v1/knowledge/resources/` (facets as OPSI's Toolkit Navigator)."""

    q = django_filters.CharFilter(method="search", label=_("Words in the title or summary"))
    type = django_filters.MultipleChoiceFilter(
        choices=ResourceType.choices, widget=forms.CheckboxSelectMultiple, label=_("Type")
    )
    discipline = django_filters.MultipleChoiceFilter(
        choices=Discipline.choices, widget=forms.CheckboxSelectMultiple, label=_("Discipline or practice")
    )
    intended_user = django_filters.MultipleChoiceFilter(
        choices=IntendedUser.choices, widget=forms.CheckboxSelectMultiple, label=_("Intended user")
    )
    licence = django_filters.MultipleChoiceFilter(
        choices=Licence.choices, widget=forms.CheckboxSelectMultiple, label=_("Licence")
    )
    format = django_filters.MultipleChoiceFilter(
        choices=ResourceFormat.choices, widget=forms.CheckboxSelectMultiple, label=_("Format")
    )
    adaptability = django_filters.MultipleChoiceFilter(
        choices=Adaptability.choices, widget=forms.CheckboxSelectMultiple, label=_("How adaptable")
    )
    country = django_filters.CharFilter(method="filter_country", label=_("Country"))
    network = django_filters.CharFilter(
        field_name="networks__slug", label=_("Made by network"), distinct=True
    )
    initiative = django_filters.CharFilter(
        field_name="initiatives__slug", label=_("Used by initiative"), distinct=True
    )
    ordering = django_filters.OrderingFilter(
        fields=(("title", "title"), ("use_count", "used"), ("year", "year")), label=_("Sort by")
    )

    class Meta:
        model = KnowledgeResource
        fields = ["q", "type", "discipline", "intended_user", "licence", "format", "adaptability", "country"]

    def search(self, queryset, name, value):
        value = " ".join(value.split())
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(title_en__icontains=value)
            | Q(summary__icontains=value)
            | Q(summary_en__icontains=value)
        )

    def filter_country(self, queryset, name, value):
        return queryset.filter(country=value.strip().upper()) if value.strip() else queryset


class ReviewFilterSet(django_filters.FilterSet):
    resource = django_filters.CharFilter(field_name="resource__slug", label=_("Resource"))
    rating = IntegerFilter(label=_("Rating"), min_value=1, max_value=5)

    class Meta:
        model = Review
        fields = ["resource", "rating"]
