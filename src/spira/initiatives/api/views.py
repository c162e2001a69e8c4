from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from spira.core.api.views import SpiraModelViewSet
from spira.initiatives import services
from spira.initiatives.api.serializers import (
    ArchiveSerializer,
    InitiativeSerializer,
    SendBackSerializer,
    StageSerializer,
    TagSerializer,
)
from spira.initiatives.filtersets import InitiativeFilterSet
from spira.initiatives.models import Stage, Tag
from spira.initiatives.queries import initiative_api_queryset

_ACTION_RESPONSES = {
    200: InitiativeSerializer,
    400: OpenApiResponse(description="The transition is not allowed in this state, or the input is invalid."),
    403: OpenApiResponse(description="You may not do this."),
    404: OpenApiResponse(description="No such initiative, or not visible to you."),
}


@extend_schema_view(
    list=extend_schema(
        summary="List initiatives",
        description="Published initiatives, and the drafts you may see. Filters as on the HTML list; "
        "`q` searches titles and summaries.",
    ),
    retrieve=extend_schema(summary="One initiative"),
    create=extend_schema(summary="Start a draft", description="You become its owner."),
    partial_update=extend_schema(
        summary="Change an initiative", description="Each change writes a revision."
    ),
    destroy=extend_schema(summary="Delete a draft"),
)
class InitiativeViewSet(SpiraModelViewSet):
    queryset = initiative_api_queryset()
    serializer_class = InitiativeSerializer
    filterset_class = InitiativeFilterSet
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["show_review_comment"] = self.request.user.is_authenticated
        return context

    def perform_create(self, serializer):
        serializer.instance = services.create_initiative(self.request.user, **serializer.to_service_values())

    def perform_update(self, serializer):
        serializer.instance = services.update_initiative(
            self.request.user, serializer.instance, serializer.to_service_values()
        )

    def perform_destroy(self, instance):
        services.delete_initiative(self.request.user, instance)

    def _answer(self, initiative) -> Response:
        instance = initiative_api_queryset().get(pk=initiative.pk)
        return Response(self.get_serializer(instance).data, status=status.HTTP_200_OK)

    @extend_schema(summary="Submit a draft for review", request=None, responses=_ACTION_RESPONSES)
    @action(detail=True, methods=["post"])
    def submit(self, request, slug=None):
        return self._answer(services.submit_for_review(request.user, self.get_object()))

    @extend_schema(summary="Publish (moderators)", request=None, responses=_ACTION_RESPONSES)
    @action(detail=True, methods=["post"])
    def publish(self, request, slug=None):
        return self._answer(services.publish(request.user, self.get_object()))

    @extend_schema(
        summary="Send back to the authors with a comment (moderators)",
        request=SendBackSerializer,
        responses=_ACTION_RESPONSES,
    )
    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request, slug=None):
        initiative = self.get_object()
        serializer = SendBackSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._answer(
            services.send_back(request.user, initiative, serializer.validated_data["comment"])
        )

    @extend_schema(summary="Archive", request=ArchiveSerializer, responses=_ACTION_RESPONSES)
    @action(detail=True, methods=["post"])
    def archive(self, request, slug=None):
        initiative = self.get_object()
        serializer = ArchiveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._answer(
            services.archive(request.user, initiative, serializer.validated_data.get("reason", ""))
        )

    @extend_schema(summary="Bring back from the archive", request=None, responses=_ACTION_RESPONSES)
    @action(detail=True, methods=["post"])
    def unarchive(self, request, slug=None):
        return self._answer(services.unarchive(request.user, self.get_object()))


class StageViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Stage.objects.all()
    serializer_class = StageSerializer
    lookup_field = "code"
    pagination_class = None
    filter_backends = []


class TagViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Tag.objects.all()
    serializer_class = TagSerializer
    lookup_field = "slug"
    filter_backends = []
