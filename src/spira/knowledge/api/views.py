from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from spira.core.api.permissions import ReadOnlyOrAuthenticated, RulesObjectPermission
from spira.core.api.views import SpiraModelViewSet, SpiraReadOnlyViewSet, VisibleQuerysetMixin
from spira.knowledge import services
from spira.knowledge.api.serializers import (
    CollectionSerializer,
    KnowledgeResourceSerializer,
    ReviewSerializer,
)
from spira.knowledge.filtersets import KnowledgeResourceFilterSet, ReviewFilterSet
from spira.knowledge.models import Collection, KnowledgeResource, ResourceInitiative, Review


@extend_schema_view(
    list=extend_schema(summary="List knowledge resources", description="Filters as on the HTML list.")
)
class KnowledgeResourceViewSet(SpiraModelViewSet):
    queryset = (
        KnowledgeResource.objects.select_related("publisher")
        .prefetch_related(
            "networks",
            Prefetch("initiative_links", queryset=ResourceInitiative.objects.select_related("initiative")),
        )
        .order_by("title", "pk")
    )
    serializer_class = KnowledgeResourceSerializer
    filterset_class = KnowledgeResourceFilterSet
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        networks = data.pop("networks", [])
        serializer.instance = services.create_resource(self.request.user, networks=networks, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "networks" in data:
            raise PermissionDenied
        serializer.instance = services.update_resource(self.request.user, serializer.instance, **data)

    @extend_schema(request=None, responses={204: None}, summary="Mark as used by me")
    @action(detail=True, methods=["post"], permission_classes=[ReadOnlyOrAuthenticated])
    def used(self, request, slug=None):
        services.mark_used(request.user, self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={204: None}, summary="Take back my mark as used")
    @action(detail=True, methods=["post"], permission_classes=[ReadOnlyOrAuthenticated])
    def unused(self, request, slug=None):
        services.unmark_used(request.user, self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReviewViewSet(VisibleQuerysetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Review.objects.select_related("resource", "author").order_by("-created_at", "-pk")
    serializer_class = ReviewSerializer
    filterset_class = ReviewFilterSet
    permission_classes = [ReadOnlyOrAuthenticated, RulesObjectPermission]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        resource = data.pop("resource")
        if not KnowledgeResource.objects.visible_to(self.request.user).filter(pk=resource.pk).exists():
            raise PermissionDenied
        serializer.instance = services.write_review(self.request.user, resource, **data)


class CollectionViewSet(SpiraReadOnlyViewSet):
    queryset = Collection.objects.prefetch_related("resources").order_by("title", "pk")
    serializer_class = CollectionSerializer
    lookup_field = "slug"
