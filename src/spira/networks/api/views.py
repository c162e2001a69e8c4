from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from spira.core.api.permissions import RulesObjectPermission
from spira.core.api.views import SpiraReadOnlyViewSet, VisibleQuerysetMixin
from spira.networks import services
from spira.networks.api import serializers as s
from spira.networks.filtersets import BookingFilterSet, NetworkFilterSet, NetworkMembershipFilterSet
from spira.networks.models import (
    AssessmentAnswer,
    BookableResource,
    Booking,
    HubLocation,
    NeedsAssessment,
    Network,
    NetworkMembership,
    OpeningHours,
    ProgrammeModule,
)
from spira.networks.queries import network_list_queryset, plan_queryset
from spira.organisations.models import Organisation


@extend_schema_view(list=extend_schema(summary="List networks", description="Filters as on the HTML list."))
class NetworkViewSet(SpiraReadOnlyViewSet):
    queryset = network_list_queryset()
    serializer_class = s.NetworkSerializer
    filterset_class = NetworkFilterSet
    lookup_field = "slug"

    @extend_schema(
        request=s.JoinSerializer,
        responses=s.NetworkMembershipSerializer,
        summary="Join a network open to join",
    )
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def join(self, request, slug=None):
        network = self.get_object()
        data = s.JoinSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        organisation = Organisation.objects.filter(slug=data.validated_data["organisation"]).first()
        if organisation is None:
            raise ValidationError({"organisation": _("No such organisation.")})
        membership = services.join_network(
            request.user, network, organisation, plan=data.validated_data["plan"]
        )
        return Response(s.NetworkMembershipSerializer(membership).data, status=status.HTTP_201_CREATED)


class NetworkMembershipViewSet(SpiraReadOnlyViewSet):
    queryset = (
        NetworkMembership.objects.current()
        .select_related("network", "organisation", "member_network", "cluster")
        .order_by("network__name", "pk")
    )
    serializer_class = s.NetworkMembershipSerializer
    filterset_class = NetworkMembershipFilterSet


class HubLocationViewSet(SpiraReadOnlyViewSet):
    queryset = (
        HubLocation.objects.select_related("network")
        .prefetch_related(
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday")), "resources"
        )
        .order_by("network__name", "name")
    )
    serializer_class = s.HubLocationSerializer
    filterset_fields = {"network__slug": ["exact"]}


class BookableResourceViewSet(SpiraReadOnlyViewSet):
    queryset = BookableResource.objects.select_related("location", "location__network").order_by(
        "location__name", "name"
    )
    serializer_class = s.BookableResourceSerializer
    filterset_fields = {"kind": ["exact"], "location__network__slug": ["exact"]}


class BookingViewSet(VisibleQuerysetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The user's own bookings (and, for hub managers, their hubs'). POST books; cancel frees the time."""

    queryset = Booking.objects.select_related("resource", "organisation").order_by("starts_at", "pk")
    serializer_class = s.BookingSerializer
    filterset_class = BookingFilterSet
    permission_classes = [permissions.IsAuthenticated, RulesObjectPermission]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        slug = data.pop("organisation_slug", None)
        organisation = None
        if slug:
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is None:
                raise ValidationError({"organisation_slug": _("No such organisation.")})
        serializer.instance = services.book_resource(
            self.request.user,
            data["resource"],
            data["starts_at"],
            data["ends_at"],
            organisation=organisation,
            title=data.get("title", ""),
        )

    @extend_schema(request=None, responses=s.BookingSerializer, summary="Cancel a booking")
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        booking = self.get_object()
        booking = services.cancel_booking(request.user, booking)
        return Response(s.BookingSerializer(booking).data)


class ProgrammeModuleViewSet(SpiraReadOnlyViewSet):
    queryset = ProgrammeModule.objects.select_related("network").order_by("network__name", "position", "pk")
    serializer_class = s.ProgrammeModuleSerializer
    filterset_fields = {"network__slug": ["exact"]}


class NeedsAssessmentViewSet(VisibleQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Assessments of the user's organisations (all of a programme's for its managers). POST
    starts one; POST answers saves answers on the questions' scales (and submits with submit=true)."""

    queryset = (
        NeedsAssessment.objects.select_related("network", "organisation")
        .prefetch_related(Prefetch("answers", queryset=AssessmentAnswer.objects.select_related("question")))
        .order_by("network__name", "organisation__name", "pk")
    )
    serializer_class = s.NeedsAssessmentSerializer
    permission_classes = [permissions.IsAuthenticated, RulesObjectPermission]
    filterset_fields = {"network__slug": ["exact"], "status": ["exact"]}

    @extend_schema(
        request=s.AssessmentStartSerializer,
        responses=s.NeedsAssessmentSerializer,
        summary="Start a needs assessment",
    )
    def create(self, request):
        data = s.AssessmentStartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        network = Network.objects.filter(slug=data.validated_data["network"]).first()
        organisation = Organisation.objects.filter(slug=data.validated_data["organisation"]).first()
        if network is None or organisation is None:
            raise ValidationError({"network" if network is None else "organisation": _("Not found.")})
        assessment = services.start_assessment(request.user, network, organisation)
        return Response(s.NeedsAssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.AnswersSerializer, responses=s.NeedsAssessmentSerializer, summary="Answer (and submit)"
    )
    @action(detail=True, methods=["post"])
    def answers(self, request, pk=None):
        assessment = self.get_object()
        data = s.AnswersSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.answer_assessment(request.user, assessment, data.validated_data["answers"])
        if data.validated_data["submit"]:
            services.submit_assessment(request.user, assessment)
        return Response(s.NeedsAssessmentSerializer(self.get_queryset().get(pk=assessment.pk)).data)


class ProgrammePlanViewSet(VisibleQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = plan_queryset().order_by("network__name", "organisation__name", "pk")
    serializer_class = s.ProgrammePlanSerializer
    permission_classes = [permissions.IsAuthenticated, RulesObjectPermission]
    filterset_fields = {"network__slug": ["exact"]}

    @extend_schema(
        request=s.PlanCreateSerializer,
        responses=s.ProgrammePlanSerializer,
        summary="Make a plan from an assessment",
    )
    def create(self, request):
        data = s.PlanCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assessment = (
            NeedsAssessment.objects.visible_to(request.user)
            .filter(pk=data.validated_data["assessment"])
            .first()
        )
        if assessment is None:
            raise ValidationError({"assessment": _("Not found.")})
        plan = services.create_plan(request.user, assessment, data.validated_data.get("modules"))
        return Response(
            s.ProgrammePlanSerializer(plan_queryset().get(pk=plan.pk)).data, status=status.HTTP_201_CREATED
        )
