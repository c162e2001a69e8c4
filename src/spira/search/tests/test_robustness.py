"""No query string, however odd, raises or answers with a 500, on either database."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spira.initiatives.models import Initiative
from spira.search import services
from spira.search.filters import apply_search

SYNTAX = [
    '"',
    "*",
    "(",
    ")",
    ":",
    "^",
    "NEAR",
    "AND",
    "OR",
    "NOT",
    "-",
    "+",
    "\x00",
    "'",
    "\\",
    "&",
    "|",
    "!",
    "<->",
    "{",
    "}",
    "vård",
    "ä",
]

queries = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(SYNTAX), max_size=12).map(" ".join),
    st.lists(st.sampled_from(SYNTAX), max_size=12).map("".join),
)

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(q=queries)
def test_any_query_is_safe_in_apply_search_and_services(corpus, q):
    list(apply_search(Initiative.objects.published(), q))
    services.search(q, type_name="initiative")
    services.search_hits(q)


@FUZZ
@given(q=queries.filter(lambda q: "\x00" not in q))
def test_any_query_is_safe_on_the_page_and_the_api(client, corpus, q):
    assert client.get("/sok/", {"q": q, "type": "initiative", "status": q[:20]}).status_code == 200
    assert client.get("/api/v1/search/", {"q": q}).status_code in {200, 400}


@pytest.mark.parametrize("q", ['"', "NEAR(a b)", "a AND", "*", "^x", "col:val", "-x", "\x00", "' | &"])
def test_fts_syntax_characters_are_plain_text(corpus, q):
    assert list(apply_search(Initiative.objects.published(), q)) == []
