import json

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from spira.initiatives.models import Initiative
from spira.initiatives.services import SCALAR_FIELDS
from spira.initiatives.tests.factories import InitiativeFactory, PublishedInitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/initiatives/initiatives/"


def detail(initiative, action: str = "") -> str:
    return f"{LIST}{initiative.slug}/" + (f"{action}/" if action else "")


@pytest.fixture
def api():
    return APIClient()


def test_list_shows_only_published_to_anonymous(api):
    published = PublishedInitiativeFactory()
    InitiativeFactory()

    response = api.get(LIST)

    assert response.status_code == 200
    assert [item["slug"] for item in response.json()["results"]] == [published.slug]


def test_list_rejects_unknown_filter(api):
    response = api.get(LIST, {"colour": "blue"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["colour"]


def test_list_filters_like_the_html_list(api):
    completed = PublishedInitiativeFactory(status="completed")
    PublishedInitiativeFactory(status="ongoing")

    response = api.get(LIST, {"status": "completed"})

    assert [item["slug"] for item in response.json()["results"]] == [completed.slug]


def test_retrieve_has_nested_participations_and_links(api):
    initiative = PublishedInitiativeFactory()

    data = api.get(detail(initiative)).json()

    assert data["participations"] == []
    assert data["links"] == []
    assert data["state"] == "published"


def test_create_makes_a_draft_owned_by_the_caller(api, coordinator, municipality):
    api.force_authenticate(coordinator)

    response = api.post(
        LIST,
        {
            "title_sv": "Idésluss",
            "summary_sv": "Kort",
            "coordinator": municipality.slug,
            "funding_sek": 3573324,
            "start_month": "2016-11",
            "stages": ["implementation"],
            "tags": ["idésluss"],
            "links": [{"url": "https://www.pitea.se", "title": "Piteå"}],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    initiative = Initiative.objects.get()
    assert initiative.owner == coordinator
    assert response.json()["state"] == "draft"
    assert response.json()["tags"] == ["idésluss"]


def test_create_needs_authentication(api):
    assert api.post(LIST, {"title_sv": "X"}, format="json").status_code in (401, 403)


def test_create_rejects_bad_amount_naming_the_field(api, coordinator):
    api.force_authenticate(coordinator)

    response = api.post(LIST, {"title_sv": "X", "funding_sek": "mycket"}, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["funding_sek"]


def test_create_rejects_end_before_start(api, coordinator):
    api.force_authenticate(coordinator)

    response = api.post(
        LIST, {"title_sv": "X", "start_month": "2023-05", "end_month": "2021-01"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["end_month"]


def test_create_rejects_ten_megabyte_summary_without_500(api, coordinator):
    api.force_authenticate(coordinator)
    body = json.dumps({"title_sv": "X", "summary_sv": "x" * 10_000_000})

    response = api.post(LIST, body, content_type="application/json")

    assert response.status_code in (400, 413)
    assert "detail" in response.json()
    assert Initiative.objects.count() == 0


def test_create_rejects_long_summary_naming_the_field(api, coordinator):
    api.force_authenticate(coordinator)

    response = api.post(LIST, {"title_sv": "X", "summary_sv": "x" * 501}, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["summary_sv"]


def test_update_writes_a_revision(api):
    initiative = PublishedInitiativeFactory()
    api.force_authenticate(initiative.owner)

    response = api.patch(detail(initiative), {"results_sv": "Bra"}, format="json")

    assert response.status_code == 200
    assert response.json()["results_sv"] == "Bra"
    assert initiative.revisions.get().changed_fields == ["results_sv"]


def test_update_by_stranger_is_forbidden(api):
    initiative = PublishedInitiativeFactory()
    api.force_authenticate(UserFactory())

    response = api.patch(detail(initiative), {"results_sv": "Kapat"}, format="json")

    assert response.status_code == 403


def test_actions_submit_publish_send_back_archive(api, moderator):
    initiative = InitiativeFactory()
    owner = initiative.owner
    api.force_authenticate(owner)
    assert api.post(detail(initiative, "submit")).json()["state"] == "in_review"
    assert api.post(detail(initiative, "publish")).status_code == 403

    api.force_authenticate(moderator)
    assert api.post(detail(initiative, "send-back"), {"comment": ""}, format="json").status_code == 400
    assert (
        api.post(detail(initiative, "send-back"), {"comment": "Mer"}, format="json").json()["state"]
        == "draft"
    )
    api.force_authenticate(owner)
    api.post(detail(initiative, "submit"))
    api.force_authenticate(moderator)
    assert api.post(detail(initiative, "publish")).json()["state"] == "published"
    assert api.post(detail(initiative, "publish")).status_code == 400
    assert api.post(detail(initiative, "archive"), {}, format="json").json()["state"] == "archived"
    assert api.post(detail(initiative, "unarchive")).json()["state"] == "published"


def test_delete_of_owners_draft(api):
    initiative = InitiativeFactory()
    api.force_authenticate(initiative.owner)

    response = api.delete(detail(initiative))

    assert response.status_code == 204
    assert Initiative.objects.count() == 0


def test_stages_and_tags_lists(api):
    stages = api.get("/api/v1/initiatives/stages/").json()
    tags = api.get("/api/v1/initiatives/tags/")

    assert next(s["code"] for s in stages) == "identifying_problems"
    assert tags.status_code == 200


def test_openapi_schema_is_generated(api):
    response = api.get(reverse("api:schema"), {"format": "json"})

    assert response.status_code == 200


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)
bodies = st.dictionaries(
    st.sampled_from([*SCALAR_FIELDS, "stages", "sdgs", "tags", "participations", "links", "state", "x"]),
    json_values,
    max_size=6,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_create_never_answers_500_to_arbitrary_json(api, coordinator, body):
    api.force_authenticate(coordinator)

    response = api.post(LIST, body, format="json")

    assert response.status_code in (201, 400), response.content[:300]
    assert response.status_code == 201 or "errors" in response.json()
