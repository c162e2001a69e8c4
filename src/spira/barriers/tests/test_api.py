from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from spira.barriers import services
from spira.barriers.choices import BarrierStatus
from spira.barriers.forms import StatusForm
from spira.barriers.models import Barrier, Endorsement, Escalation
from spira.barriers.tests.factories import (
    AgencyFactory,
    BarrierFactory,
    EndorsementFactory,
    EscalationFactory,
    WorkshopBarrierFactory,
    WorkshopFactory,
)
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/barriers/"


@pytest.fixture
def api():
    return APIClient()


@pytest.mark.parametrize("count", [1, 3])
def test_barrier_list_query_count(api, django_assert_num_queries, count):
    BarrierFactory.create_batch(count)

    with django_assert_num_queries(2):
        response = api.get(API + "barriers/?kind=law&mandate_level=national")

    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_escalation_list_query_count(api, django_assert_num_queries, count):
    EscalationFactory.create_batch(count)

    with django_assert_num_queries(2):
        response = api.get(API + "escalations/")

    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_workshop_list_query_count(api, django_assert_num_queries, count):
    for _ in range(count):
        WorkshopBarrierFactory()

    with django_assert_num_queries(4):
        response = api.get(API + "workshops/")

    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_endorsement_list_query_count(api, django_assert_num_queries, count):
    EndorsementFactory.create_batch(count)

    with django_assert_num_queries(2):
        response = api.get(API + "endorsements/")

    assert response.json()["count"] == count


def test_unknown_filter_is_a_json_400(api):
    response = api.get(API + "barriers/?colour=red")

    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}


def test_report_through_the_api(api, municipality, member):
    api.force_authenticate(member)

    response = api.post(
        API + "barriers/",
        {
            "organisation": municipality.slug,
            "title": "Statsbidrag kräver ettåriga projekt",
            "description": "Vi kan inte planera långsiktigt.",
            "kind": "funding",
            "mandate_level": "national",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    barrier = Barrier.objects.get()
    assert (response.json()["status"], barrier.reported_by) == ("reported", member)


def test_the_whole_trail_through_the_api(api, barrier, coordinator, agency, agency_member):
    api.force_authenticate(coordinator)
    assert (
        api.post(API + f"barriers/{barrier.pk}/triage/", {"reason": "OK"}, format="json").status_code == 200
    )
    response = api.post(
        API + f"barriers/{barrier.pk}/escalate/",
        {"authority": agency.slug, "level": "national"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    escalation_id = response.json()["id"]

    api.force_authenticate(agency_member)
    response = api.post(
        API + f"escalations/{escalation_id}/answer/",
        {"organisation": agency.slug, "decision": "reject", "text": "Lagen är tydlig."},
        format="json",
    )

    assert response.status_code == 201, response.json()
    barrier.refresh_from_db()
    assert barrier.status == BarrierStatus.ANSWERED
    answers = api.get(API + f"answers/?barrier={barrier.pk}").json()
    assert [a["decision"] for a in answers["results"]] == ["reject"]


def test_close_without_reason_through_the_api_is_a_400(api, barrier, coordinator):
    api.force_authenticate(coordinator)

    response = api.post(API + f"barriers/{barrier.pk}/close/", {}, format="json")

    assert response.status_code == 400
    assert "reason" in response.json()["errors"]
    barrier.refresh_from_db()
    assert barrier.status == BarrierStatus.REPORTED


def test_triage_by_a_stranger_is_403(api, barrier, outsider):
    api.force_authenticate(outsider)

    response = api.post(API + f"barriers/{barrier.pk}/triage/", {}, format="json")

    assert response.status_code == 403
    assert set(response.json()) == {"detail", "errors"}


def test_endorsing_twice_through_the_api_is_a_400(api, barrier):
    other = MunicipalityFactory()
    user = MembershipFactory(organisation=other).user
    api.force_authenticate(user)
    payload = {"barrier": barrier.pk, "organisation": other.slug, "case_description": "Vi också"}

    first = api.post(API + "endorsements/", payload, format="json")
    second = api.post(API + "endorsements/", payload, format="json")

    assert (first.status_code, second.status_code) == (201, 400)
    assert "organisation" in second.json()["errors"]
    assert Endorsement.objects.count() == 1


def test_answer_as_an_organisation_not_addressed_is_a_400(api, agency, agency_member):
    escalation = EscalationFactory(addressed_to=agency)
    other = AgencyFactory()
    MembershipFactory(organisation=other, user=agency_member)
    api.force_authenticate(agency_member)

    response = api.post(
        API + f"escalations/{escalation.pk}/answer/",
        {"organisation": other.slug, "decision": "accept", "text": "Ja"},
        format="json",
    )

    assert response.status_code == 400
    assert "organisation" in response.json()["errors"]
    escalation.refresh_from_db()
    assert escalation.state == "open"


def test_workshop_agenda_and_outcome_through_the_api(api, municipality, coordinator, agency):
    barrier = BarrierFactory(reporter_organisation=municipality, status=BarrierStatus.TRIAGED)
    workshop = WorkshopFactory(organiser=municipality)
    api.force_authenticate(coordinator)

    added = api.post(API + f"workshops/{workshop.pk}/agenda/", {"barrier": barrier.pk}, format="json")
    outcome = api.post(
        API + f"workshops/{workshop.pk}/outcome/",
        {
            "barrier": barrier.pk,
            "commitment": "Upphandlingsmyndigheten tar fram vägledning",
            "committed_by": agency.slug,
            "follow_up_on": (timezone.localdate() + timedelta(days=90)).isoformat(),
        },
        format="json",
    )

    assert (added.status_code, outcome.status_code) == (201, 200), outcome.json()
    assert outcome.json()["committed_by"] == agency.slug


def test_overdue_filter_on_escalations(api):
    late = EscalationFactory(deadline=timezone.localdate() - timedelta(days=1))
    EscalationFactory()

    response = api.get(API + "escalations/?overdue=true")

    assert [row["id"] for row in response.json()["results"]] == [late.pk]
    assert response.json()["results"][0]["is_overdue"] is True


def test_escalate_through_the_escalations_endpoint(api, municipality, coordinator):
    barrier = BarrierFactory(reporter_organisation=municipality, status=BarrierStatus.TRIAGED)
    agency = AgencyFactory()
    api.force_authenticate(coordinator)

    response = api.post(
        API + "escalations/",
        {"barrier": barrier.pk, "addressed_to": agency.slug, "to_level": "regional", "message": "Hej"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert Escalation.objects.get().to_level == "regional"


# Property-based: no input makes a 500, and refused input changes nothing ----------------------------

text = st.text(max_size=300)
json_values = st.one_of(st.none(), st.booleans(), st.integers(), text, st.lists(text, max_size=3))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    payload=st.fixed_dictionaries(
        {},
        optional={
            "organisation": json_values,
            "title": json_values,
            "description": json_values,
            "kind": st.one_of(st.sampled_from(["law", "data", "x"]), json_values),
            "mandate_level": st.one_of(st.sampled_from(["local", "eu", ""]), json_values),
            "authority": json_values,
            "initiatives": json_values,
        },
    )
)
def test_report_never_fails_with_a_500(payload):
    municipality = MunicipalityFactory()
    member = MembershipFactory(organisation=municipality, role=MembershipRole.MEMBER).user
    payload = {"organisation": municipality.slug, **payload}
    api = APIClient()
    api.force_authenticate(member)
    before = Barrier.objects.count()

    response = api.post(API + "barriers/", payload, format="json")

    assert response.status_code in {201, 400}, response.content
    assert Barrier.objects.count() == before + (1 if response.status_code == 201 else 0)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    payload=st.fixed_dictionaries(
        {},
        optional={
            "organisation": json_values,
            "decision": st.one_of(st.sampled_from(["accept", "reject", "redirect"]), json_values),
            "text": json_values,
            "redirect_to": json_values,
        },
    )
)
def test_answer_never_fails_with_a_500(payload):
    escalation = EscalationFactory()
    user = MembershipFactory(organisation=escalation.addressed_to).user
    api = APIClient()
    api.force_authenticate(user)

    response = api.post(API + f"escalations/{escalation.pk}/answer/", payload, format="json")

    assert response.status_code in {201, 400}, response.content
    escalation.refresh_from_db()
    assert (escalation.state != "open") == (response.status_code == 201)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    status=st.text(max_size=30) | st.sampled_from(["triaged", "closed_unresolved"]),
    reason=st.text(max_size=3000),
)
def test_status_form_and_service_change_only_valid_input(status, reason):
    barrier = BarrierFactory()
    coordinator = MembershipFactory(
        organisation=barrier.reporter_organisation, role=MembershipRole.COORDINATOR
    ).user
    form = StatusForm({"status": status, "reason": reason}, barrier=barrier)

    try:
        valid = form.is_valid()
        if valid:
            services.change_barrier_status(
                coordinator, barrier, form.cleaned_data["status"], form.cleaned_data["reason"]
            )
    except ValidationError:
        valid = False

    barrier.refresh_from_db()
    assert (barrier.status != BarrierStatus.REPORTED) == valid
