"""The ideas API. Every write calls the same service as the HTML pages (the move action calls
`move_idea`), so the services decide who may do what."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from spira.core.api.permissions import ReadOnlyOrAuthenticated
from spira.core.api.views import SpiraReadOnlyViewSet, VisibleQuerysetMixin
from spira.ideas import services
from spira.ideas.analytics import sluice_analytics
from spira.ideas.api.serializers import (
    IdeaCreateSerializer,
    IdeaSerializer,
    MoveSerializer,
    ReviewSerializer,
    ReviewSubmitSerializer,
    SluiceSerializer,
    SluiceUpdateSerializer,
    StageCreateSerializer,
    StageSerializer,
)
from spira.ideas.filtersets import IdeaFilterSet, SluiceFilterSet
from spira.ideas.models import Review, Sluice, Stage
from spira.ideas.queries import idea_list_queryset

SERVICE_ONLY = [ReadOnlyOrAuthenticated]


class SluiceViewSet(
    VisibleQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Sluice.objects.select_related("organisation").prefetch_related(
        "stages", "criteria", "challenges"
    )
    serializer_class = SluiceSerializer
    filterset_class = SluiceFilterSet
    lookup_field = "slug"
    permission_classes = SERVICE_ONLY
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        return SluiceUpdateSerializer if self.action == "partial_update" else SluiceSerializer

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        organisation = values.pop("organisation")
        serializer.instance = services.create_sluice(self.request.user, organisation, **values)

    def perform_update(self, serializer):
        serializer.instance = services.update_sluice(
            self.request.user, serializer.instance, **serializer.validated_data
        )

    @extend_schema(summary="Analytics of one sluice", responses={200: dict})
    @action(detail=True, methods=["get"], filter_backends=[])
    def analytics(self, request, slug=None):
        return Response(sluice_analytics(self.get_object()).as_dict())


class StageViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Stage.objects.select_related("sluice").order_by("sluice_id", "position", "id")
    serializer_class = StageSerializer
    filterset_fields = {"sluice__slug": ["exact"], "stage_type": ["exact"]}
    permission_classes = SERVICE_ONLY
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        return StageCreateSerializer if self.action == "create" else StageSerializer

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        sluice = values.pop("sluice")
        serializer.instance = services.add_stage(self.request.user, sluice, **values)

    def perform_update(self, serializer):
        serializer.instance = services.update_stage(
            self.request.user, serializer.instance, **serializer.validated_data
        )


class IdeaViewSet(
    VisibleQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = idea_list_queryset()
    serializer_class = IdeaSerializer
    filterset_class = IdeaFilterSet
    permission_classes = SERVICE_ONLY

    def get_serializer_class(self):
        if self.action == "create":
            return IdeaCreateSerializer
        if self.action == "move":
            return MoveSerializer
        return IdeaSerializer

    @extend_schema(request=IdeaCreateSerializer, responses={201: IdeaSerializer})
    def create(self, request, *args, **kwargs):
        data = IdeaCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        sluice = values.pop("sluice")
        idea = services.submit_idea(request.user, sluice, ip=request.META.get("REMOTE_ADDR"), **values)
        return Response(IdeaSerializer(idea, context=self.get_serializer_context()).data, status=201)

    @extend_schema(
        summary="Move an idea to another stage", request=MoveSerializer, responses={200: IdeaSerializer}
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def move(self, request, pk=None):
        idea = self.get_object()
        data = MoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        idea = services.move_idea(
            request.user, idea, data.validated_data["stage"], data.validated_data["answer"]
        )
        idea = self.get_queryset().get(pk=idea.pk)
        return Response(IdeaSerializer(idea, context=self.get_serializer_context()).data)


class ReviewViewSet(SpiraReadOnlyViewSet):
    """The reviews assigned to the person asking; `submit` saves the scores (1–5 per criterion)."""

    queryset = Review.objects.select_related("round").prefetch_related("scores").order_by("-id")
    serializer_class = ReviewSerializer
    filterset_fields = {"submitted_at": ["isnull"]}

    @extend_schema(summary="Submit scores", request=ReviewSubmitSerializer, responses={200: ReviewSerializer})
    @action(detail=True, methods=["post"], filter_backends=[], permission_classes=SERVICE_ONLY)
    def submit(self, request, pk=None):
        review = get_object_or_404(Review.objects.visible_to(request.user), pk=pk)
        data = ReviewSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review = services.submit_review(
            request.user, review, data.validated_data["scores"], data.validated_data["comment"]
        )
        review = Review.objects.prefetch_related("scores").select_related("round").get(pk=review.pk)
        return Response(ReviewSerializer(review).data)


class AnalyticsView(APIView):
    """The analytics across all sluices (the same numbers as /ideer/analys/)."""

    permission_classes = SERVICE_ONLY

    @extend_schema(summary="Analytics across all sluices", responses={200: dict})
    def get(self, request):
        return Response(sluice_analytics(None).as_dict())
