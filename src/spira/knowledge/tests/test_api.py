import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from spira.knowledge.models import KnowledgeResource, ResourceUse, Review
from spira.knowledge.tests.factories import KnowledgeResourceFactory
from spira.organisations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/knowledge/resources/"
VALUES = {
    "type": "method",
    "title": "Dialogverkstad",
    "summary": "Så håller ni en dialogverkstad.",
    "publisher_name": "SKR",
    "discipline": "co_creation",
    "intended_user": "co_workers",
    "licence": "cc_by",
    "country": "SE",
    "format": "workshop",
    "adaptability": "ready",
}


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_list_filters_like_the_html_list():
    KnowledgeResourceFactory(title="Playbook")
    KnowledgeResourceFactory(title="Film om hubbar", type="film")

    data = client_for().get(URL, {"type": "film"}).json()

    assert [r["title"] for r in data["results"]] == ["Film om hubbar"]


def test_create_through_the_api_goes_through_the_service():
    response = client_for(UserFactory()).post(URL, VALUES, format="json")

    assert response.status_code == 201
    assert KnowledgeResource.objects.get().slug == "dialogverkstad"


def test_create_needs_an_account():
    response = client_for().post(URL, VALUES, format="json")

    assert response.status_code in {401, 403}
    assert KnowledgeResource.objects.count() == 0


def test_patch_by_someone_else_is_403():
    resource = KnowledgeResourceFactory()

    response = client_for(UserFactory()).patch(f"{URL}{resource.slug}/", {"title": "Kapad"}, format="json")

    assert response.status_code == 403


def test_mark_used_and_take_it_back():
    resource, user = KnowledgeResourceFactory(), UserFactory()
    api = client_for(user)

    marked = api.post(f"{URL}{resource.slug}/used/")
    count_after_mark = ResourceUse.objects.count()
    api.post(f"{URL}{resource.slug}/unused/")

    assert (marked.status_code, count_after_mark, ResourceUse.objects.count()) == (204, 1, 0)


def test_review_through_the_api():
    resource = KnowledgeResourceFactory()

    response = client_for(UserFactory()).post(
        "/api/v1/knowledge/reviews/",
        {"resource": resource.slug, "rating": 5, "strengths": "Tydlig", "limitations": "Lång"},
        format="json",
    )

    assert response.status_code == 201
    assert Review.objects.get().rating == 5


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    payload=st.fixed_dictionaries(
        {},
        optional={
            "type": st.one_of(st.sampled_from(["method", "film", "poem"]), st.text(max_size=25)),
            "title": st.text(max_size=300),
            "summary": st.text(max_size=50),
            "publisher_name": st.text(max_size=30),
            "country": st.text(max_size=4),
            "year": st.one_of(st.integers(), st.text(max_size=4)),
            "link": st.text(max_size=40),
            "networks": st.lists(st.text(max_size=10), max_size=2),
        },
    )
)
def test_create_answers_any_payload_without_a_500(payload):
    user = UserFactory()
    before = KnowledgeResource.objects.count()

    response = client_for(user).post(URL, {**VALUES, **payload}, format="json")

    assert response.status_code in {201, 400}
    if response.status_code == 400:
        assert "errors" in response.json()
        assert KnowledgeResource.objects.count() == before


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rating=st.one_of(
        st.integers(), st.text(max_size=3), st.none(), st.floats(allow_nan=False, allow_infinity=False)
    )
)
def test_review_rating_outside_1_to_5_changes_nothing(rating):
    resource = KnowledgeResourceFactory()

    response = client_for(UserFactory()).post(
        "/api/v1/knowledge/reviews/",
        {"resource": resource.slug, "rating": rating, "strengths": "Bra"},
        format="json",
    )

    assert response.status_code in {201, 400}
    assert (response.status_code == 201) == (Review.objects.filter(resource=resource).count() == 1)
    if response.status_code == 201:
        assert 1 <= Review.objects.get(resource=resource).rating <= 5
