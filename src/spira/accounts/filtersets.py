import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spira.accounts.choices import ApiTokenStatus
from spira.accounts.models import ApiToken


class ApiTokenFilterSet(django_filters.FilterSet):
    """Shared by the HTML token list and `/api/v1/accounts/tokens/`."""

    status = django_filters.ChoiceFilter(
        choices=ApiTokenStatus.choices, method="filter_status", label=_("Status"), empty_label=_("All")
    )

    class Meta:
        model = ApiToken
        fields = ["status"]

    def filter_status(self, queryset, name, value):
        now = timezone.now()
        if value == ApiTokenStatus.ACTIVE:
            return queryset.active()
        if value == ApiTokenStatus.REVOKED:
            return queryset.filter(revoked_at__isnull=False)
        if value == ApiTokenStatus.EXPIRED:
            return queryset.filter(revoked_at__isnull=True).filter(Q(expires_at__lte=now))
        return queryset
