import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from spira.core.navigation import menu_items

from .factories import InitiativeFactory, OrganisationFactory


def test_search_page_shows_hits_with_marked_snippets(client, corpus):
    response = client.get("/sok/", {"q": "äldreboende", "type": "initiative"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Trygghet på äldreboenden" in html
    assert "<mark>äldreboende</mark>" in html
    assert "Hemligt" not in html
    assert '<label for="search-q">' in html
    assert 'aria-live="polite"' in html
    assert "<legend>" in html


def test_english_search_page(client, corpus):
    response = client.get("/en/sok/", {"q": "municipalities", "type": "initiative"})

    assert response.status_code == 200
    assert "Digital services for municipalities" in response.content.decode()


def test_htmx_request_gets_only_the_results_and_out_of_band_facets(client, corpus):
    response = client.get("/sok/", {"q": "äldreboende", "type": "initiative"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="search-facets"' in html
    assert 'hx-swap-oob="true"' in html
    assert "Trygghet på äldreboenden" in html


def test_checked_facet_stays_checked(client, corpus):
    response = client.get("/sok/", {"q": "", "type": "initiative", "status": "ongoing"})

    html = response.content.decode()
    assert 'value="ongoing" id="facet-status-' in html
    assert "checked" in html
    assert "Digital services" not in html


def test_user_text_is_escaped_in_the_page(client, corpus):
    response = client.get("/sok/", {"q": "<script>alert(1)</script>"})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_is_in_the_menu_first():
    items = menu_items()

    assert items[0].url_name == "search:search"
    assert reverse("search:search") == "/sok/"


def _make(count):
    municipality = OrganisationFactory()
    for i in range(count):
        InitiativeFactory(slug=f"s-{i}", title_sv=f"Sensorer {i}", coordinator=municipality)


@pytest.mark.parametrize("count", [1, 3])
def test_search_page_query_count_is_fixed(client, reindex, count):
    _make(count)
    reindex()
    client.get("/sok/", {"q": "sensor", "type": "initiative"})  # warm caches (content types)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/sok/", {"q": "sensor", "type": "initiative"})

    assert response.status_code == 200
    assert response.content.decode().count('class="search-hit"') == count
    # The hits' facet values, the county labels, the number of head hits, the page's rows (all in
    # the head tier here) and the page's records.
    assert len(queries) == 5
