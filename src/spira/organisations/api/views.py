from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from spira.core.api.views import SpiraModelViewSet
from spira.organisations import services
from spira.organisations.api.serializers import OrganisationSerializer, SdgSerializer
from spira.organisations.filtersets import OrganisationFilterSet
from spira.organisations.models import Sdg
from spira.organisations.queries import organisation_list_queryset


@extend_schema_view(
    list=extend_schema(
        summary="List organisations", description="Filters as on the HTML list; `q` searches names."
    ),
)
class OrganisationViewSet(SpiraModelViewSet):
    queryset = organisation_list_queryset()
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer):
        serializer.instance = services.create_organisation(self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.update_organisation(
            self.request.user, serializer.instance, **serializer.validated_data
        )


class SdgViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Sdg.objects.all()
    serializer_class = SdgSerializer
    lookup_field = "number"
    pagination_class = None
    filter_backends = []
