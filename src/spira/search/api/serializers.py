from rest_framework import serializers


class SearchHitSerializer(serializers.Serializer):
    type = serializers.CharField(source="type_name", help_text="The type of the record, e.g. initiative.")
    id = serializers.IntegerField(source="obj.pk")
    title = serializers.CharField()
    url = serializers.CharField(help_text="The record's page.")
    api_url = serializers.SerializerMethodField(help_text="The record in the API, when it has one.")
    snippet = serializers.CharField(
        help_text="HTML: an escaped excerpt with the matched words in <mark> elements."
    )
    rank = serializers.FloatField(
        allow_null=True, help_text="Higher is better; comparable within one answer."
    )

    def get_api_url(self, hit) -> str | None:
        slug = getattr(hit.obj, "slug", None)
        if hit.type_name == "initiative" and slug:
            return f"/api/v1/initiatives/initiatives/{slug}/"
        return None
