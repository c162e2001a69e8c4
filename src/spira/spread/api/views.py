"""The spread API. Every write calls the same service as the HTML pages; the services decide who
may do what."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from spira.core.api.permissions import ReadOnlyOrAuthenticated
from spira.core.api.views import SpiraModelViewSet
from spira.spread import services
from spira.spread.api.serializers import (
    AdoptionSerializer,
    AdoptionUpdateSerializer,
    ConfirmInputSerializer,
    InterestInputSerializer,
    SolutionListSerializer,
    SolutionSerializer,
    StatusInputSerializer,
)
from spira.spread.choices import AdoptionStatus
from spira.spread.filtersets import AdoptionFilterSet, SolutionFilterSet
from spira.spread.models import Adoption, Solution

SERVICE_ONLY = [ReadOnlyOrAuthenticated]


class SolutionViewSet(SpiraModelViewSet):
    queryset = Solution.objects.select_related("owner")
    serializer_class = SolutionSerializer
    filterset_class = SolutionFilterSet
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action != "list":
            queryset = queryset.prefetch_related("links", Prefetch("initiatives"))
        return queryset

    def get_serializer_class(self):
        return SolutionListSerializer if self.action == "list" else SolutionSerializer

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        owner = values.pop("owner")
        serializer.instance = services.create_solution(self.request.user, owner, **values)

    def perform_update(self, serializer):
        values = dict(serializer.validated_data)
        values.pop("owner", None)
        serializer.instance = services.update_solution(self.request.user, serializer.instance, **values)

    @extend_schema(request=InterestInputSerializer, responses=AdoptionSerializer)
    @action(detail=True, methods=["post"], permission_classes=SERVICE_ONLY)
    def interest(self, request, slug=None):
        """ "We are interested": registers the organisation's interest and tells the owner."""
        return self.run_action(
            InterestInputSerializer,
            services.mark_interest,
            AdoptionSerializer,
            status_code=status.HTTP_201_CREATED,
        )


class AdoptionViewSet(SpiraModelViewSet):
    queryset = Adoption.objects.select_related("solution", "adopter", "source")
    serializer_class = AdoptionSerializer
    filterset_class = AdoptionFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        return AdoptionUpdateSerializer if self.action == "partial_update" else AdoptionSerializer

    def create(self, request, *args, **kwargs):
        serializer = AdoptionSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        adoption = services.register_adoption(
            request.user,
            values.pop("solution"),
            values.pop("adopter"),
            status=values.pop("status", AdoptionStatus.INTERESTED),
            source=values.pop("source", None),
            **values,
        )
        return Response(AdoptionSerializer(adoption, context=self.get_serializer_context()).data, status=201)

    def partial_update(self, request, *args, **kwargs):
        adoption = self.get_object()
        serializer = AdoptionUpdateSerializer(adoption, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        adoption = services.update_adoption(request.user, adoption, **serializer.validated_data)
        return Response(AdoptionSerializer(adoption, context=self.get_serializer_context()).data)

    @extend_schema(request=StatusInputSerializer, responses=AdoptionSerializer)
    @action(detail=True, methods=["post"], permission_classes=SERVICE_ONLY)
    def status(self, request, pk=None):
        return self.run_action(StatusInputSerializer, services.change_adoption_status, AdoptionSerializer)

    @extend_schema(request=ConfirmInputSerializer, responses=AdoptionSerializer)
    @action(detail=True, methods=["post"], permission_classes=SERVICE_ONLY)
    def confirm(self, request, pk=None):
        return self.run_action(ConfirmInputSerializer, services.confirm_adoption, AdoptionSerializer)
