from datetime import timedelta

import django_filters
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spira.barriers.choices import AGE_BAND_DAYS, AgeBand, BarrierKind, BarrierStatus, EscalationState, Level
from spira.barriers.models import Barrier, Endorsement, Escalation, EscalationAnswer, Workshop
from spira.core.filters import CountyCodeFilter, IdFilter
from spira.organisations.models import Organisation


def authorities_with_barriers():
    """The organisations some barrier is addressed to: the choices of the authority filter."""
    return Organisation.objects.filter(
        Exists(Barrier.objects.filter(authority=OuterRef("pk"), is_hidden=False))
    ).order_by("name")


class BarrierFilterSet(django_filters.FilterSet):
    """Shared by the register (HTML, CSV, JSON) and `/api/v1/barriers/barriers/`."""

    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Title contains"))
    kind = django_filters.MultipleChoiceFilter(choices=BarrierKind.choices, label=_("Kind"), distinct=False)
    mandate_level = django_filters.MultipleChoiceFilter(
        choices=Level.choices, label=_("Level holding the mandate"), distinct=False
    )
    status = django_filters.MultipleChoiceFilter(
        choices=BarrierStatus.choices, label=_("Status"), distinct=False
    )
    authority = django_filters.ModelChoiceFilter(
        field_name="authority",
        to_field_name="slug",
        queryset=authorities_with_barriers(),
        label=_("Responsible authority"),
    )
    reporter = django_filters.CharFilter(field_name="reporter_organisation__slug", label=_("Reported by"))
    county = CountyCodeFilter(
        field_name="reporter_organisation__county__code",
        label=_("County"),
        distinct=False,
    )
    age = django_filters.ChoiceFilter(choices=AgeBand.choices, method="filter_age", label=_("Reported"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Answer overdue"))
    ordering = django_filters.OrderingFilter(
        fields=(
            ("reported_at", "reported_at"),
            ("affected_organisations", "affected_organisations"),
            ("affected_population", "affected_population"),
            ("answer_due", "answer_due"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = Barrier
        fields = ["q", "kind", "mandate_level", "status", "authority", "reporter", "county", "age", "overdue"]

    def filter_age(self, queryset, name, value):
        if not value:
            return queryset
        now = timezone.now()
        if value == AgeBand.OLDER:
            return queryset.filter(reported_at__lt=now - timedelta(days=365))
        return queryset.filter(reported_at__gte=now - timedelta(days=AGE_BAND_DAYS[value]))

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.overdue()
        return queryset.exclude(answer_due__lt=timezone.localdate())


class EndorsementFilterSet(django_filters.FilterSet):
    barrier = IdFilter(field_name="barrier_id", label=_("Barrier"))
    organisation = django_filters.CharFilter(field_name="organisation__slug", label=_("Organisation"))

    class Meta:
        model = Endorsement
        fields = ["barrier", "organisation"]


class EscalationFilterSet(django_filters.FilterSet):
    barrier = IdFilter(field_name="barrier_id", label=_("Barrier"))
    addressed_to = django_filters.CharFilter(field_name="addressed_to__slug", label=_("Addressed to"))
    state = django_filters.MultipleChoiceFilter(
        choices=EscalationState.choices, label=_("State"), distinct=False
    )
    to_level = django_filters.MultipleChoiceFilter(choices=Level.choices, label=_("To level"), distinct=False)
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Answer overdue"))

    class Meta:
        model = Escalation
        fields = ["barrier", "addressed_to", "state", "to_level", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


class EscalationAnswerFilterSet(django_filters.FilterSet):
    barrier = IdFilter(field_name="escalation__barrier_id", label=_("Barrier"))
    organisation = django_filters.CharFilter(field_name="organisation__slug", label=_("Organisation"))

    class Meta:
        model = EscalationAnswer
        fields = ["barrier", "organisation", "decision"]


class WorkshopFilterSet(django_filters.FilterSet):
    organiser = django_filters.CharFilter(field_name="organiser__slug", label=_("Organiser"))
    barrier = IdFilter(field_name="items__barrier_id", label=_("Barrier"))

    class Meta:
        model = Workshop
        fields = ["organiser", "barrier"]
