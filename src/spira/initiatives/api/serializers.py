"""The initiative as JSON. Serializers check shapes and types; the services decide and save."""

from rest_framework import serializers

from spira.initiatives.choices import OrganisationRole
from spira.initiatives.models import Initiative, InitiativeLink, InitiativeOrganisation, Stage, Tag
from spira.initiatives.services import SCALAR_FIELDS
from spira.organisations.models import Organisation, Sdg


class ParticipationSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    organisation_name = serializers.CharField(source="organisation.display_name", read_only=True)
    role = serializers.ChoiceField(choices=OrganisationRole.choices)

    class Meta:
        model = InitiativeOrganisation
        fields = ["organisation", "organisation_name", "role"]


class LinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = InitiativeLink
        fields = ["url", "title"]
        extra_kwargs = {"title": {"required": False, "allow_blank": True}}


class StageSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="get_code_display", read_only=True)

    class Meta:
        model = Stage
        fields = ["code", "name", "order"]


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["name", "slug"]


class TagNamesField(serializers.ListField):
    """Tags as a list of names, read and written; new names become new tags."""

    child = serializers.CharField(max_length=80)

    def to_representation(self, data):
        return [tag.name for tag in data.all()]


class InitiativeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:initiatives:initiative-detail", lookup_field="slug"
    )
    html_url = serializers.SerializerMethodField()
    coordinator = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    coordinator_name = serializers.CharField(source="coordinator.display_name", read_only=True, default=None)
    funder = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    funding_sek = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=10**15)
    start_month = serializers.DateField(required=False, allow_null=True, input_formats=["%Y-%m", "%Y-%m-%d"])
    end_month = serializers.DateField(required=False, allow_null=True, input_formats=["%Y-%m", "%Y-%m-%d"])
    stages = serializers.SlugRelatedField(
        slug_field="code", queryset=Stage.objects.all(), many=True, required=False
    )
    sdgs = serializers.SlugRelatedField(
        slug_field="number", queryset=Sdg.objects.all(), many=True, required=False
    )
    tags = TagNamesField(required=False, max_length=30)
    participations = ParticipationSerializer(many=True, required=False)
    links = LinkSerializer(many=True, required=False)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "url",
            "html_url",
            "slug",
            "state",
            "published_at",
            *SCALAR_FIELDS,
            "coordinator_name",
            "stages",
            "sdgs",
            "tags",
            "participations",
            "links",
            "origin",
            "imported_at",
            "review_comment",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "slug",
            "state",
            "published_at",
            "origin",
            "imported_at",
            "review_comment",
            "created_at",
            "updated_at",
        ]
        # The model's unique check would run before the service; the service answers it instead.
        extra_kwargs = {"reference_number": {"validators": []}}

    def get_html_url(self, obj) -> str:
        return obj.get_absolute_url()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("show_review_comment", False):
            data.pop("review_comment", None)
        return data

    def to_service_values(self) -> dict:
        """validated_data in the shape the services take."""
        values = dict(self.validated_data)
        if "participations" in values:
            values["participations"] = [
                {"organisation": item["organisation"], "role": item["role"]}
                for item in values["participations"]
            ]
        if "links" in values:
            values["links"] = [
                {"url": item["url"], "title": item.get("title", "")} for item in values["links"]
            ]
        return values


class SendBackSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=5000)


class ArchiveSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True)
