import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from spira.events.choices import ActivityStatus, RegistrationStatus
from spira.events.models import Activity, Registration
from spira.events.tests.factories import (
    ActivityFactory,
    EventSeriesFactory,
    RegistrationFactory,
    TrackFactory,
    at,
)
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/events/"


@pytest.fixture
def api():
    return APIClient()


def proposal(series, organisation, **overrides) -> dict:
    body = {
        "series": series.slug,
        "organiser": organisation.slug,
        "title": "Dialogverkstad om upphandling",
        "format": "dialogue_workshop",
        "starts_at": at(3, 13).isoformat(),
        "ends_at": at(3, 15).isoformat(),
        "venue": "Upphandlingsmyndigheten",
        "capacity": 30,
    }
    body.update(overrides)
    return body


@pytest.mark.parametrize("count", [1, 3])
def test_series_list_query_count_is_fixed(api, django_assert_num_queries, count):
    for series in EventSeriesFactory.create_batch(count):
        TrackFactory(series=series)

    with django_assert_num_queries(4):  # count, series with owners, tracks, organisations
        response = api.get(API + "series/")

    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_activity_list_query_count_is_fixed(api, series, django_assert_num_queries, count):
    ActivityFactory.create_batch(count, series=series)

    with django_assert_num_queries(3):  # count, activities, co-organisers
        response = api.get(API + "activities/")

    assert response.json()["count"] == count


def test_each_series_carries_its_feed_urls(api, series):
    (item,) = api.get(API + "series/").json()["results"]

    assert item["ical_url"].endswith(f"/evenemang/serier/{series.slug}/kalender.ics")
    assert item["schedule_json_url"].endswith(f"/evenemang/serier/{series.slug}/schedule.json")
    assert item["schedule_xml_url"].endswith(f"/evenemang/serier/{series.slug}/schedule.xml")


def test_activities_filter_like_the_programme(api, series):
    ActivityFactory(series=series, title="Online", venue="", address="", online_url="https://example.se/x")
    ActivityFactory(series=series, title="På plats")

    response = api.get(API + "activities/", {"online": "true"})

    assert [item["title"] for item in response.json()["results"]] == ["Online"]


def test_an_unknown_filter_is_a_400(api):
    response = api.get(API + "activities/", {"colour": "red"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["colour"]


def test_propose_then_approve_through_the_api(api, series, organisation, member, series_moderator):
    api.force_authenticate(member)
    created = api.post(API + "proposals/", proposal(series, organisation), format="json")
    assert created.status_code == 201, created.content
    slug = created.json()["slug"]

    api.force_authenticate(series_moderator)
    approved = api.post(API + f"proposals/{slug}/approve/", {"reason": "Välkommen"}, format="json")

    assert approved.status_code == 200
    assert Activity.objects.get(slug=slug).status == ActivityStatus.PUBLISHED


def test_a_proposal_after_the_call_closed_is_a_400_and_nothing_is_made(api, owner, organisation, member):
    from datetime import timedelta

    from django.utils import timezone

    closed = EventSeriesFactory(owner=owner, call_closes_at=timezone.now() - timedelta(hours=1))
    api.force_authenticate(member)

    response = api.post(API + "proposals/", proposal(closed, organisation), format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["__all__"]
    assert Activity.objects.count() == 0


def test_a_proposal_with_the_end_before_the_start_names_the_field(api, series, organisation, member):
    api.force_authenticate(member)

    response = api.post(
        API + "proposals/", proposal(series, organisation, ends_at=at(3, 12).isoformat()), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["ends_at"]


def test_rejecting_without_a_reason_is_a_400(api, series, organisation, member, series_moderator):
    activity = ActivityFactory(
        series=series, organiser=organisation, proposed_by=member, status=ActivityStatus.PROPOSED
    )
    api.force_authenticate(series_moderator)

    response = api.post(API + f"proposals/{activity.slug}/reject/", {}, format="json")

    assert response.status_code == 400
    assert Activity.objects.get().status == ActivityStatus.PROPOSED


def test_register_and_cancel_through_the_api(api, activity):
    person = UserFactory()
    api.force_authenticate(person)

    created = api.post(API + "registrations/", {"activity": activity.slug}, format="json")
    assert (created.status_code, created.json()["status"]) == (201, "confirmed")
    again = api.post(API + "registrations/", {"activity": activity.slug}, format="json")
    cancelled = api.post(API + f"registrations/{created.json()['id']}/cancel/")

    assert again.status_code == 400
    assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled")
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED


def test_registrations_list_only_ones_own(api, activity):
    person = UserFactory()
    RegistrationFactory(activity=activity, user=person)
    RegistrationFactory(activity=activity)
    api.force_authenticate(person)

    response = api.get(API + "registrations/")

    assert [item["email"] for item in response.json()["results"]] == [person.email]


def test_cancelling_someone_elses_registration_through_the_api_is_not_found(api, activity):
    other = RegistrationFactory(activity=activity)
    api.force_authenticate(UserFactory())

    response = api.post(API + f"registrations/{other.pk}/cancel/")

    assert response.status_code == 404
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_lowering_capacity_below_the_confirmed_is_a_400(api, activity, member):
    RegistrationFactory.create_batch(2, activity=activity)
    Activity.objects.filter(pk=activity.pk).update(confirmed_count=2)
    api.force_authenticate(member)

    response = api.patch(API + f"activities/{activity.slug}/", {"capacity": 1}, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["capacity"]
    assert Activity.objects.get().capacity == 2


def test_anonymous_writes_are_refused(api, series, organisation):
    response = api.post(API + "proposals/", proposal(series, organisation), format="json")

    assert response.status_code in {401, 403}


text = st.text(max_size=300)
json_values = st.one_of(st.none(), st.booleans(), st.integers(), text, st.lists(text, max_size=3))
datetimes = st.one_of(
    st.datetimes(timezones=st.just(at(0, 0).tzinfo)).map(lambda d: d.isoformat()), json_values
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    payload=st.fixed_dictionaries(
        {},
        optional={
            "title": json_values,
            "description": json_values,
            "format": st.one_of(st.sampled_from(["seminar", "webinar", "x"]), json_values),
            "starts_at": datetimes,
            "ends_at": datetimes,
            "venue": json_values,
            "online_url": json_values,
            "capacity": st.one_of(st.integers(min_value=-5, max_value=200_000), json_values),
            "registration_mode": st.one_of(st.sampled_from(["none", "open", "members", "?"]), json_values),
            "track": json_values,
            "municipality": json_values,
            "co_organisers": json_values,
        },
    )
)
def test_proposals_never_fail_with_a_500(payload):
    series = EventSeriesFactory()
    organisation = OrganisationFactory()
    member = MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER).user
    body = {**proposal(series, organisation), **payload}
    api = APIClient()
    api.force_authenticate(member)
    before = Activity.objects.count()

    response = api.post(API + "proposals/", body, format="json")

    assert response.status_code in {201, 400}, response.content
    assert Activity.objects.count() == before + (1 if response.status_code == 201 else 0)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=json_values, email=json_values, organisation_name=json_values)
def test_the_registration_form_never_fails_with_a_500(client, name, email, organisation_name):
    activity = ActivityFactory(series=EventSeriesFactory())
    data = {
        k: v
        for k, v in {"name": name, "email": email, "organisation_name": organisation_name}.items()
        if v is not None
    }
    before = Registration.objects.count()

    response = client.post(f"/evenemang/{activity.slug}/anmalan/", data)

    assert response.status_code in {302, 400}
    assert Registration.objects.count() == before + (1 if response.status_code == 302 else 0)
