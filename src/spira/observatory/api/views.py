from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from spira.core.api.views import SpiraReadOnlyViewSet
from spira.observatory import services
from spira.observatory.api.serializers import (
    EffectGoalSerializer,
    MeasurementCreateSerializer,
    MeasurementSerializer,
)
from spira.observatory.dashboard import national_sections, size_comparison
from spira.observatory.models import EffectGoal, Measurement
from spira.observatory.scope import FILTER_NAMES, read_scope


class EffectGoalFilterSet(filters.FilterSet):
    initiative = filters.CharFilter(field_name="initiative__slug")

    class Meta:
        model = EffectGoal
        fields = ["initiative", "unit"]


class EffectGoalViewSet(SpiraReadOnlyViewSet):
    """Effect goals of the initiatives you may see, with their measured values. POST
    .../measurements/ reports a value (the initiative's editors)."""

    serializer_class = EffectGoalSerializer
    filterset_class = EffectGoalFilterSet
    queryset = (
        EffectGoal.objects.select_related("initiative")
        .prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on", "pk"))
        )
        .order_by("pk")
    )

    @extend_schema(request=MeasurementCreateSerializer, responses={201: MeasurementSerializer})
    @action(detail=True, methods=["post"])
    def measurements(self, request, pk=None):
        goal = self.get_object()
        serializer = MeasurementCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        measurement = services.record_measurement(request.user, goal, **serializer.validated_data)
        return Response(MeasurementSerializer(measurement).data, status=status.HTTP_201_CREATED)


def _chart_json(chart) -> dict:
    return {"id": chart.id, "title": chart.title, "categories": chart.categories, "series": chart.series}


class IndicatorsView(APIView):
    """The national dashboard as JSON, with the same filters as the page."""

    @extend_schema(
        summary="National indicators (the dashboard's charts as data)",
        parameters=[
            OpenApiParameter(name, str, description="Same filter as on the dashboard page")
            for name in FILTER_NAMES
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        form, scope, unknown = read_scope(request.query_params, ("lang",))
        errors = {name: [str(e) for e in messages] for name, messages in form.errors.items()}
        for name in unknown:
            errors[name] = [f"Unknown filter; use {', '.join(FILTER_NAMES)}."]
        if errors:
            raise ValidationError(errors)
        return Response(
            {
                "filters": {name: getattr(scope, name) for name in FILTER_NAMES},
                "size_comparison": _chart_json(size_comparison(scope)),
                "sections": [
                    {"name": s.name, "label": s.label, "charts": [_chart_json(c) for c in s.charts]}
                    for s in national_sections(scope)
                ],
            }
        )
