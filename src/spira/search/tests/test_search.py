"""Search results on whichever database is configured; the assertions are exact hit lists, so
the SQLite and the PostgreSQL runs check the same behaviour."""

import pytest

from spira.initiatives.models import Initiative
from spira.search import services
from spira.search.filters import apply_search


def slugs(queryset_or_hits):
    return [getattr(item, "obj", item).slug for item in queryset_or_hits]


def found(q):
    return slugs(apply_search(Initiative.objects.published(), q))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("äldreboende", ["trygghet", "maltider"]),
        ("äldreboenden", ["trygghet", "maltider"]),
        ("ÄLDREBOENDEN", ["trygghet", "maltider"]),
        ("municipality", ["digital"]),
        ("municipalities", ["digital"]),
        ("kommun", ["delar-data"]),
        ("kommunerna", ["delar-data"]),
        ("data", ["delar-data", "digital"]),
        ("öppna data", ["delar-data"]),
        ("open data", ["digital"]),
        ("skolor matsvinn", ["maltider"]),
        ("sensor", ["trygghet"]),
        ("Norrby", ["trygghet"]),
        ("ingenting", []),
    ],
)
def test_search_finds_every_form_in_either_language(corpus, query, expected):
    # The same hits on both databases; their order is tested where it is defined (title > body).
    assert sorted(found(query)) == sorted(expected)


def test_title_hit_ranks_above_body_hit(corpus):
    ranked = list(apply_search(Initiative.objects.published(), "äldreboende"))

    assert slugs(ranked) == ["trygghet", "maltider"]
    assert ranked[0].search_rank > ranked[1].search_rank


def test_search_page_service_ranks_like_apply_search(corpus):
    results = services.search("äldreboende", type_name="initiative")

    assert slugs(results.hits) == ["trygghet", "maltider"]
    assert results.total == 2


def test_unpublished_initiative_is_never_found(corpus):
    assert "utkast" not in found("hemligt")
    assert services.search("hemligt", type_name="initiative").total == 0
    assert services.search_hits("hemligt") == (0, [])
    assert corpus.draft not in services.similar(corpus.elderly)


def test_query_without_words_matches_nothing(corpus):
    assert found("*** ( ) ^") == []
    assert (
        services.search("***", type_name="initiative").total == 4
    )  # no words: the whole library, newest first


def test_sorting_by_title_and_newest(corpus):
    assert slugs(services.search("", type_name="initiative", sort="title").hits) == [
        "digital",
        "delar-data",
        "maltider",
        "trygghet",
    ]
    newest = Initiative.objects.published().order_by("-published_at", "-pk").values_list("slug", flat=True)
    assert slugs(services.search("", type_name="initiative", sort="newest").hits) == list(newest)


def _counts(results, name):
    facet = next(f for f in results.facets if f.name == name)
    return {option.value: option.count for option in facet.options}


def test_facet_counts_without_filters(corpus):
    results = services.search("", type_name="initiative")

    assert _counts(results, "status") == {"ongoing": 2, "completed": 1, "planned": 1}
    assert _counts(results, "stage") == {"implementation": 2, "evaluation": 1}
    assert _counts(results, "county") == {"01": 2, "12": 2}
    assert _counts(results, "kind") == {"municipality": 1, "region": 2, "agency": 1}
    assert _counts(results, "sdg") == {"3": 1}
    assert _counts(results, "funder") == {"verket": 1}
    assert _counts(results, "year") == {"2021": 1, "2022": 2, "2023": 1}


def test_facet_counts_leave_out_their_own_filter_only(corpus):
    results = services.search("", type_name="initiative", params={"status": ["ongoing"], "county": ["12"]})

    assert slugs(results.hits) == ["maltider"]
    # status counts use the county filter only; county counts use the status filter only.
    assert _counts(results, "status") == {"ongoing": 1, "completed": 1}
    assert _counts(results, "county") == {"01": 1, "12": 1}
    assert _counts(results, "sector") == {"education": 1}


def test_facet_values_within_a_facet_are_alternatives(corpus):
    results = services.search(
        "", type_name="initiative", params={"status": ["ongoing", "planned"]}, sort="title"
    )

    assert slugs(results.hits) == ["delar-data", "maltider", "trygghet"]


def test_facets_combine_with_words(corpus):
    results = services.search("äldreboende", type_name="initiative", params={"sector": ["education"]})

    assert slugs(results.hits) == ["maltider"]
    assert _counts(results, "sector") == {"health": 1, "education": 1}


def test_facet_labels_come_from_the_vocabularies(corpus):
    results = services.search("", type_name="initiative")
    county = next(f for f in results.facets if f.name == "county")

    assert sorted(option.label for option in county.options) == ["Skåne län", "Stockholms län"]


def test_unknown_facet_values_are_ignored(corpus):
    results = services.search("", type_name="initiative", params={"status": ["nonsense"], "year": ["20x1"]})

    assert results.total == 4


def test_similar_excludes_itself_and_the_same_coordinator(corpus, reindex):
    from .factories import InitiativeFactory

    InitiativeFactory(
        slug="tvilling", title_sv="Trygghet på äldreboenden med sensorer", coordinator=corpus.norrby
    )
    reindex()

    assert slugs(services.similar(corpus.elderly)) == ["maltider"]


def test_similar_without_exclusion_finds_the_same_coordinators_twin(corpus, reindex):
    from .factories import InitiativeFactory

    InitiativeFactory(
        slug="tvilling", title_sv="Trygghet på äldreboenden med sensorer", coordinator=corpus.norrby
    )
    reindex()

    assert slugs(services.similar(corpus.elderly, exclude_same=())) == ["tvilling", "maltider"]


def test_similar_is_cached_until_the_index_changes(corpus, reindex, django_assert_num_queries):
    from .factories import InitiativeFactory

    assert slugs(services.similar(corpus.elderly)) == ["maltider"]
    with django_assert_num_queries(1):  # the records only; the ids come from the cache
        assert slugs(services.similar(corpus.elderly)) == ["maltider"]

    InitiativeFactory(
        slug="sensorer", title_sv="Trygghet på äldreboenden med sensorer", coordinator=corpus.verket
    )
    reindex()

    assert slugs(services.similar(corpus.elderly)) == ["sensorer", "maltider"]


def test_a_record_unpublished_since_is_left_out_of_cached_similar_records(corpus):
    assert slugs(services.similar(corpus.elderly)) == ["maltider"]

    # Behind the index's back (no reindex): the records are still read through the public queryset.
    Initiative.objects.filter(slug="maltider").update(state="draft")

    assert services.similar(corpus.elderly) == []


def test_search_hits_of_all_types(corpus):
    total, hits = services.search_hits("äldreboende")

    assert total == 2
    assert [(hit.type_name, hit.obj.slug) for hit in hits] == [
        ("initiative", "trygghet"),
        ("initiative", "maltider"),
    ]
