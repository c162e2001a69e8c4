from django.utils.translation import gettext_lazy as _
from rest_framework.filters import BaseFilterBackend

from spira.search.filters import apply_search


class SearchFilterBackend(BaseFilterBackend):
    """`?q=` on an API list of a registered model: only the hits, best first.

    Put it after the FilterSet backend: `filter_backends = [StrictFilterBackend, SearchFilterBackend]`.
    """

    search_param = "q"

    def filter_queryset(self, request, queryset, view):
        q = request.query_params.get(self.search_param, "").replace("\x00", "").strip()
        if not q:
            return queryset
        return apply_search(queryset, q[:200])

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.search_param,
                "required": False,
                "in": "query",
                "description": str(
                    _("Full-text search, in Swedish and English; every word must match (in any form).")
                ),
                "schema": {"type": "string"},
            }
        ]
