from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from spira.ideas.choices import (
    ANSWER_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Language,
    StageType,
    TargetGroup,
    Theme,
)
from spira.ideas.models import Challenge, Criterion, Idea, Review, Sluice, Stage
from spira.organisations.models import Organisation


@extend_schema_serializer(component_name="SluiceStage")
class StageSerializer(serializers.ModelSerializer):
    sluice = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    stage_type = serializers.ChoiceField(choices=StageType.choices)
    name_sv = serializers.CharField(max_length=100)
    name_en = serializers.CharField(max_length=100, required=False, allow_blank=True)
    position = serializers.IntegerField(min_value=0, max_value=30000, required=False)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)

    class Meta:
        model = Stage
        fields = ["id", "sluice", "name_sv", "name_en", "stage_type", "position", "description"]


@extend_schema_serializer(component_name="SluiceStageCreate")
class StageCreateSerializer(StageSerializer):
    sluice = serializers.SlugRelatedField(slug_field="slug", queryset=Sluice.objects.all())


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "name_sv", "name_en", "weight", "position"]


class ChallengeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Challenge
        fields = [
            "id",
            "title",
            "description",
            "starts_on",
            "ends_on",
            "target_group",
            "strategy",
            "strategy_url",
        ]


class SluiceSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:ideas:sluice-detail", lookup_field="slug")
    organisation = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    name = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    description = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)
    target_group = serializers.ChoiceField(choices=TargetGroup.choices, required=False)
    contact_retention_days = serializers.IntegerField(min_value=0, max_value=3650, required=False)
    stages = StageSerializer(many=True, read_only=True)
    criteria = CriterionSerializer(many=True, read_only=True)
    challenges = ChallengeSerializer(many=True, read_only=True)

    class Meta:
        model = Sluice
        fields = [
            "url",
            "slug",
            "name",
            "organisation",
            "description",
            "target_group",
            "is_open",
            "anonymous_reviews",
            "contact_retention_days",
            "stages",
            "criteria",
            "challenges",
        ]
        read_only_fields = ["slug"]


class SluiceUpdateSerializer(SluiceSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)


class IdeaSerializer(serializers.ModelSerializer):
    """An idea as the public sees it (contact data only for the sluice's coordinators)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:ideas:idea-detail")
    sluice = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    stage = serializers.PrimaryKeyRelatedField(read_only=True)
    stage_type = serializers.CharField(source="stage.stage_type", read_only=True)
    stage_name = serializers.CharField(source="stage.name", read_only=True)
    coach = serializers.SerializerMethodField()
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Idea
        fields = [
            "url",
            "id",
            "sluice",
            "challenge",
            "stage",
            "stage_type",
            "stage_name",
            "title",
            "need",
            "description",
            "beneficiaries",
            "theme",
            "language",
            "origin",
            "is_public",
            "is_hidden",
            "submitted_at",
            "first_answer_at",
            "closed_at",
            "public_answer",
            "support_count",
            "score",
            "coach",
            "merged_into",
            "initiative",
        ]
        read_only_fields = fields

    def get_coach(self, idea) -> str | None:
        return idea.coach.display_name or None if idea.coach_id else None


class IdeaCreateSerializer(serializers.Serializer):
    sluice = serializers.SlugRelatedField(slug_field="slug", queryset=Sluice.objects.all())
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    need = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    description = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    beneficiaries = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    theme = serializers.ChoiceField(choices=Theme.choices, required=False)
    language = serializers.ChoiceField(choices=Language.choices, required=False)
    is_public = serializers.BooleanField(required=False)
    challenge = serializers.PrimaryKeyRelatedField(
        queryset=Challenge.objects.all(), required=False, allow_null=True
    )


class MoveSerializer(serializers.Serializer):
    stage = serializers.PrimaryKeyRelatedField(queryset=Stage.objects.all())
    answer = serializers.CharField(max_length=ANSWER_MAX_LENGTH, required=False, allow_blank=True, default="")


@extend_schema_serializer(component_name="IdeaReview")
class ReviewSerializer(serializers.ModelSerializer):
    idea = serializers.IntegerField(source="round.idea_id", read_only=True)
    stage = serializers.IntegerField(source="round.stage_id", read_only=True)
    scores = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = ["id", "idea", "stage", "comment", "submitted_at", "scores"]
        read_only_fields = fields

    def get_scores(self, review) -> dict[str, int]:
        return {str(s.criterion_id): s.value for s in review.scores.all()}


class ReviewSubmitSerializer(serializers.Serializer):
    scores = serializers.DictField(child=serializers.IntegerField(), allow_empty=False)
    comment = serializers.CharField(
        max_length=COMMENT_MAX_LENGTH, required=False, allow_blank=True, default=""
    )
