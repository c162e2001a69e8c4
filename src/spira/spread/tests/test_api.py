import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from spira.spread.models import Adoption, Solution
from spira.spread.tests.factories import AdoptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_list_solutions_with_filters(api, solution):
    response = api.get("/api/v1/spread/solutions/", {"kind": "method", "owner": solution.owner.slug})

    assert response.status_code == 200
    assert [row["slug"] for row in response.json()["results"]] == [solution.slug]


def test_unknown_filter_is_400(api):
    response = api.get("/api/v1/spread/solutions/", {"colour": "red"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["colour"]


def test_interest_through_api(api, solution, ostersund, adopter_member):
    api.force_authenticate(adopter_member)

    response = api.post(
        f"/api/v1/spread/solutions/{solution.slug}/interest/", {"organisation": ostersund.slug}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["status"] == "interested"


def test_confirm_by_non_party_is_400_with_errors(api, solution, ostersund, owner_member):
    from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory

    adoption = AdoptionFactory(solution=solution, adopter=ostersund)
    other = MunicipalityFactory()
    user = MembershipFactory(organisation=other).user
    api.force_authenticate(user)

    response = api.post(
        f"/api/v1/spread/adoptions/{adoption.pk}/confirm/", {"organisation": other.slug}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["organisation"]


def test_adoption_list_filters_by_verified(api, solution):
    AdoptionFactory(solution=solution)

    response = api.get("/api/v1/spread/adoptions/", {"verified": "false"})

    assert response.json()["count"] == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.text(max_size=250),
    summary=st.text(max_size=700),
    kind=st.sampled_from(["method", "software", "bogus", ""]),
    licence=st.text(max_size=40),
)
def test_create_solution_never_500(api, stockholm, owner_member, name, summary, kind, licence):
    api.force_authenticate(owner_member)
    before = Solution.objects.count()

    response = api.post(
        "/api/v1/spread/solutions/",
        {"owner": stockholm.slug, "name": name, "summary": summary, "kind": kind, "licence": licence},
        format="json",
    )

    assert response.status_code in {201, 400}
    if response.status_code == 400:
        assert Solution.objects.count() == before
        assert response.json()["detail"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(status=st.text(max_size=20), on=st.one_of(st.none(), st.dates().map(str), st.text(max_size=12)))
def test_status_change_never_500(api, solution, ostersund, adopter_member, status, on):
    adoption = Adoption.objects.filter(solution=solution, adopter=ostersund).first() or AdoptionFactory(
        solution=solution, adopter=ostersund
    )
    api.force_authenticate(adopter_member)

    response = api.post(
        f"/api/v1/spread/adoptions/{adoption.pk}/status/", {"status": status, "on": on}, format="json"
    )

    assert response.status_code in {200, 400}
