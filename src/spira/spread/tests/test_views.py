from decimal import Decimal

import pytest
from django.urls import reverse

from spira.spread import services
from spira.spread.choices import AdoptionStatus
from spira.spread.models import Adoption
from spira.spread.tests.factories import AdoptionFactory, SolutionFactory

pytestmark = pytest.mark.django_db

# Signed in, figures cached: session and user, the solution, its links and initiatives, the
# reader's organisations (for the actions and the interest form), the change permission, and
# the unread notifications of the page header.
CACHED_PAGE_QUERIES = 8


@pytest.mark.parametrize("count", [1, 3])
def test_solution_list_query_count(client, django_assert_num_queries, count):
    SolutionFactory.create_batch(count)

    with django_assert_num_queries(2):
        response = client.get(reverse("spread:solution_list"))

    assert response.status_code == 200
    assert len(response.context["object_list"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_adoption_list_query_count(client, django_assert_num_queries, count):
    AdoptionFactory.create_batch(count)

    with django_assert_num_queries(2):
        response = client.get(reverse("spread:adoption_list"))

    assert response.status_code == 200
    assert len(response.context["object_list"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_solution_page_query_count_does_not_grow_with_adoptions(
    client, django_assert_num_queries, solution, count
):
    """Anonymous, nothing cached yet: the figures are drawn from two queries."""
    AdoptionFactory.create_batch(count, solution=solution)

    with django_assert_num_queries(5):
        response = client.get(solution.get_absolute_url())

    assert response.status_code == 200
    assert response.content.count(b'id="adoption-') == count


def test_solution_page_draws_map_timeline_and_graph(client, solution, ostersund):
    AdoptionFactory(solution=solution, adopter=ostersund, status=AdoptionStatus.IN_USE)

    html = client.get(solution.get_absolute_url()).content.decode()

    assert 'class="spread-map"' in html
    assert 'class="spread-timeline"' in html
    assert 'class="spread-graph"' in html
    assert "Östersunds kommun lärde sig av Stockholms stad" in html


def test_export_csv_and_json(client, solution):
    csv = client.get(reverse("spread:solution_list") + "?format=csv")
    data = client.get(reverse("spread:adoption_list") + "?format=json")

    assert csv.status_code == 200
    assert solution.slug.encode() in b"".join(csv.streaming_content)
    assert data.status_code == 200


def test_interest_button_registers_interest(client, solution, ostersund, adopter_member):
    client.force_login(adopter_member)

    response = client.post(
        reverse("spread:solution_interest", kwargs={"slug": solution.slug}), {"organisation": ostersund.slug}
    )

    assert response.status_code == 302
    assert Adoption.objects.get().adopter == ostersund


def test_interest_for_own_solution_shows_message_and_changes_nothing(
    client, solution, stockholm, owner_member
):
    client.force_login(owner_member)

    response = client.post(
        reverse("spread:solution_interest", kwargs={"slug": solution.slug}),
        {"organisation": stockholm.slug},
        follow=True,
    )

    assert Adoption.objects.count() == 0
    assert "kan inte" in response.content.decode()


def test_status_form_rejects_future_date(client, solution, ostersund, adopter_member):
    adoption = AdoptionFactory(solution=solution, adopter=ostersund)
    client.force_login(adopter_member)

    response = client.post(
        reverse("spread:adoption_status", kwargs={"pk": adoption.pk}),
        {"status": "piloting", "on": "2999-01-01"},
    )

    assert response.status_code == 200
    adoption.refresh_from_db()
    assert adoption.status == AdoptionStatus.INTERESTED


def test_status_page_refuses_outsider(client, solution, ostersund, outsider):
    adoption = AdoptionFactory(solution=solution, adopter=ostersund)
    client.force_login(outsider)

    assert client.get(reverse("spread:adoption_status", kwargs={"pk": adoption.pk})).status_code == 403


def test_publiccode_export_url(client, stockholm):
    software = SolutionFactory(
        owner=stockholm, kind="software", repository_url="https://example.org/repo.git"
    )

    response = client.get(reverse("spread:solution_publiccode", kwargs={"slug": software.slug}))

    assert response.status_code == 200
    assert b"publiccodeYmlVersion" in response.content


@pytest.mark.parametrize("name", ["national", "solution_create"])
def test_pages_answer(client, owner_member, name):
    client.force_login(owner_member)
    assert client.get(reverse(f"spread:{name}")).status_code == 200


def test_solution_list_offers_the_publiccode_upload_to_members_only(client, owner_member):
    upload = reverse("spread:publiccode_upload").encode()

    assert upload not in client.get(reverse("spread:solution_list")).content

    client.force_login(owner_member)
    assert upload in client.get(reverse("spread:solution_list")).content


def test_organisation_tabs_show_adoptions_and_recommendations(client, solution, stockholm, ostersund):
    from spira.organisations.tests.factories import MunicipalityFactory

    peer = MunicipalityFactory(county=ostersund.county, population=60_000)
    AdoptionFactory(solution=solution, adopter=peer, status=AdoptionStatus.IN_USE)

    adopted = client.get(reverse("spread:organisation_adopted", kwargs={"slug": ostersund.slug}))
    spread = client.get(reverse("spread:organisation_spread", kwargs={"slug": stockholm.slug}))

    assert [s.pk for s in adopted.context["recommended"]] == [solution.pk]
    assert spread.status_code == 200
    assert solution.name in spread.content.decode()


def test_english_page(client, solution):
    response = client.get("/en" + solution.get_absolute_url())
    assert response.status_code == 200
    assert "Where it is used" in response.content.decode()


def test_solutions_with_procurement_documents_are_found_by_search(
    stockholm, owner_member, django_capture_on_commit_callbacks
):
    from spira.search.services import search_hits

    with django_capture_on_commit_callbacks(execute=True):
        services.create_solution(
            owner_member, stockholm, name="Larmupphandling", summary="Trygghetslarm för hemtjänsten.",
        kind="procurement", procurement_requirements="Krav på digitala trygghetslarm.",
    )  # fmt: skip

    total, hits = search_hits("trygghetslarm", type_names=["solution"])

    assert total == 1
    assert [str(hit.obj) for hit in hits] == ["Larmupphandling"]


def test_map_paths_cover_every_municipality_and_county():
    from spira.spread import maps

    municipalities, counties = maps.municipality_paths(), maps.county_paths()

    assert len(municipalities) == 290
    assert len(counties) == 21
    assert all(path.count("L") >= 3 for path in municipalities.values())
    assert sum(len(path) for path in municipalities.values()) < 400_000


def test_solution_page_figures_are_cached_and_redrawn_after_a_change(
    client, django_assert_num_queries, solution, ostersund, adopter_member, outsider
):
    """Signed in (no whole-page cache): the figures are drawn once, then read from the cache."""
    adoption = AdoptionFactory(solution=solution, adopter=ostersund)
    client.force_login(outsider)
    client.get(solution.get_absolute_url())

    with django_assert_num_queries(CACHED_PAGE_QUERIES):
        cached = client.get(solution.get_absolute_url())
    services.change_adoption_status(adopter_member, adoption, AdoptionStatus.PILOTING)
    redrawn = client.get(solution.get_absolute_url()).content.decode()

    assert "Intresserad" in cached.content.decode()
    assert f'<tr id="adoption-{adoption.pk}">' in redrawn
    assert "Pilotar" in redrawn
    assert "pilot startad" in redrawn


def test_renaming_an_organisation_redraws_the_figures(client, solution, ostersund, outsider):
    AdoptionFactory(solution=solution, adopter=ostersund, status=AdoptionStatus.IN_USE)
    client.force_login(outsider)
    client.get(solution.get_absolute_url())

    ostersund.full_name = "Östersunds kommun (ny)"
    ostersund.save()
    html = client.get(solution.get_absolute_url()).content.decode()

    assert "Östersunds kommun (ny) lärde sig av" in html


def test_reader_actions_are_not_cached_with_the_figures(
    client, solution, ostersund, adopter_member, outsider
):
    adoption = AdoptionFactory(solution=solution, adopter=ostersund)
    status_url = reverse("spread:adoption_status", kwargs={"pk": adoption.pk})
    client.force_login(adopter_member)
    member_page = client.get(solution.get_absolute_url()).content.decode()

    client.force_login(outsider)
    outsider_page = client.get(solution.get_absolute_url()).content.decode()

    assert status_url in member_page
    assert status_url not in outsider_page


def test_recommendations_drop_a_solution_as_soon_as_the_organisation_registers_it(
    client, solution, ostersund, adopter_member
):
    from spira.organisations.tests.factories import MunicipalityFactory

    peer = MunicipalityFactory(county=ostersund.county, population=60_000)
    AdoptionFactory(solution=solution, adopter=peer, status=AdoptionStatus.IN_USE)
    url = reverse("spread:organisation_adopted", kwargs={"slug": ostersund.slug})
    before = client.get(url).context["recommended"]

    services.mark_interest(adopter_member, solution, ostersund)
    after = client.get(url).context["recommended"]

    assert [s.pk for s in before] == [solution.pk]
    assert after == []


def test_national_view_draws_the_county_map(client, solution):
    from spira.organisations.tests.factories import CountyFactory, MunicipalityFactory

    jamtland = CountyFactory(code="23", name="Jämtlands län")
    adopter = MunicipalityFactory(county=jamtland)
    AdoptionFactory(solution=solution, adopter=adopter, status=AdoptionStatus.IN_USE)

    html = client.get(reverse("spread:national")).content.decode()

    assert 'class="spread-map"' in html
    assert 'data-county="23" fill="#2171b5"' in html
    assert 'data-county="01" fill="#f1f3f5"' in html


def test_anonymous_solution_page_is_served_from_the_page_cache_until_something_changes(
    client, django_assert_num_queries, solution, ostersund, adopter_member
):
    client.get(solution.get_absolute_url())

    with django_assert_num_queries(0):
        client.get(solution.get_absolute_url())
    services.mark_interest(adopter_member, solution, ostersund)
    html = client.get(solution.get_absolute_url()).content.decode()

    assert "Östersunds kommun" in html


def test_adoption_row_shows_effect_indicator_and_reason_escaped(client, solution, ostersund):
    AdoptionFactory(
        solution=solution, adopter=ostersund, status=AdoptionStatus.DISCONTINUED,
        discontinued_reason="<b>För dyrt</b>", effect="Kortare väntetider <script>", indicator="Väntetid",
        indicator_unit="dagar", baseline=Decimal("12.5"), result=Decimal("8"),
    )  # fmt: skip

    html = client.get(solution.get_absolute_url()).content.decode()

    assert "Effekt: Kortare väntetider &lt;script&gt;" in html
    assert "Väntetid: 12,50 → 8,00 dagar" in html
    assert "&lt;b&gt;För dyrt&lt;/b&gt;" in html
    assert "<script>" not in html.split("<main", 1)[1]
