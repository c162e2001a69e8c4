import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from spira.core.filters import IdFilter
from spira.ideas.choices import Origin, StageType, Theme
from spira.ideas.models import Idea, Sluice, Stage


class IdeaFilterSet(django_filters.FilterSet):
    """The same filters for the HTML lists and the API list of ideas."""

    q = django_filters.CharFilter(label=_("Text contains"), method="filter_q")
    sluice = django_filters.ModelChoiceFilter(
        label=_("Sluice"), queryset=Sluice.objects.all(), to_field_name="slug"
    )
    stage = django_filters.ModelChoiceFilter(label=_("Stage"), queryset=Stage.objects.all())
    stage_type = django_filters.MultipleChoiceFilter(
        label=_("Stage type"), field_name="stage__stage_type", choices=StageType.choices
    )
    origin = django_filters.ChoiceFilter(label=_("Origin"), choices=Origin.choices)
    theme = django_filters.MultipleChoiceFilter(label=_("Theme"), choices=Theme.choices)
    coach = IdFilter(label=_("Coach (user number)"), field_name="coach_id")
    is_closed = django_filters.BooleanFilter(
        label=_("Closed"), field_name="closed_at", lookup_expr="isnull", exclude=True
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("submitted_at", "submitted_at"),
            ("support_count", "support_count"),
            ("score", "score"),
            ("title", "title"),
        ),
        field_labels={
            "submitted_at": _("handed in"),
            "support_count": _("supports"),
            "score": _("score"),
            "title": _("title"),
        },
    )

    class Meta:
        model = Idea
        fields = ["q", "sluice", "stage", "stage_type", "origin", "theme", "coach", "is_closed"]

    def filter_q(self, queryset, name, value):
        value = value.replace("\x00", "").strip()[:200]
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(need__icontains=value))


class SluiceFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name contains"), field_name="name", lookup_expr="icontains")
    organisation = django_filters.CharFilter(label=_("Organisation (slug)"), field_name="organisation__slug")

    class Meta:
        model = Sluice
        fields = ["q", "organisation"]
