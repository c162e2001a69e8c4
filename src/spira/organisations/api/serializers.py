from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from spira.organisations.choices import REGISTRABLE_KIND_CHOICES, OrganisationKind
from spira.organisations.models import County, Organisation, Sdg
from spira.organisations.validators import normalise_org_number


class CountySerializer(serializers.ModelSerializer):
    class Meta:
        model = County
        fields = ["code", "letter", "name", "short_name"]


class OrganisationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:organisations:organisation-detail", lookup_field="slug"
    )
    html_url = serializers.SerializerMethodField()
    county = serializers.SlugRelatedField(
        slug_field="code", queryset=County.objects.all(), required=False, allow_null=True
    )
    county_name = serializers.CharField(source="county.name", read_only=True, default=None, allow_null=True)
    # Every kind is listed; only the kinds a user may register are accepted on writes (municipalities,
    # regions and agencies come from the registers).
    kind = serializers.ChoiceField(choices=OrganisationKind.choices)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "url",
            "html_url",
            "slug",
            "kind",
            "name",
            "name_en",
            "full_name",
            "short_name",
            "municipality_code",
            "org_number",
            "county",
            "county_name",
            "population",
            "population_year",
            "latitude",
            "longitude",
            "city",
            "website",
            "description",
            "description_en",
            "is_reference",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "slug",
            "municipality_code",
            "population",
            "population_year",
            "latitude",
            "longitude",
            "is_reference",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "name": {"max_length": 200},
            "description": {"max_length": 20000},
            "description_en": {"max_length": 20000},
        }

    def get_html_url(self, obj) -> str:
        return obj.get_absolute_url()

    def validate_kind(self, value):
        if value not in dict(REGISTRABLE_KIND_CHOICES):
            raise serializers.ValidationError(
                _("Municipalities, regions and government agencies come from the official registers.")
            )
        return value

    def validate_org_number(self, value):
        if not value:
            return None
        try:
            return normalise_org_number(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc


class SdgSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sdg
        fields = ["number", "name_sv", "name_en", "color"]
