from rest_framework import serializers

from spira.barriers.choices import (
    REASON_MAX_LENGTH,
    SHORT_TEXT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    AnswerDecision,
    BarrierKind,
    BarrierStatus,
    Level,
)
from spira.barriers.models import (
    Barrier,
    Endorsement,
    Escalation,
    EscalationAnswer,
    Workshop,
    WorkshopBarrier,
)
from spira.initiatives.models import Initiative
from spira.organisations.models import Organisation


def organisation_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all(), **kwargs)


class BarrierSerializer(serializers.ModelSerializer):
    """A barrier. On create, `organisation` is the reporting organisation (its slug)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:barriers:barrier-detail")
    html_url = serializers.SerializerMethodField()
    organisation = organisation_field(write_only=True)
    reporter_organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    authority = organisation_field(required=False, allow_null=True)
    initiatives = serializers.SlugRelatedField(
        slug_field="slug", queryset=Initiative.objects.all(), many=True, required=False
    )
    kind = serializers.ChoiceField(choices=BarrierKind.choices)
    mandate_level = serializers.ChoiceField(choices=Level.choices)
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Barrier
        fields = [
            "id",
            "url",
            "html_url",
            "title",
            "description",
            "case_description",
            "kind",
            "mandate_level",
            "current_level",
            "authority",
            "legal_reference",
            "consequences",
            "proposed_change",
            "status",
            "organisation",
            "reporter_organisation",
            "initiatives",
            "affected_organisations",
            "affected_population",
            "answer_due",
            "is_overdue",
            "reported_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "current_level",
            "status",
            "affected_organisations",
            "affected_population",
            "answer_due",
            "reported_at",
            "updated_at",
        ]
        extra_kwargs = {
            "title": {"max_length": TITLE_MAX_LENGTH},
            "description": {"max_length": TEXT_MAX_LENGTH},
            "case_description": {"max_length": TEXT_MAX_LENGTH},
            "consequences": {"max_length": TEXT_MAX_LENGTH},
            "proposed_change": {"max_length": TEXT_MAX_LENGTH},
        }

    def get_html_url(self, obj) -> str:
        return obj.get_absolute_url()

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            # The reporting organisation is fixed once a barrier exists.
            fields.pop("organisation", None)
        return fields


class BarrierListSerializer(BarrierSerializer):
    """The list leaves out the linked initiatives (one query fewer per page)."""

    class Meta(BarrierSerializer.Meta):
        fields = [name for name in BarrierSerializer.Meta.fields if name != "initiatives"]


class StatusChangeInputSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=REASON_MAX_LENGTH, default="")


class StatusInputSerializer(StatusChangeInputSerializer):
    status = serializers.ChoiceField(choices=BarrierStatus.choices)


class EscalateInputSerializer(serializers.Serializer):
    authority = organisation_field()
    level = serializers.ChoiceField(choices=Level.choices)
    message = serializers.CharField(required=False, allow_blank=True, max_length=TEXT_MAX_LENGTH, default="")


class EndorsementSerializer(serializers.ModelSerializer):
    barrier = serializers.PrimaryKeyRelatedField(queryset=Barrier.objects.all())
    organisation = organisation_field()
    organisation_name = serializers.CharField(source="organisation.display_name", read_only=True)
    population = serializers.IntegerField(source="organisation.population", read_only=True, default=None)

    class Meta:
        model = Endorsement
        fields = [
            "id",
            "barrier",
            "organisation",
            "organisation_name",
            "population",
            "case_description",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]
        extra_kwargs = {"case_description": {"max_length": SHORT_TEXT_MAX_LENGTH}}
        # The service answers a second endorsement with its own message.
        validators = []


class AnswerSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    redirect_to = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    barrier = serializers.IntegerField(source="escalation.barrier_id", read_only=True)

    class Meta:
        model = EscalationAnswer
        fields = [
            "id",
            "escalation",
            "barrier",
            "organisation",
            "decision",
            "text",
            "redirect_to",
            "created_at",
        ]
        read_only_fields = fields


class AnswerInputSerializer(serializers.Serializer):
    organisation = organisation_field()
    decision = serializers.ChoiceField(choices=AnswerDecision.choices)
    text = serializers.CharField(max_length=TEXT_MAX_LENGTH, allow_blank=True)
    redirect_to = organisation_field(required=False, allow_null=True, default=None)


class EscalationSerializer(serializers.ModelSerializer):
    barrier = serializers.PrimaryKeyRelatedField(queryset=Barrier.objects.all())
    addressed_to = organisation_field()
    is_overdue = serializers.BooleanField(read_only=True)
    answer = serializers.SerializerMethodField()

    class Meta:
        model = Escalation
        fields = [
            "id",
            "barrier",
            "from_level",
            "to_level",
            "addressed_to",
            "message",
            "state",
            "deadline",
            "is_overdue",
            "previous",
            "answer",
            "created_at",
        ]
        read_only_fields = ["id", "from_level", "state", "deadline", "previous", "created_at"]
        extra_kwargs = {"message": {"max_length": TEXT_MAX_LENGTH, "required": False}}

    def get_answer(self, obj) -> dict | None:
        answer = getattr(obj, "answer", None) if obj.state != "open" else None
        return AnswerSerializer(answer).data if answer is not None else None


class WorkshopItemSerializer(serializers.ModelSerializer):
    committed_by = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = WorkshopBarrier
        fields = [
            "id",
            "barrier",
            "position",
            "recommendation",
            "commitment",
            "committed_by",
            "follow_up_on",
            "outcome_recorded_at",
        ]
        read_only_fields = fields


class WorkshopSerializer(serializers.ModelSerializer):
    organiser = organisation_field()
    participant_organisations = organisation_field(many=True, required=False)
    items = WorkshopItemSerializer(many=True, read_only=True)

    class Meta:
        model = Workshop
        fields = [
            "id",
            "title",
            "organiser",
            "starts_at",
            "ends_at",
            "location",
            "agenda",
            "participant_organisations",
            "items",
            "created_at",
        ]
        read_only_fields = ["id", "items", "created_at"]
        extra_kwargs = {"title": {"max_length": TITLE_MAX_LENGTH}, "agenda": {"max_length": TEXT_MAX_LENGTH}}


class AgendaInputSerializer(serializers.Serializer):
    barrier = serializers.PrimaryKeyRelatedField(queryset=Barrier.objects.all())


class OutcomeInputSerializer(serializers.Serializer):
    barrier = serializers.PrimaryKeyRelatedField(queryset=Barrier.objects.all())
    recommendation = serializers.CharField(
        required=False, allow_blank=True, max_length=SHORT_TEXT_MAX_LENGTH, default=""
    )
    commitment = serializers.CharField(
        required=False, allow_blank=True, max_length=SHORT_TEXT_MAX_LENGTH, default=""
    )
    committed_by = organisation_field(required=False, allow_null=True, default=None)
    follow_up_on = serializers.DateField(required=False, allow_null=True, default=None)
