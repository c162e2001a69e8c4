from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from spira.core.api.parsers import StrictJSONParser
from spira.core.api.views import SpiraModelViewSet, SpiraReadOnlyViewSet, VisibleQuerysetMixin
from spira.events import services
from spira.events.api.serializers import (
    ActivitySerializer,
    ActivityUpdateSerializer,
    DecisionSerializer,
    EventSeriesSerializer,
    EventSeriesUpdateSerializer,
    RegistrationSerializer,
    TrackSerializer,
)
from spira.events.filtersets import (
    ActivityFilterSet,
    EventSeriesFilterSet,
    RegistrationFilterSet,
    TrackFilterSet,
)
from spira.events.models import Registration, SeriesOrganisation, Track
from spira.events.queries import activity_list_queryset, series_list_queryset


class StrictBodyMixin:
    parser_classes = [StrictJSONParser]


@extend_schema_view(
    list=extend_schema(
        summary="List event series", description="Each series links its calendar and its frab schedules."
    )
)
class EventSeriesViewSet(StrictBodyMixin, SpiraModelViewSet):
    queryset = series_list_queryset().prefetch_related(
        "tracks",
        Prefetch("series_organisations", queryset=SeriesOrganisation.objects.select_related("organisation")),
    )
    serializer_class = EventSeriesSerializer
    filterset_class = EventSeriesFilterSet
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        if self.action == "partial_update":
            return EventSeriesUpdateSerializer
        return EventSeriesSerializer

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        owner = values.pop("owner")
        serializer.instance = services.create_series(self.request.user, owner, **values)

    def perform_update(self, serializer):
        serializer.instance = services.update_series(
            self.request.user, serializer.instance, **serializer.validated_data
        )


class TrackViewSet(SpiraReadOnlyViewSet):
    queryset = Track.objects.select_related("series")
    serializer_class = TrackSerializer
    filterset_class = TrackFilterSet


@extend_schema_view(
    list=extend_schema(
        summary="List activities",
        description="The published programme (and, for those who may see them, proposals); filters as on the programme pages.",
    )
)
class ActivityViewSet(StrictBodyMixin, SpiraModelViewSet):
    queryset = activity_list_queryset().prefetch_related("co_organisers").order_by("starts_at", "id")
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet
    lookup_field = "slug"
    http_method_names = ["get", "patch", "head", "options"]

    def get_serializer_class(self):
        return ActivityUpdateSerializer if self.action == "partial_update" else ActivitySerializer

    def perform_update(self, serializer):
        serializer.instance = services.update_activity(
            self.request.user, serializer.instance, **serializer.validated_data
        )


@extend_schema_view(
    list=extend_schema(
        summary="List proposals", description="Proposals to the open calls that you made or moderate."
    ),
    create=extend_schema(
        summary="Propose an activity",
        description="Into a series whose call is open, for an organisation you are a member of.",
    ),
)
class ProposalViewSet(
    StrictBodyMixin,
    VisibleQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = (
        activity_list_queryset().prefetch_related("co_organisers").proposals().order_by("created_at", "id")
    )
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet
    lookup_field = "slug"
    permission_classes = [IsAuthenticated]

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        series, organiser = values.pop("series"), values.pop("organiser")
        serializer.instance = services.propose_activity(self.request.user, series, organiser, **values)

    @extend_schema(
        request=DecisionSerializer, responses=ActivitySerializer, summary="Approve and publish a proposal"
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, slug=None):
        decision = DecisionSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        activity = services.approve_activity(
            request.user, self.get_object(), decision.validated_data["reason"]
        )
        return Response(ActivitySerializer(activity, context=self.get_serializer_context()).data)

    @extend_schema(
        request=DecisionSerializer, responses=ActivitySerializer, summary="Reject a proposal, with a reason"
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, slug=None):
        decision = DecisionSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        activity = services.reject_activity(
            request.user, self.get_object(), decision.validated_data["reason"]
        )
        return Response(ActivitySerializer(activity, context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(summary="Your registrations"),
    create=extend_schema(
        summary="Register for an activity",
        description="A seat, or a place on the waiting list when it is full.",
    ),
)
class RegistrationViewSet(
    StrictBodyMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = RegistrationSerializer
    filterset_class = RegistrationFilterSet
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return (
            Registration.objects.own(self.request.user)
            .select_related("activity")
            .order_by("-queued_at", "-id")
        )

    def perform_create(self, serializer):
        values = serializer.validated_data
        activity = (
            activity_list_queryset().visible_to(self.request.user).filter(pk=values["activity"].pk).first()
        )
        if activity is None:
            from rest_framework.exceptions import ValidationError

            raise ValidationError({"activity": ["Object with slug does not exist."]})
        serializer.instance = services.register(
            self.request.user, activity, organisation_name=values.get("organisation_name", "")
        )

    @extend_schema(request=None, responses=RegistrationSerializer, summary="Cancel your registration")
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        registration = services.cancel_registration(request.user, self.get_object())
        return Response(
            RegistrationSerializer(registration, context=self.get_serializer_context()).data,
            status=status.HTTP_200_OK,
        )
