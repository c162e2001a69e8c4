import pytest
from django.urls import reverse

from spira.initiatives.tests.factories import InitiativeFactory, PublishedInitiativeFactory
from spira.knowledge.models import KnowledgeResource, ResourceInitiative, ResourceUse, Review
from spira.knowledge.tests.factories import CollectionFactory, KnowledgeResourceFactory
from spira.organisations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 3])
def test_resource_list_query_count_is_fixed(client, django_assert_num_queries, count):
    for _ in range(count):
        KnowledgeResourceFactory()

    with django_assert_num_queries(2):
        response = client.get("/kunskap/")

    assert len(response.context["object_list"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_collection_list_query_count_is_fixed(client, django_assert_num_queries, count):
    for _ in range(count):
        CollectionFactory()

    with django_assert_num_queries(2):
        response = client.get(reverse("knowledge:collection_list"))

    assert len(response.context["object_list"]) == count


def test_resource_list_filters_like_the_toolkit_navigator(client):
    KnowledgeResourceFactory(title="Samverkets playbook")
    KnowledgeResourceFactory(
        title="Rapport om jämställdhet", type="research_finding", discipline="evaluation"
    )

    by_type = client.get("/kunskap/", {"type": "research_finding"})
    by_discipline = client.get("/kunskap/", {"discipline": "collaboration"})
    by_words = client.get("/kunskap/", {"q": "PLAYBOOK"})

    assert [r.title for r in by_type.context["object_list"]] == ["Rapport om jämställdhet"]
    assert [r.title for r in by_discipline.context["object_list"]] == ["Samverkets playbook"]
    assert [r.title for r in by_words.context["object_list"]] == ["Samverkets playbook"]


def test_hidden_resources_are_not_listed_for_the_public(client):
    KnowledgeResourceFactory(title="Synlig")
    KnowledgeResourceFactory(title="Dold", is_hidden=True)

    response = client.get("/kunskap/")

    assert [r.title for r in response.context["object_list"]] == ["Synlig"]


def test_detail_shows_the_published_initiatives_that_used_it(client):
    resource = KnowledgeResourceFactory()
    used = PublishedInitiativeFactory(title_sv="Samverket Östersund")
    draft = InitiativeFactory(title_sv="Hemligt utkast")
    ResourceInitiative.objects.create(resource=resource, initiative=used)
    ResourceInitiative.objects.create(resource=resource, initiative=draft)

    response = client.get(resource.get_absolute_url())

    assert [link.initiative for link in response.context["links"]] == [used]
    assert "Hemligt utkast" not in response.content.decode()


def test_mark_used_through_the_page(client):
    resource, user = KnowledgeResourceFactory(), UserFactory()
    client.force_login(user)

    response = client.post(reverse("knowledge:resource_used", kwargs={"slug": resource.slug}))

    assert response.status_code == 302
    assert ResourceUse.objects.filter(user=user, resource=resource).count() == 1


def test_mark_used_needs_login(client):
    resource = KnowledgeResourceFactory()

    response = client.post(reverse("knowledge:resource_used", kwargs={"slug": resource.slug}))

    assert response.status_code == 302
    assert ResourceUse.objects.count() == 0


def test_review_with_a_bad_rating_shows_the_form_again(client):
    resource = KnowledgeResourceFactory()
    client.force_login(UserFactory())

    response = client.post(
        reverse("knowledge:resource_review", kwargs={"slug": resource.slug}),
        {"rating": "9", "strengths": "Bra", "language": "sv"},
    )

    assert response.status_code == 400
    assert Review.objects.count() == 0


def test_review_through_the_page(client):
    resource = KnowledgeResourceFactory()
    client.force_login(UserFactory())

    client.post(
        reverse("knowledge:resource_review", kwargs={"slug": resource.slug}),
        {"rating": "4", "strengths": "Tydliga steg", "limitations": "Mest för storstad", "language": "sv"},
    )

    assert Review.objects.get().limitations == "Mest för storstad"


def test_create_resource_through_the_page(client):
    client.force_login(UserFactory())

    response = client.post(
        reverse("knowledge:resource_create"),
        {
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
            "language": "sv",
        },
    )

    assert response.status_code == 302
    assert KnowledgeResource.objects.get().slug == "dialogverkstad"


def test_detail_in_english_uses_the_english_title(client):
    resource = KnowledgeResourceFactory(title="Lekbok", title_en="Playbook in English")

    response = client.get("/en" + resource.get_absolute_url())

    assert "Playbook in English" in response.content.decode()


@pytest.mark.parametrize("tab", ["resource_history"])
def test_history_tab_answers(client, tab):
    resource = KnowledgeResourceFactory()

    assert client.get(reverse(f"knowledge:{tab}", kwargs={"slug": resource.slug})).status_code == 200


def resource_edit_data(resource, **changes) -> dict:
    names = ["type", "title", "summary", "language", "discipline", "intended_user", "licence", "country"]
    data = {name: getattr(resource, name) for name in [*names, "format", "adaptability"]}
    return data | {"publisher": resource.publisher_id} | changes


def test_resource_edit_asks_anonymous_visitors_to_log_in(client):
    resource = KnowledgeResourceFactory()

    response = client.get(f"/kunskap/{resource.slug}/redigera/")

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/kunskap/{resource.slug}/redigera/"


def test_resource_edit_by_someone_else_is_forbidden(client):
    resource = KnowledgeResourceFactory()
    client.force_login(UserFactory())

    response = client.post(f"/kunskap/{resource.slug}/redigera/", resource_edit_data(resource, title="Annat"))

    resource.refresh_from_db()
    assert response.status_code == 403
    assert resource.title != "Annat"


def test_resource_edit_by_the_one_who_added_it_saves_through_the_service(client):
    resource = KnowledgeResourceFactory()
    client.force_login(resource.created_by)
    assert client.get(f"/kunskap/{resource.slug}/redigera/").status_code == 200

    response = client.post(
        f"/kunskap/{resource.slug}/redigera/", resource_edit_data(resource, title="Samverkans handbok")
    )

    resource.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, resource.get_absolute_url())
    assert resource.title == "Samverkans handbok"


def test_resource_edit_without_a_title_answers_400_and_changes_nothing(client):
    resource = KnowledgeResourceFactory()
    title = resource.title
    client.force_login(resource.created_by)

    response = client.post(f"/kunskap/{resource.slug}/redigera/", resource_edit_data(resource, title=""))

    resource.refresh_from_db()
    assert (response.status_code, resource.title) == (400, title)
    assert response.context["form"].errors["title"]
