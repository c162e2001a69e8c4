import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from spira.ideas.choices import StageType
from spira.ideas.models import Idea, StageLog
from spira.ideas.tests.factories import (
    IdeaFactory,
    ReviewFactory,
    ReviewRoundFactory,
    SluiceFactory,
    stage_of,
)


@pytest.fixture
def api():
    return APIClient()


def test_list_sluices_and_stages(api, sluice):
    response = api.get("/api/v1/ideas/sluices/")
    assert response.status_code == 200
    assert response.json()["results"][0]["slug"] == "pitea"
    stages = api.get("/api/v1/ideas/stages/", {"sluice__slug": "pitea"}).json()
    assert stages["count"] == 10


@pytest.mark.parametrize("count", [1, 3])
def test_list_ideas_query_count_is_fixed(api, sluice, django_assert_num_queries, count):
    IdeaFactory.create_batch(count, sluice=sluice)
    with django_assert_num_queries(2):
        response = api.get("/api/v1/ideas/ideas/")
    assert response.json()["count"] == count


def test_list_ideas_unknown_filter_is_400(api, db):
    response = api.get("/api/v1/ideas/ideas/", {"colour": "red"})
    assert response.status_code == 400
    assert "colour" in response.json()["errors"]


def test_list_ideas_hides_internal_from_public(api, sluice):
    IdeaFactory(sluice=sluice, is_public=False)
    assert api.get("/api/v1/ideas/ideas/").json()["count"] == 0


def test_move_action_calls_service(api, sluice, coordinator):
    idea = IdeaFactory(sluice=sluice)
    api.force_authenticate(coordinator)
    response = api.post(
        f"/api/v1/ideas/ideas/{idea.pk}/move/",
        {"stage": stage_of(sluice, StageType.SCREENING).pk},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["stage_type"] == "screening"
    assert StageLog.objects.filter(idea=idea).count() == 2


def test_move_action_closing_without_answer_is_400(api, sluice, coordinator):
    idea = IdeaFactory(sluice=sluice)
    api.force_authenticate(coordinator)
    response = api.post(
        f"/api/v1/ideas/ideas/{idea.pk}/move/",
        {"stage": stage_of(sluice, StageType.CLOSED_NOT_PURSUED).pk},
        format="json",
    )
    assert response.status_code == 400
    assert "answer" in response.json()["errors"]


def test_move_action_by_outsider_is_403(api, sluice, outsider):
    idea = IdeaFactory(sluice=sluice)
    api.force_authenticate(outsider)
    response = api.post(
        f"/api/v1/ideas/ideas/{idea.pk}/move/", {"stage": stage_of(sluice, "screening").pk}, format="json"
    )
    assert response.status_code == 403


def test_create_idea_through_api(api, sluice, coworker):
    api.force_authenticate(coworker)
    response = api.post(
        "/api/v1/ideas/ideas/",
        {"sluice": "pitea", "title": "API-idé", "need": "Behov", "description": "Idé"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["origin"] == "coworker"


def test_review_submit_rejects_score_outside_range(api, sluice, coworker):
    review = ReviewFactory(round=ReviewRoundFactory(idea=IdeaFactory(sluice=sluice)), reviewer=coworker)
    api.force_authenticate(coworker)
    scores = {str(c.pk): 7 for c in sluice.criteria.all()}
    response = api.post(f"/api/v1/ideas/reviews/{review.pk}/submit/", {"scores": scores}, format="json")
    assert response.status_code == 400
    scores = {str(c.pk): 2 for c in sluice.criteria.all()}
    response = api.post(f"/api/v1/ideas/reviews/{review.pk}/submit/", {"scores": scores}, format="json")
    assert response.status_code == 200
    assert response.json()["scores"] == scores


def test_reviews_list_only_own(api, sluice, coworker, outsider):
    ReviewFactory(round=ReviewRoundFactory(idea=IdeaFactory(sluice=sluice)), reviewer=coworker)
    api.force_authenticate(outsider)
    assert api.get("/api/v1/ideas/reviews/").json()["count"] == 0


def test_analytics_endpoints(api, sluice):
    IdeaFactory(sluice=sluice)
    assert api.get("/api/v1/ideas/analytics/").json()["ideas"] == 1
    assert api.get("/api/v1/ideas/sluices/pitea/analytics/").json()["funnel"][0]["count"] == 1


def test_create_sluice_and_stage_through_api(api, municipality, coordinator):
    api.force_authenticate(coordinator)
    response = api.post(
        "/api/v1/ideas/sluices/", {"organisation": municipality.slug, "name": "API-sluss"}, format="json"
    )
    assert response.status_code == 201
    slug = response.json()["slug"]
    response = api.post(
        "/api/v1/ideas/stages/", {"sluice": slug, "name_sv": "Extra", "stage_type": "test"}, format="json"
    )
    assert response.status_code == 201


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    payload=st.dictionaries(
        st.sampled_from(
            ["sluice", "title", "need", "description", "theme", "language", "is_public", "challenge", "x"]
        ),
        st.one_of(
            st.text(max_size=30), st.integers(), st.booleans(), st.none(), st.lists(st.integers(), max_size=2)
        ),
    )
)
def test_create_idea_never_500(api, sluice, coworker, payload):
    api.force_authenticate(coworker)
    before = Idea.objects.count()
    response = api.post("/api/v1/ideas/ideas/", payload, format="json")
    assert response.status_code in {201, 400}
    if response.status_code == 400:
        assert Idea.objects.count() == before


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    payload=st.dictionaries(
        st.sampled_from(["stage", "answer"]), st.one_of(st.text(max_size=20), st.integers(), st.none())
    )
)
def test_move_never_500(api, sluice, coordinator, payload):
    idea = IdeaFactory(sluice=sluice)
    api.force_authenticate(coordinator)
    response = api.post(f"/api/v1/ideas/ideas/{idea.pk}/move/", payload, format="json")
    assert response.status_code in {200, 400}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "title",
                "need",
                "description",
                "theme",
                "language",
                "contact_email",
                "website",
                "is_public",
                "challenge",
            ]
        ),
        st.text(max_size=40),
    )
)
def test_idea_form_never_500(client, sluice, data):
    response = client.post(f"/ideer/{sluice.slug}/lamna-in/", data)
    assert response.status_code in {200, 302}


def test_unknown_sluice_and_other_sluice_stage(api, sluice, coordinator):
    idea = IdeaFactory(sluice=sluice)
    other = SluiceFactory(organisation=sluice.organisation)
    api.force_authenticate(coordinator)
    response = api.post(
        f"/api/v1/ideas/ideas/{idea.pk}/move/", {"stage": stage_of(other, "screening").pk}, format="json"
    )
    assert response.status_code == 400
