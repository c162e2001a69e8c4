import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from spira.organisations.choices import MembershipRole
from spira.organisations.models import Organisation
from spira.organisations.tests.factories import (
    CountyFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    SdgFactory,
    org_number_for,
)
from spira.organisations.validators import luhn_valid

pytestmark = pytest.mark.django_db

URL = "/api/v1/organisations/organisations/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def user_api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def detail_url(organisation) -> str:
    return f"{URL}{organisation.slug}/"


def post_raw(client, body: bytes, content_type: str = "application/json"):
    return client.generic("POST", URL, body, content_type=content_type)


# reading -----------------------------------------------------------------------------------------


def test_list_filters_like_the_html_list(api):
    jamtland = CountyFactory(code="23")
    MunicipalityFactory(name="Östersund", county=jamtland, population=65_000)
    MunicipalityFactory(name="Åre", county=jamtland, population=12_000)
    OrganisationFactory(name="Samverket AB", county=jamtland)

    by_kind = api.get(URL, {"kind": "municipality", "county": "23"}).json()
    by_name = api.get(URL, {"q": "ÖSTER"}).json()
    by_band = api.get(URL, {"population_band": "10k_50k"}).json()

    assert [o["name"] for o in by_kind["results"]] == ["Åre", "Östersund"]
    assert [o["name"] for o in by_name["results"]] == ["Östersund"]
    assert [o["name"] for o in by_band["results"]] == ["Åre"]


def test_detail_shows_the_kind_code_and_county(api):
    municipality = MunicipalityFactory(name="Knivsta", county=CountyFactory(code="03"))

    data = api.get(detail_url(municipality)).json()

    assert (data["kind"], data["county"], data["municipality_code"]) == (
        "municipality",
        "03",
        municipality.municipality_code,
    )
    assert data["html_url"] == municipality.get_absolute_url()


def test_unknown_filter_is_400_json_naming_the_filter(api):
    response = api.get(URL, {"colour": "blue"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["colour"]
    assert response.json()["detail"] != ""


def test_sdgs_are_listed_in_order(api):
    SdgFactory(number=2)
    SdgFactory(number=1)

    data = api.get("/api/v1/organisations/sdgs/").json()

    assert [goal["number"] for goal in data] == [1, 2]


# creating ----------------------------------------------------------------------------------------


def test_post_creates_an_organisation_with_the_caller_as_admin(user_api, user):
    response = user_api.post(
        URL, {"kind": "academia", "name": "Mittuniversitetet", "org_number": "2021002874"}, format="json"
    )

    assert response.status_code == 201
    organisation = Organisation.objects.get(slug=response.json()["slug"])
    assert organisation.org_number == "202100-2874"
    assert organisation.memberships.get().user == user


def test_post_with_bad_org_number_is_400_naming_the_field(user_api):
    response = user_api.post(
        URL, {"kind": "company", "name": "Fel AB", "org_number": "556000-0002"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["org_number"]
    assert Organisation.objects.count() == 0


def test_post_with_duplicate_org_number_is_400(user_api):
    OrganisationFactory(org_number=org_number_for(3))

    dashed = user_api.post(
        URL, {"kind": "company", "name": "Kopia AB", "org_number": org_number_for(3)}, format="json"
    )
    undashed = user_api.post(
        URL,
        {"kind": "company", "name": "Kopia AB", "org_number": org_number_for(3).replace("-", "")},
        format="json",
    )

    assert (dashed.status_code, undashed.status_code) == (400, 400)
    assert list(dashed.json()["errors"]) == ["org_number"]
    assert list(undashed.json()["errors"]) == ["org_number"]
    assert Organisation.objects.count() == 1


def test_post_of_a_municipality_is_400(user_api):
    response = user_api.post(URL, {"kind": "municipality", "name": "Nya kommunen"}, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["kind"]


def test_oversized_body_is_refused_with_json(user_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"kind": "company", "name": "Stor AB", "description": "x" * 2000}).encode()

    response = post_raw(user_api, body)

    assert response.status_code in {400, 413}
    assert set(response.json()) == {"detail", "errors"}
    assert Organisation.objects.count() == 0


def test_malformed_json_is_400_json(user_api):
    response = post_raw(user_api, b'{"kind": "company", "name": ')

    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}


@pytest.mark.parametrize(
    "body", [b'{"kind": "company", "name": "A\\u0000B"}', b'{"kind": "company", "name": "\\ud800"}']
)
def test_text_no_database_can_store_is_400(user_api, body):
    response = post_raw(user_api, body)

    assert response.status_code == 400
    assert Organisation.objects.count() == 0


def test_anonymous_post_is_refused_with_json(api):
    response = api.post(URL, {"kind": "company", "name": "Anonym AB"}, format="json")

    assert response.status_code in {401, 403}
    assert set(response.json()) == {"detail", "errors"}
    assert Organisation.objects.count() == 0


# changing ----------------------------------------------------------------------------------------


def test_patch_by_the_admin_changes_the_organisation(organisation, org_admin):
    client = APIClient()
    client.force_authenticate(org_admin)

    response = client.patch(detail_url(organisation), {"city": "Sundsvall"}, format="json")

    organisation.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["city"] == "Sundsvall"
    assert organisation.city == "Sundsvall"


def test_patch_by_a_non_admin_is_403_and_changes_nothing(organisation, user_api):
    MembershipFactory(organisation=organisation, role=MembershipRole.COORDINATOR)
    old_name = organisation.name

    response = user_api.patch(detail_url(organisation), {"name": "Kapat AB"}, format="json")

    organisation.refresh_from_db()
    assert response.status_code == 403
    assert set(response.json()) == {"detail", "errors"}
    assert organisation.name == old_name


def test_patch_of_a_reference_municipalitys_official_name_is_400():
    municipality = MunicipalityFactory(name="Knivsta")
    admin = MembershipFactory(organisation=municipality, role=MembershipRole.ADMIN).user
    client = APIClient()
    client.force_authenticate(admin)

    response = client.patch(detail_url(municipality), {"name": "Knivstad"}, format="json")

    municipality.refresh_from_db()
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["name"]
    assert municipality.name == "Knivsta"


def test_delete_is_not_offered(organisation, platform_admin):
    client = APIClient()
    client.force_authenticate(platform_admin)

    response = client.delete(detail_url(organisation))

    assert response.status_code == 405
    assert Organisation.objects.filter(pk=organisation.pk).exists()


# any body ----------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
org_like_bodies = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from(["company", "academia", "municipality", "agency", "", "x"]) | json_values,
        "name": st.text(max_size=250) | json_values,
        "org_number": st.from_regex(r"\A[0-9]{6}-?[0-9]{4}\Z") | st.text(max_size=14) | json_values,
        "county": st.sampled_from(["01", "99", "", "0"]) | json_values,
        "website": st.sampled_from(["https://example.se", "example", "javascript:alert(1)"]) | json_values,
        "description": st.text(max_size=100) | json_values,
        "slug": st.text(max_size=20),
        "is_reference": st.booleans(),
    },
)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=st.one_of(org_like_bodies, json_values))
def test_post_with_any_json_body_never_fails_and_never_stores_an_invalid_org_number(user_api, body):
    response = user_api.post(URL, json.dumps(body), content_type="application/json")

    assert response.status_code in {201, 400}
    assert set(response.json()) >= ({"detail", "errors"} if response.status_code == 400 else {"slug"})
    assert [
        n
        for n in Organisation.objects.exclude(org_number=None).values_list("org_number", flat=True)
        if not luhn_valid(n.replace("-", ""))
    ] == []
    assert Organisation.objects.filter(is_reference=True).count() == 0
