from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions

# Query parameters that are not filters but are understood by every list.
GLOBAL_PARAMS = frozenset({"limit", "offset", "q", "format", "ordering", "page", "lang"})


class StrictFilterBackend(DjangoFilterBackend):
    """A filter backend that answers an unknown filter with 400 instead of silently ignoring it."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(GLOBAL_PARAMS)
        if filterset_class is not None:
            known |= set(filterset_class.base_filters)
            known |= set(getattr(filterset_class, "extra_params", ()))
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise exceptions.ValidationError({name: [_("Unknown filter.")] for name in unknown})
        return super().filter_queryset(request, queryset, view)
