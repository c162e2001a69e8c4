"""The barriers API. Every write calls the same service as the HTML pages; the services decide
who may do what, so the state-change actions need only a logged-in user here."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action

from spira.barriers import services
from spira.barriers.api.serializers import (
    AgendaInputSerializer,
    AnswerInputSerializer,
    AnswerSerializer,
    BarrierListSerializer,
    BarrierSerializer,
    EndorsementSerializer,
    EscalateInputSerializer,
    EscalationSerializer,
    OutcomeInputSerializer,
    StatusChangeInputSerializer,
    WorkshopItemSerializer,
    WorkshopSerializer,
)
from spira.barriers.choices import BarrierStatus
from spira.barriers.filtersets import (
    BarrierFilterSet,
    EndorsementFilterSet,
    EscalationAnswerFilterSet,
    EscalationFilterSet,
    WorkshopFilterSet,
)
from spira.barriers.models import Endorsement, Escalation, WorkshopBarrier
from spira.barriers.queries import answers_queryset, barrier_list_queryset, workshop_list_queryset
from spira.core.api.permissions import ReadOnlyOrAuthenticated
from spira.core.api.views import SpiraModelViewSet, SpiraReadOnlyViewSet

SERVICE_ONLY = [ReadOnlyOrAuthenticated]


@extend_schema_view(
    list=extend_schema(summary="List barriers", description="Filters as on the public register."),
)
class BarrierViewSet(SpiraModelViewSet):
    queryset = barrier_list_queryset()
    serializer_class = BarrierSerializer
    filterset_class = BarrierFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action != "list":
            queryset = queryset.prefetch_related("initiatives")
        return queryset

    def get_serializer_class(self):
        return BarrierListSerializer if self.action == "list" else BarrierSerializer

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        organisation = values.pop("organisation")
        serializer.instance = services.report_barrier(self.request.user, organisation, **values)

    def perform_update(self, serializer):
        serializer.instance = services.update_barrier(
            self.request.user, serializer.instance, **serializer.validated_data
        )

    def _change_status(self, new_status: str):
        change_status = partial(services.change_barrier_status, status=new_status)
        return self.run_action(StatusChangeInputSerializer, change_status, BarrierSerializer)

    @extend_schema(request=StatusChangeInputSerializer, responses=BarrierSerializer)
    @action(detail=True, methods=["post"], permission_classes=SERVICE_ONLY)
    def triage(self, request, pk=None):
        return self._change_status(BarrierStatus.TRIAGED)

    @extend_schema(request=StatusChangeInputSerializer, responses=BarrierSerializer)
    @action(detail=True, methods=["post"], permission_classes=SERVICE_ONLY, url_path="start-dialogue")
    def start_dialogue(self, request, pk=None):
        return self._change_status(BarrierStatus.IN_DIALOGUE)

    @extend_schema(request=StatusChangeInputSerializer, responses=BarrierSerializer)
    @action(detail=True, methods=["post"], permission_classes=SERVICE_ONLY)
    def resolve(self, request, pk=None):
        return self._change_status(BarrierStatus.RESOLVED)

    @extend_schema(request=StatusChangeInputSerializer, responses=BarrierSerializer)
    @action(detail=True, methods=["post"], permission_classes=SERVICE_ONLY)
    def close(self, request, pk=None):
        return self._change_status(BarrierStatus.CLOSED_UNRESOLVED)

    @extend_schema(request=EscalateInputSerializer, responses=EscalationSerializer)
    @action(detail=True, methods=["post"], permission_classes=SERVICE_ONLY)
    def escalate(self, request, pk=None):
        return self.run_action(
            EscalateInputSerializer,
            services.escalate_barrier,
            EscalationSerializer,
            status_code=status.HTTP_201_CREATED,
        )


class EndorsementViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, SpiraReadOnlyViewSet):
    queryset = Endorsement.objects.select_related("organisation")
    serializer_class = EndorsementSerializer
    filterset_class = EndorsementFilterSet

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.endorse_barrier(
            self.request.user, data["barrier"], data["organisation"], data.get("case_description", "")
        )

    def perform_destroy(self, instance):
        services.withdraw_endorsement(self.request.user, instance)


class EscalationViewSet(mixins.CreateModelMixin, SpiraReadOnlyViewSet):
    queryset = Escalation.objects.select_related(
        "addressed_to", "answer__organisation", "answer__redirect_to"
    )
    serializer_class = EscalationSerializer
    filterset_class = EscalationFilterSet

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.escalate_barrier(
            self.request.user,
            data["barrier"],
            data["addressed_to"],
            data["to_level"],
            data.get("message", ""),
        )

    @extend_schema(request=AnswerInputSerializer, responses=AnswerSerializer)
    @action(detail=True, methods=["post"], permission_classes=SERVICE_ONLY)
    def answer(self, request, pk=None):
        return self.run_action(
            AnswerInputSerializer,
            services.answer_escalation,
            AnswerSerializer,
            status_code=status.HTTP_201_CREATED,
        )


class AnswerViewSet(SpiraReadOnlyViewSet):
    queryset = answers_queryset()
    serializer_class = AnswerSerializer
    filterset_class = EscalationAnswerFilterSet


class WorkshopViewSet(SpiraModelViewSet):
    queryset = workshop_list_queryset().prefetch_related(
        "participant_organisations",
        Prefetch("items", queryset=WorkshopBarrier.objects.select_related("committed_by")),
    )
    serializer_class = WorkshopSerializer
    filterset_class = WorkshopFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        organiser = values.pop("organiser")
        serializer.instance = services.create_workshop(self.request.user, organiser, **values)

    def perform_update(self, serializer):
        values = dict(serializer.validated_data)
        values.pop("organiser", None)
        serializer.instance = services.update_workshop(self.request.user, serializer.instance, **values)

    @extend_schema(request=AgendaInputSerializer, responses=WorkshopItemSerializer)
    @action(detail=True, methods=["post"], permission_classes=SERVICE_ONLY)
    def agenda(self, request, pk=None):
        return self.run_action(
            AgendaInputSerializer,
            services.add_barrier_to_workshop,
            WorkshopItemSerializer,
            status_code=status.HTTP_201_CREATED,
        )

    @extend_schema(request=OutcomeInputSerializer, responses=WorkshopItemSerializer)
    @action(detail=True, methods=["post"], permission_classes=SERVICE_ONLY)
    def outcome(self, request, pk=None):
        return self.run_action(OutcomeInputSerializer, _record_outcome, WorkshopItemSerializer)


def _record_outcome(actor, workshop, barrier, **values) -> WorkshopBarrier:
    """The outcome API names the workshop and the barrier; the service takes the agenda item."""
    item = WorkshopBarrier.objects.filter(workshop=workshop, barrier=barrier).first()
    if item is None:
        raise ValidationError({"barrier": _("The barrier is not on this workshop's agenda.")})
    return services.record_workshop_outcome(actor, item, **values)
