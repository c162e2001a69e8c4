import pytest
from rest_framework.generics import ListAPIView
from rest_framework.serializers import ModelSerializer
from rest_framework.test import APIRequestFactory

from spira.initiatives.models import Initiative
from spira.search.api import SearchFilterBackend


class _InitiativeSerializer(ModelSerializer):
    class Meta:
        model = Initiative
        fields = ["slug"]


class _InitiativeList(ListAPIView):
    """A list like the initiatives API, with only the search backend."""

    queryset = Initiative.objects.published()
    serializer_class = _InitiativeSerializer
    filter_backends = [SearchFilterBackend]
    pagination_class = None


def _list(params):
    request = APIRequestFactory().get("/x/", params)
    return _InitiativeList.as_view()(request)


def test_search_filter_backend_keeps_only_hits_best_first(corpus):
    response = _list({"q": "äldreboenden"})

    assert [row["slug"] for row in response.data] == ["trygghet", "maltider"]


def test_search_filter_backend_without_q_changes_nothing(corpus):
    response = _list({})

    assert len(response.data) == 4


def test_search_api_returns_typed_hits_with_snippets(client, corpus):
    response = client.get("/api/v1/search/", {"q": "äldreboende"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [(hit["type"], hit["title"]) for hit in body["results"]] == [
        ("initiative", "Trygghet på äldreboenden"),
        ("initiative", "Skolmåltider utan matsvinn"),
    ]
    assert "<mark>äldreboende</mark>" in body["results"][1]["snippet"]


def test_search_api_filters_by_type(client, corpus):
    response = client.get("/api/v1/search/", {"q": "äldreboende", "type": "initiative"})

    assert response.json()["count"] == 2


def test_search_api_paginates(client, corpus):
    response = client.get("/api/v1/search/", {"q": "äldreboende", "limit": 1, "offset": 1})

    body = response.json()
    assert body["count"] == 2
    assert [hit["title"] for hit in body["results"]] == ["Skolmåltider utan matsvinn"]


@pytest.mark.parametrize(
    ("params", "field"),
    [({}, "q"), ({"q": "vård", "type": "nonsense"}, "type"), ({"q": "vård", "colour": "red"}, "colour")],
)
def test_search_api_rejects_bad_requests_with_json_errors(client, db, params, field):
    response = client.get("/api/v1/search/", params)

    assert response.status_code == 400
    assert field in response.json()["errors"]
