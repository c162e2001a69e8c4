from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from spira.events.choices import MAX_CAPACITY, REASON_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH
from spira.events.models import Activity, EventSeries, Registration, SeriesOrganisation, Track
from spira.organisations.models import Organisation


class TrackSerializer(serializers.ModelSerializer):
    series = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Track
        fields = ["id", "series", "name", "name_en", "slug", "color", "position"]


class SeriesOrganisationSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    name = serializers.CharField(source="organisation.display_name", read_only=True)

    class Meta:
        model = SeriesOrganisation
        fields = ["organisation", "name", "role"]


def _absolute(name: str, **kwargs) -> str:
    return settings.SITE_URL + reverse(name, kwargs=kwargs)


class EventSeriesSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:events:eventseries-detail", lookup_field="slug")
    html_url = serializers.SerializerMethodField()
    owner = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    organisations = SeriesOrganisationSerializer(source="series_organisations", many=True, read_only=True)
    tracks = TrackSerializer(many=True, read_only=True)
    call_is_open = serializers.SerializerMethodField()
    ical_url = serializers.SerializerMethodField()
    schedule_json_url = serializers.SerializerMethodField()
    schedule_xml_url = serializers.SerializerMethodField()

    class Meta:
        model = EventSeries
        fields = [
            "id",
            "url",
            "html_url",
            "slug",
            "title",
            "title_en",
            "description",
            "description_en",
            "owner",
            "organisations",
            "starts_on",
            "ends_on",
            "call_opens_at",
            "call_closes_at",
            "call_is_open",
            "call_text",
            "website",
            "tracks",
            "ical_url",
            "schedule_json_url",
            "schedule_xml_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "slug", "created_at", "updated_at"]
        extra_kwargs = {
            "title": {"max_length": TITLE_MAX_LENGTH},
            "description": {"max_length": TEXT_MAX_LENGTH},
            "description_en": {"max_length": TEXT_MAX_LENGTH},
        }

    def get_html_url(self, obj) -> str:
        return obj.get_absolute_url()

    def get_call_is_open(self, obj) -> bool:
        return obj.call_is_open(timezone.now())

    def get_ical_url(self, obj) -> str:
        return _absolute("events:series_calendar", slug=obj.slug)

    def get_schedule_json_url(self, obj) -> str:
        return _absolute("events:series_schedule_json", slug=obj.slug)

    def get_schedule_xml_url(self, obj) -> str:
        return _absolute("events:series_schedule_xml", slug=obj.slug)


class EventSeriesUpdateSerializer(EventSeriesSerializer):
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True)


class ActivitySerializer(serializers.ModelSerializer):
    """Activities as the API shows them, and the fields a proposal or a change may set."""

    url = serializers.HyperlinkedIdentityField(view_name="api:events:activity-detail", lookup_field="slug")
    html_url = serializers.SerializerMethodField()
    ical_url = serializers.SerializerMethodField()
    series = serializers.SlugRelatedField(slug_field="slug", queryset=EventSeries.objects.all())
    organiser = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    co_organisers = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), many=True, required=False
    )
    track = serializers.PrimaryKeyRelatedField(queryset=Track.objects.all(), required=False, allow_null=True)
    track_name = serializers.CharField(source="track.display_name", read_only=True, default=None)
    municipality = serializers.SlugRelatedField(
        slug_field="municipality_code",
        queryset=Organisation.objects.filter(kind="municipality"),
        required=False,
        allow_null=True,
    )
    capacity = serializers.IntegerField(min_value=1, max_value=MAX_CAPACITY, required=False, allow_null=True)
    seats_left = serializers.IntegerField(read_only=True)
    place = serializers.CharField(read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "url",
            "html_url",
            "ical_url",
            "slug",
            "series",
            "track",
            "track_name",
            "title",
            "description",
            "language",
            "organiser",
            "co_organisers",
            "starts_at",
            "ends_at",
            "format",
            "audience",
            "venue",
            "address",
            "municipality",
            "online_url",
            "place",
            "accessibility",
            "capacity",
            "registration_mode",
            "status",
            "decision_reason",
            "confirmed_count",
            "waitlist_count",
            "seats_left",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "slug",
            "status",
            "decision_reason",
            "confirmed_count",
            "waitlist_count",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "title": {"max_length": TITLE_MAX_LENGTH},
            "description": {"max_length": TEXT_MAX_LENGTH},
        }

    def get_html_url(self, obj) -> str:
        return obj.get_absolute_url()

    def get_ical_url(self, obj) -> str:
        return _absolute("events:activity_calendar", slug=obj.slug)


class ActivityUpdateSerializer(ActivitySerializer):
    """Changes keep the series and the organiser."""

    series = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organiser = serializers.SlugRelatedField(slug_field="slug", read_only=True)


class DecisionSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_MAX_LENGTH, required=False, allow_blank=True, default="")


class RegistrationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:events:registration-detail")
    activity = serializers.SlugRelatedField(slug_field="slug", queryset=Activity.objects.all())
    activity_title = serializers.CharField(source="activity.title", read_only=True)
    starts_at = serializers.DateTimeField(source="activity.starts_at", read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "url",
            "activity",
            "activity_title",
            "starts_at",
            "name",
            "email",
            "organisation_name",
            "status",
            "attended",
            "queued_at",
            "cancelled_at",
        ]
        read_only_fields = ["id", "name", "email", "status", "attended", "queued_at", "cancelled_at"]
        extra_kwargs = {"organisation_name": {"max_length": 200}}
