from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from spira.accounts.choices import Language
from spira.accounts.models import ApiToken, User
from spira.accounts.queries import membership_list_queryset


class StrictFieldsMixin:
    """Refuse fields a client may not write instead of silently ignoring them."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(str(key) for key in data if key not in writable)
            if unknown:
                raise serializers.ValidationError(
                    {name: [_("This field cannot be written.")] for name in unknown}
                )
        return super().to_internal_value(data)


class MembershipSummarySerializer(serializers.Serializer):
    organisation = serializers.CharField(source="organisation.slug", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    role = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)


class MeSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    display_name = serializers.CharField(max_length=150, allow_blank=True, required=False)
    preferred_language = serializers.ChoiceField(choices=Language.choices, required=False)
    memberships = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "display_name",
            "preferred_language",
            "platform_role",
            "date_joined",
            "memberships",
        ]
        read_only_fields = ["id", "email", "platform_role", "date_joined"]

    @extend_schema_field(MembershipSummarySerializer(many=True))
    def get_memberships(self, user) -> list:
        return MembershipSummarySerializer(membership_list_queryset(user), many=True).data


class ApiTokenSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True)

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "key_prefix",
            "created_at",
            "last_used_at",
            "expires_at",
            "revoked_at",
            "status",
        ]
        read_only_fields = fields


class ApiTokenCreateSerializer(StrictFieldsMixin, serializers.Serializer):
    name = serializers.CharField(max_length=100)
    expires_at = serializers.DateTimeField(required=False, allow_null=True)


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    """The answer to a creation: the only time the key is ever sent."""

    key = serializers.CharField(read_only=True)

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "key"]
        read_only_fields = fields
