from rest_framework import serializers

from spira.networks.models import (
    BookableResource,
    Booking,
    HubLocation,
    NeedsAssessment,
    Network,
    NetworkMembership,
    OpeningHours,
    PlanMilestone,
    PlanModule,
    ProgrammeModule,
    ProgrammePlan,
)


class NetworkSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:networks:network-detail", lookup_field="slug")
    html_url = serializers.CharField(source="get_absolute_url", read_only=True)
    coordinator = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    member_count = serializers.IntegerField(read_only=True, default=None)

    class Meta:
        model = Network
        fields = [
            "id",
            "url",
            "html_url",
            "slug",
            "kind",
            "name",
            "name_en",
            "description",
            "description_en",
            "coordinator",
            "website",
            "open_to_join",
            "member_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class NetworkMembershipSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    member_network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    cluster = serializers.CharField(source="cluster.name", read_only=True, default=None)

    class Meta:
        model = NetworkMembership
        fields = [
            "id",
            "network",
            "organisation",
            "member_network",
            "role",
            "plan",
            "cluster",
            "starts_on",
            "ends_on",
        ]
        read_only_fields = fields


class JoinSerializer(serializers.Serializer):
    organisation = serializers.SlugField(max_length=120)
    plan = serializers.CharField(max_length=20, allow_blank=True, default="")


class OpeningHoursSerializer(serializers.ModelSerializer):
    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes"]


class HubLocationSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    opening_hours = OpeningHoursSerializer(many=True, read_only=True)
    resources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = HubLocation
        fields = ["id", "network", "name", "slug", "address", "city", "opening_hours", "resources"]
        read_only_fields = fields


class BookableResourceSerializer(serializers.ModelSerializer):
    location = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    network = serializers.CharField(source="location.network.slug", read_only=True)

    class Meta:
        model = BookableResource
        fields = [
            "id",
            "network",
            "location",
            "name",
            "kind",
            "capacity",
            "description",
            "who_may_book",
            "max_days_ahead",
            "max_minutes",
            "slot_minutes",
            "is_active",
        ]
        read_only_fields = fields


class BookingSerializer(serializers.ModelSerializer):
    resource = serializers.PrimaryKeyRelatedField(queryset=BookableResource.objects.all())
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation_slug = serializers.SlugField(
        write_only=True, required=False, allow_null=True, max_length=120
    )

    class Meta:
        model = Booking
        fields = [
            "id",
            "resource",
            "organisation",
            "organisation_slug",
            "title",
            "starts_at",
            "ends_at",
            "status",
            "created_at",
        ]
        read_only_fields = ["id", "organisation", "status", "created_at"]
        extra_kwargs = {"title": {"max_length": 150, "required": False}}


class ProgrammeModuleSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ProgrammeModule
        fields = ["id", "network", "code", "name", "name_en", "description", "description_en", "position"]
        read_only_fields = fields


class NeedsAssessmentSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    answers = serializers.SerializerMethodField()
    module_scores = serializers.SerializerMethodField()

    class Meta:
        model = NeedsAssessment
        fields = ["id", "network", "organisation", "status", "submitted_at", "answers", "module_scores"]
        read_only_fields = fields

    def get_answers(self, obj) -> dict[str, int]:
        return {str(a.question_id): a.value for a in obj.answers.all()}

    def get_module_scores(self, obj) -> dict[str, str]:
        from spira.networks.services.programmes import module_scores

        return {str(k): str(v) for k, v in module_scores(obj).items()}


class AssessmentStartSerializer(serializers.Serializer):
    network = serializers.SlugField(max_length=120)
    organisation = serializers.SlugField(max_length=120)


class AnswersSerializer(serializers.Serializer):
    answers = serializers.DictField(child=serializers.JSONField(), allow_empty=False)
    submit = serializers.BooleanField(default=False)


class PlanMilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanMilestone
        fields = ["id", "title", "due_on", "done_on"]


class PlanModuleSerializer(serializers.ModelSerializer):
    module = serializers.SlugRelatedField(slug_field="code", read_only=True)
    milestones = PlanMilestoneSerializer(many=True, read_only=True)
    progress = serializers.IntegerField(read_only=True)

    class Meta:
        model = PlanModule
        fields = ["module", "need_score", "status", "progress", "milestones"]


class ProgrammePlanSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    modules = PlanModuleSerializer(source="plan_modules", many=True, read_only=True)

    class Meta:
        model = ProgrammePlan
        fields = ["id", "network", "organisation", "modules", "created_at"]
        read_only_fields = fields


class PlanCreateSerializer(serializers.Serializer):
    assessment = serializers.IntegerField(min_value=1)
    modules = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, allow_null=True, max_length=100
    )
