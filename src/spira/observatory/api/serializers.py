from rest_framework import serializers

from spira.observatory.choices import Unit
from spira.observatory.models import EffectGoal, Measurement


class MeasurementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measurement
        fields = ["id", "value", "unit", "measured_on", "note"]


class MeasurementCreateSerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=18, decimal_places=4)
    unit = serializers.ChoiceField(choices=Unit.choices)
    measured_on = serializers.DateField()
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class EffectGoalSerializer(serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    measurements = MeasurementSerializer(many=True, read_only=True)

    class Meta:
        model = EffectGoal
        fields = [
            "id",
            "initiative",
            "indicator",
            "unit",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "measurements",
        ]
