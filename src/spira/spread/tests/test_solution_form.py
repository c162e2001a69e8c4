"""The solution form: the initiatives a solution came out of, documents and links."""

import re

import pytest
from django.urls import reverse

from spira.core.models import ActivityLogEntry
from spira.initiatives.models import Initiative
from spira.initiatives.tests.factories import InitiativeFactory, PublishedInitiativeFactory
from spira.search.index import index_objects
from spira.spread.choices import MAX_INITIATIVES
from spira.spread.models import Solution, SolutionLink

pytestmark = pytest.mark.django_db

CREATE = "spread:solution_create"


def links_data(rows=(), initial=0) -> dict:
    """The links formset as the page posts it: `initial` rows came filled in from the solution."""
    rows = list(rows)
    data = {
        "links-TOTAL_FORMS": str(max(len(rows), 2)),
        "links-INITIAL_FORMS": str(initial),
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"links-{index}-{name}": value for name, value in row.items()})
    return data


def solution_data(owner, **extra) -> dict:
    return {
        "owner": owner.slug,
        "name": "Trygghetsvandringar",
        "language": "sv",
        "summary": "Invånare och kommun går tillsammans genom området.",
        "kind": "method",
        "maturity": "pilot",
        **links_data(),
        **extra,
    }


@pytest.fixture
def published(stockholm):
    return PublishedInitiativeFactory(title_sv="Trygghetsvandringar i Rinkeby", coordinator=stockholm)


def test_create_links_initiatives_and_documents(client, stockholm, owner_member, published):
    client.force_login(owner_member)
    data = solution_data(
        stockholm,
        initiatives=[published.slug],
        **links_data(
            [
                {"url": "https://example.org/guide.pdf", "title": "Handbok"},
                {"url": "example.org/krav.pdf", "title": "Kravspecifikation", "is_procurement": "on"},
            ]
        ),
    )

    response = client.post(reverse(CREATE), data)

    solution = Solution.objects.get()
    assert response.status_code == 302
    assert list(solution.initiatives.all()) == [published]
    assert [(link.title, link.url, link.is_procurement) for link in solution.links.all()] == [
        ("Handbok", "https://example.org/guide.pdf", False),
        ("Kravspecifikation", "https://example.org/krav.pdf", True),
    ]
    entry = ActivityLogEntry.objects.get(action="spread.solution.created")
    assert entry.data["initiatives"] == [published.slug]


def test_create_form_offers_the_organisations_own_initiatives(client, stockholm, owner_member, published):
    InitiativeFactory(title_sv="Någon annans utkast")
    client.force_login(owner_member)

    response = client.get(reverse(CREATE))

    offered = [value for value, _label in response.context["form"].fields["initiatives"].widget.choices]
    assert offered == [published.slug]
    assert 'name="initiatives"' in response.content.decode()


def test_edit_form_shows_linked_initiatives_ticked_and_unticking_removes_them(
    client, solution, owner_member, published
):
    solution.initiatives.add(published)
    SolutionLink.objects.create(solution=solution, title="Handbok", url="https://example.org/a")
    client.force_login(owner_member)
    url = reverse("spread:solution_update", kwargs={"slug": solution.slug})

    page = client.get(url).content.decode()
    data = solution_data(
        solution.owner, **links_data([{"url": "https://example.org/a", "title": "Handbok"}], initial=1)
    )
    data.pop("owner")
    response = client.post(url, data)

    assert re.search(f'value="{published.slug}"[^>]* checked', page)
    assert 'value="https://example.org/a"' in page
    assert response.status_code == 302
    assert solution.initiatives.count() == 0
    assert solution.links.count() == 1
    entry = ActivityLogEntry.objects.get(action="spread.solution.updated")
    assert entry.changes["initiatives"] == [[published.slug], []]


@pytest.mark.parametrize(
    "slugs",
    [
        ["no-such-initiative"],
        ["<script>"],
        [""],
    ],
)
def test_unknown_initiative_is_refused_and_nothing_saved(client, stockholm, owner_member, slugs):
    client.force_login(owner_member)

    response = client.post(reverse(CREATE), solution_data(stockholm, initiatives=slugs))

    assert response.status_code == 200
    assert response.context["form"].errors["initiatives"]
    assert Solution.objects.count() == 0


def test_someone_elses_draft_initiative_cannot_be_linked(client, stockholm, owner_member):
    draft = InitiativeFactory(title_sv="Hemligt utkast")
    client.force_login(owner_member)

    response = client.post(reverse(CREATE), solution_data(stockholm, initiatives=[draft.slug]))

    assert response.status_code == 200
    assert "inte ett initiativ du kan länka till" in response.content.decode()
    assert Solution.objects.count() == 0


def test_at_most_twenty_initiatives(client, stockholm, owner_member):
    initiatives = PublishedInitiativeFactory.create_batch(MAX_INITIATIVES + 1)
    client.force_login(owner_member)

    response = client.post(
        reverse(CREATE), solution_data(stockholm, initiatives=[i.slug for i in initiatives])
    )

    assert response.status_code == 200
    assert "högst 20 initiativ" in response.content.decode()
    assert Solution.objects.count() == 0


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"url": "", "title": "Handbok"}, "Ange adressen"),
        ({"url": "javascript:alert(1)", "title": "X"}, "giltig"),
        ({"url": "https://example.org/" + "a" * 600, "title": "X"}, "som mest 500"),
        ({"url": "https://example.org", "title": "x" * 201}, "som mest 200"),
    ],
)
def test_bad_link_is_refused_and_nothing_saved(client, stockholm, owner_member, row, message):
    client.force_login(owner_member)

    response = client.post(reverse(CREATE), solution_data(stockholm, **links_data([row])))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Solution.objects.count() == 0


def test_too_many_links_are_refused(client, stockholm, owner_member):
    rows = [{"url": f"https://example.org/{n}", "title": f"Länk {n}"} for n in range(31)]
    client.force_login(owner_member)

    response = client.post(reverse(CREATE), solution_data(stockholm, **links_data(rows)))

    assert response.status_code == 200
    assert Solution.objects.count() == 0


def test_broken_management_form_is_an_error_not_a_crash(client, stockholm, owner_member):
    client.force_login(owner_member)
    data = solution_data(stockholm)
    data["links-TOTAL_FORMS"] = "many"

    response = client.post(reverse(CREATE), data)

    assert response.status_code == 200
    assert Solution.objects.count() == 0


def test_find_without_javascript_offers_matches_and_saves_nothing(client, stockholm, owner_member):
    other = PublishedInitiativeFactory(title_sv="Cykelbibliotek i Umeå", summary_sv="Lånecyklar för alla.")
    index_objects(Initiative, [other.pk])
    client.force_login(owner_member)

    response = client.post(
        reverse(CREATE),
        solution_data(stockholm, name="", initiative_search="cykelbibliotek", find_initiatives="1"),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert Solution.objects.count() == 0
    assert f'value="{other.slug}"' in html
    assert "Inget har sparats ännu" in html
    assert "errorlist" not in html


def test_search_as_you_type_returns_boxes_to_tick_without_those_ticked(client, owner_member):
    first = PublishedInitiativeFactory(title_sv="Cykelbibliotek i Umeå")
    second = PublishedInitiativeFactory(title_sv="Cykelbibliotek i Luleå")
    index_objects(Initiative, [first.pk, second.pk])
    client.force_login(owner_member)

    response = client.get(
        reverse("spread:initiative_choices"),
        {"initiative_search": "cykelbibliotek", "initiatives": first.slug},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{second.slug}"' in html
    assert f'value="{first.slug}"' not in html
    assert 'name="initiatives"' in html


@pytest.mark.parametrize("query", ["", "   ", "x" * 5000, "\x00", "ingenting-matchar-detta"])
def test_search_as_you_type_never_fails(client, query):
    response = client.get(reverse("spread:initiative_choices"), {"initiative_search": query})

    assert response.status_code == 200
    assert 'name="initiatives"' not in response.content.decode()
