from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from spira.knowledge.models import Collection, KnowledgeResource, Review
from spira.networks.models import Network
from spira.organisations.models import Organisation


class KnowledgeResourceSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:knowledge:resource-detail", lookup_field="slug")
    html_url = serializers.CharField(source="get_absolute_url", read_only=True)
    publisher = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    networks = serializers.SlugRelatedField(
        slug_field="slug", queryset=Network.objects.all(), many=True, required=False
    )
    initiatives = serializers.SerializerMethodField()

    class Meta:
        model = KnowledgeResource
        fields = [
            "id",
            "url",
            "html_url",
            "slug",
            "type",
            "title",
            "title_en",
            "summary",
            "summary_en",
            "description",
            "language",
            "publisher",
            "publisher_name",
            "discipline",
            "intended_user",
            "licence",
            "country",
            "format",
            "adaptability",
            "link",
            "year",
            "research_theme",
            "networks",
            "initiatives",
            "use_count",
            "review_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "slug", "use_count", "review_count", "created_at", "updated_at"]
        extra_kwargs = {
            "title": {"max_length": 250},
            "summary": {"max_length": 1000},
            "description": {"max_length": 20000},
            "country": {"max_length": 2, "min_length": 2},
        }

    link = serializers.URLField(source="url", max_length=500, required=False, allow_blank=True)

    def get_initiatives(self, obj) -> list[dict]:
        return [
            {"slug": link.initiative.slug, "relation": link.relation}
            for link in obj.initiative_links.all()
            if link.initiative.state == "published"
        ]


@extend_schema_serializer(component_name="KnowledgeReview")
class ReviewSerializer(serializers.ModelSerializer):
    resource = serializers.SlugRelatedField(slug_field="slug", queryset=KnowledgeResource.objects.all())
    author = serializers.CharField(source="author.display_name", read_only=True, default=None)

    class Meta:
        model = Review
        fields = ["id", "resource", "author", "rating", "strengths", "limitations", "language", "created_at"]
        read_only_fields = ["id", "author", "created_at"]
        extra_kwargs = {
            "strengths": {"max_length": 3000},
            "limitations": {"max_length": 3000, "required": False},
        }


class CollectionSerializer(serializers.ModelSerializer):
    resources = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Collection
        fields = ["id", "slug", "title", "description", "is_public", "resources", "created_at"]
        read_only_fields = fields
