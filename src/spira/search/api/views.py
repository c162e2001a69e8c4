from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework.permissions import AllowAny

from spira.search import registry, services
from spira.search.api.serializers import SearchHitSerializer

MAX_QUERY_LENGTH = 200


class _Hits:
    """The hits of one query as a sliceable sequence, so that the usual pagination applies."""

    def __init__(self, query: str, type_names: list[str]):
        self.query, self.type_names = query, type_names
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count, _hits = services.search_hits(self.query, type_names=self.type_names, limit=0)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice):
        start, stop = item.start or 0, item.stop or 0
        total, hits = services.search_hits(
            self.query, type_names=self.type_names, offset=start, limit=max(0, stop - start)
        )
        self._count = total
        return hits


@extend_schema(
    summary="Search everything",
    description=(
        "Public records of every searchable type matching every word of `q`, in Swedish and English "
        "and in any inflected form, best first."
    ),
    parameters=[
        OpenApiParameter("q", OpenApiTypes.STR, required=True, description="The words to search for."),
        OpenApiParameter(
            "type",
            OpenApiTypes.STR,
            many=True,
            description="Only these types (repeat or separate with commas), e.g. initiative.",
        ),
    ],
)
class SearchAPIView(generics.ListAPIView):
    serializer_class = SearchHitSerializer
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        params = self.request.query_params
        unknown = sorted(set(params) - {"q", "type", "limit", "offset", "format", "lang"})
        if unknown:
            raise exceptions.ValidationError({name: [_("Unknown filter.")] for name in unknown})
        query = params.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
        if not query:
            raise exceptions.ValidationError({"q": [_("Give the words to search for.")]})
        type_names = [t.strip() for value in params.getlist("type") for t in value.split(",") if t.strip()]
        known = {spec.type_name for spec in registry.specs()}
        bad = sorted(set(type_names) - known)
        if bad:
            raise exceptions.ValidationError(
                {
                    "type": [
                        _("Unknown type: %(types)s. Known: %(known)s.")
                        % {"types": ", ".join(bad), "known": ", ".join(sorted(known))}
                    ]
                }
            )
        return _Hits(query, type_names)
