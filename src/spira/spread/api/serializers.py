from rest_framework import serializers

from spira.initiatives.models import Initiative
from spira.organisations.models import Organisation
from spira.spread.choices import (
    NAME_MAX_LENGTH,
    REASON_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    AdoptionStatus,
    CostBand,
    Effort,
    Maturity,
    SolutionKind,
)
from spira.spread.models import Adoption, Solution, SolutionLink


def organisation_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all(), **kwargs)


class SolutionLinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = SolutionLink
        fields = ["title", "url", "is_procurement"]


class SolutionSerializer(serializers.ModelSerializer):
    """A solution. On create, `owner` is the sharing organisation (its slug)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:spread:solution-detail", lookup_field="slug")
    html_url = serializers.SerializerMethodField()
    publiccode_url = serializers.SerializerMethodField()
    owner = organisation_field()
    initiatives = serializers.SlugRelatedField(
        slug_field="slug", queryset=Initiative.objects.all(), many=True, required=False
    )
    name = serializers.CharField(max_length=NAME_MAX_LENGTH)
    summary = serializers.CharField(max_length=SUMMARY_MAX_LENGTH)
    description = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=SolutionKind.choices)
    maturity = serializers.ChoiceField(choices=Maturity.choices, required=False)
    cost_band = serializers.ChoiceField(choices=CostBand.choices, required=False, allow_blank=True)
    effort = serializers.ChoiceField(choices=Effort.choices, required=False, allow_blank=True)
    links = SolutionLinkSerializer(many=True, required=False)

    class Meta:
        model = Solution
        fields = [
            "id", "slug", "url", "html_url", "publiccode_url", "name", "language", "summary", "description",
            "kind", "maturity", "owner", "initiatives", "cost_band", "effort", "competences", "licence",
            "contact_name", "contact_email", "website", "repository_url", "software_version",
            "development_status", "software_type", "procurement_requirements",
            "procurement_evaluation_model", "framework_agreement", "has_procurement_documents",
            "adopter_count", "links", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["slug", "has_procurement_documents", "adopter_count", "created_at", "updated_at"]

    def get_html_url(self, obj) -> str:
        return obj.get_absolute_url()

    def get_publiccode_url(self, obj) -> str | None:
        from django.urls import reverse

        return reverse("spread:solution_publiccode", kwargs={"slug": obj.slug}) if obj.is_software else None


class SolutionListSerializer(SolutionSerializer):
    class Meta(SolutionSerializer.Meta):
        fields = [
            "id", "slug", "url", "html_url", "name", "summary", "kind", "maturity", "owner", "cost_band",
            "effort", "licence", "has_procurement_documents", "adopter_count", "created_at",
        ]  # fmt: skip


class AdoptionSerializer(serializers.ModelSerializer):
    """An adoption. On create: `solution` and `adopter` (slugs), optionally `source` and `status`."""

    url = serializers.HyperlinkedIdentityField(view_name="api:spread:adoption-detail")
    solution = serializers.SlugRelatedField(slug_field="slug", queryset=Solution.objects.all())
    adopter = organisation_field()
    source = organisation_field(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=AdoptionStatus.choices, required=False)
    is_verified = serializers.BooleanField(read_only=True)
    adaptations = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)
    effect = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)

    class Meta:
        model = Adoption
        fields = [
            "id", "url", "solution", "adopter", "source", "status", "interested_on", "pilot_started_on",
            "in_use_since", "discontinued_on", "discontinued_reason", "adaptations", "effect", "indicator",
            "indicator_unit", "baseline", "result", "adopter_confirmed_at", "source_confirmed_at",
            "is_verified", "started_on", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "interested_on", "pilot_started_on", "in_use_since", "discontinued_on", "discontinued_reason",
            "adopter_confirmed_at", "source_confirmed_at", "started_on", "created_at", "updated_at",
        ]  # fmt: skip


class AdoptionUpdateSerializer(serializers.ModelSerializer):
    adaptations = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)
    effect = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)

    class Meta:
        model = Adoption
        fields = ["adaptations", "effect", "indicator", "indicator_unit", "baseline", "result"]


class StatusInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AdoptionStatus.choices)
    on = serializers.DateField(required=False, allow_null=True)
    reason = serializers.CharField(max_length=REASON_MAX_LENGTH, required=False, allow_blank=True, default="")


class ConfirmInputSerializer(serializers.Serializer):
    organisation = organisation_field()


class InterestInputSerializer(serializers.Serializer):
    organisation = organisation_field()
