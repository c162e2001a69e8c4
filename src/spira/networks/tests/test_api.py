import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from spira.networks.models import AssessmentAnswer, Booking, NeedsAssessment
from spira.networks.tests.factories import (
    ModuleFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    ProgrammeFactory,
    QuestionFactory,
    next_weekday_at,
)
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_network_list_filters_like_the_html_list():
    NetworkFactory(name="Plattformen")
    NetworkFactory(name="Samverket", kind="coworking_hub")

    data = client_for().get("/api/v1/networks/networks/", {"kind": "coworking_hub"}).json()

    assert [n["name"] for n in data["results"]] == ["Samverket"]


def test_unknown_filter_is_a_json_400():
    response = client_for().get("/api/v1/networks/networks/", {"colour": "blue"})

    assert (response.status_code, list(response.json()["errors"])) == (400, ["colour"])


def test_memberships_list_by_network():
    network = NetworkFactory()
    NetworkMembershipFactory(network=network)
    NetworkMembershipFactory()

    data = client_for().get("/api/v1/networks/memberships/", {"network": network.slug}).json()

    assert [m["network"] for m in data["results"]] == [network.slug]


def booking_payload(world, starts, hours=1) -> dict:
    return {
        "resource": world.room.pk,
        "starts_at": starts.isoformat(),
        "ends_at": (starts + datetime.timedelta(hours=hours)).isoformat(),
        "organisation_slug": world.municipality.slug,
    }


def test_book_and_cancel_through_the_api(hub_world):
    api = client_for(hub_world.coworker)

    created = api.post(
        "/api/v1/networks/bookings/", booking_payload(hub_world, next_weekday_at(10)), format="json"
    )
    cancelled = api.post(f"/api/v1/networks/bookings/{created.json()['id']}/cancel/")

    assert (created.status_code, created.json()["organisation"]) == (201, hub_world.municipality.slug)
    assert cancelled.json()["status"] == "cancelled"


def test_overlapping_booking_through_the_api_is_a_json_400(hub_world):
    starts = next_weekday_at(10)
    client_for(hub_world.coworker).post(
        "/api/v1/networks/bookings/", booking_payload(hub_world, starts), format="json"
    )

    response = client_for(hub_world.org_admin).post(
        "/api/v1/networks/bookings/", booking_payload(hub_world, starts), format="json"
    )

    assert (response.status_code, list(response.json()["errors"])) == (400, ["starts_at"])
    assert Booking.objects.count() == 1


def test_non_member_booking_through_the_api_is_403(hub_world):
    response = client_for(hub_world.outsider).post(
        "/api/v1/networks/bookings/", booking_payload(hub_world, next_weekday_at(10)), format="json"
    )

    assert response.status_code == 403
    assert Booking.objects.count() == 0


def test_bookings_list_shows_only_ones_own(hub_world):
    starts = next_weekday_at(10)
    client_for(hub_world.coworker).post(
        "/api/v1/networks/bookings/", booking_payload(hub_world, starts), format="json"
    )

    own = client_for(hub_world.coworker).get("/api/v1/networks/bookings/").json()
    others = client_for(hub_world.org_admin).get("/api/v1/networks/bookings/").json()

    assert (own["count"], others["count"]) == (1, 0)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    payload=st.fixed_dictionaries(
        {},
        optional={
            "resource": st.one_of(st.integers(), st.text(max_size=5), st.none()),
            "starts_at": st.one_of(
                st.text(max_size=30), st.datetimes(timezones=st.just(datetime.UTC)).map(str)
            ),
            "ends_at": st.one_of(st.text(max_size=30), st.integers()),
            "title": st.text(max_size=300),
            "organisation_slug": st.one_of(st.text(max_size=130), st.none()),
        },
    )
)
def test_booking_api_answers_any_payload_without_a_500(hub_world, payload):
    response = client_for(hub_world.coworker).post("/api/v1/networks/bookings/", payload, format="json")

    assert response.status_code in {201, 400, 403, 404}
    if response.status_code != 201:
        assert "detail" in response.json()


@pytest.fixture
def programme_world():
    programme = ProgrammeFactory()
    module = ModuleFactory(network=programme)
    question = QuestionFactory(module=module)
    municipality = MunicipalityFactory()
    NetworkMembershipFactory(network=programme, organisation=municipality)
    coordinator = MembershipFactory(organisation=municipality, role=MembershipRole.COORDINATOR).user
    return programme, municipality, question, coordinator


def test_assessment_and_plan_through_the_api(programme_world):
    programme, municipality, question, coordinator = programme_world
    api = client_for(coordinator)

    started = api.post(
        "/api/v1/networks/assessments/",
        {"network": programme.slug, "organisation": municipality.slug},
        format="json",
    ).json()
    answered = api.post(
        f"/api/v1/networks/assessments/{started['id']}/answers/",
        {"answers": {str(question.pk): 5}, "submit": True},
        format="json",
    ).json()
    plan = api.post("/api/v1/networks/plans/", {"assessment": started["id"]}, format="json")

    assert answered["status"] == "submitted"
    assert plan.status_code == 201
    assert [m["module"] for m in plan.json()["modules"]] == [question.module.code]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    value=st.one_of(
        st.integers(),
        st.text(max_size=6),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.none(),
    )
)
def test_assessment_answers_outside_the_scale_change_nothing(programme_world, value):
    programme, municipality, question, coordinator = programme_world
    assessment, _ = NeedsAssessment.objects.get_or_create(network=programme, organisation=municipality)
    AssessmentAnswer.objects.filter(assessment=assessment).delete()

    response = client_for(coordinator).post(
        f"/api/v1/networks/assessments/{assessment.pk}/answers/",
        {"answers": {str(question.pk): value}},
        format="json",
    )

    valid = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5
    valid = valid or (
        isinstance(value, str)
        and value.strip().isdigit()
        and 1 <= int(value) <= 5
        and len(value.strip()) <= 6
    )
    assert response.status_code == (200 if valid else 400)
    assert AssessmentAnswer.objects.filter(assessment=assessment).count() == (1 if valid else 0)


def test_assessments_are_not_listed_for_anonymous_visitors():
    assert client_for().get("/api/v1/networks/assessments/").status_code in {401, 403}


def test_a_network_member_count_is_in_the_detail():
    network = NetworkFactory()
    NetworkMembershipFactory(network=network)

    data = client_for().get(f"/api/v1/networks/networks/{network.slug}/").json()

    assert (data["member_count"], data["html_url"]) == (1, network.get_absolute_url())
