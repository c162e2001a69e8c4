import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from spira.core.models import ActivityLogEntry
from spira.initiatives.tests.factories import InitiativeFactory, PublishedInitiativeFactory
from spira.knowledge import services
from spira.knowledge.models import KnowledgeResource, ResourceUse, Review
from spira.knowledge.tests.factories import CollectionFactory, KnowledgeResourceFactory
from spira.organisations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

VALUES = {
    "type": "playbook",
    "title": "Playbook för Samverket",
    "summary": "Hur man startar en ny hubb.",
    "publisher_name": "Länsstyrelsen i Jämtlands län",
    "discipline": "collaboration",
    "intended_user": "networks",
    "licence": "cc_by",
    "country": "se",
    "format": "document",
    "adaptability": "adaptable",
}


def test_create_resource_normalises_the_country_and_logs_it():
    resource = services.create_resource(UserFactory(), **VALUES)

    assert (resource.slug, resource.country) == ("playbook-for-samverket", "SE")
    assert ActivityLogEntry.objects.filter(action="knowledge.resource.created").count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"type": "poem"}, "type"),
        ({"title": "  "}, "title"),
        ({"country": "Sverige"}, "country"),
        ({"publisher_name": ""}, "publisher_name"),
        ({"url": "not a link"}, "url"),
    ],
)
def test_create_resource_rejects_bad_values_and_saves_nothing(change, field):
    with pytest.raises(ValidationError) as excinfo:
        services.create_resource(UserFactory(), **{**VALUES, **change})

    assert field in excinfo.value.message_dict
    assert KnowledgeResource.objects.count() == 0


def test_create_resource_rejects_unknown_fields():
    with pytest.raises(ValidationError) as excinfo:
        services.create_resource(UserFactory(), **VALUES, use_count=99)

    assert list(excinfo.value.message_dict) == ["use_count"]


def test_update_resource_by_someone_else_is_refused():
    resource = KnowledgeResourceFactory()

    with pytest.raises(PermissionDenied):
        services.update_resource(UserFactory(), resource, title="Nytt")


def test_mark_used_twice_counts_once():
    resource, user = KnowledgeResourceFactory(), UserFactory()

    services.mark_used(user, resource)
    services.mark_used(user, resource)

    resource.refresh_from_db()
    assert (ResourceUse.objects.count(), resource.use_count) == (1, 1)


def test_unmark_used_takes_the_mark_back():
    resource, user = KnowledgeResourceFactory(), UserFactory()
    services.mark_used(user, resource)

    services.unmark_used(user, resource)

    resource.refresh_from_db()
    assert resource.use_count == 0


def test_write_review_then_rewrite_keeps_one_review():
    resource, user = KnowledgeResourceFactory(), UserFactory()

    services.write_review(user, resource, rating=3, strengths="Bra mallar")
    services.write_review(user, resource, rating=5, strengths="Ännu bättre", limitations="Lång")

    assert list(Review.objects.values_list("rating", "limitations")) == [(5, "Lång")]
    resource.refresh_from_db()
    assert resource.review_count == 1


@pytest.mark.parametrize("rating", [0, 6, "5", None, True, 4.5])
def test_write_review_rejects_a_rating_outside_1_to_5(rating):
    resource = KnowledgeResourceFactory()

    with pytest.raises(ValidationError) as excinfo:
        services.write_review(UserFactory(), resource, rating=rating, strengths="Bra")

    assert list(excinfo.value.message_dict) == ["rating"]
    assert Review.objects.count() == 0


def test_hidden_resource_cannot_be_marked_or_reviewed():
    resource = KnowledgeResourceFactory(is_hidden=True)

    with pytest.raises(PermissionDenied):
        services.mark_used(UserFactory(), resource)
    with pytest.raises(PermissionDenied):
        services.write_review(UserFactory(), resource, rating=4, strengths="x")


def test_link_initiative_only_published_ones():
    resource = KnowledgeResourceFactory()

    with pytest.raises(ValidationError):
        services.link_initiative(resource.created_by, resource, InitiativeFactory())
    link = services.link_initiative(resource.created_by, resource, PublishedInitiativeFactory(), "studied")

    assert link.relation == "studied"


def test_link_initiative_refused_to_strangers():
    with pytest.raises(PermissionDenied):
        services.link_initiative(UserFactory(), KnowledgeResourceFactory(), PublishedInitiativeFactory())


def test_collections_take_resources_once_and_only_from_the_owner():
    collection, resource = CollectionFactory(), KnowledgeResourceFactory()

    services.add_to_collection(collection.owner, collection, resource)
    services.add_to_collection(collection.owner, collection, resource)
    with pytest.raises(PermissionDenied):
        services.add_to_collection(UserFactory(), collection, resource)

    assert collection.items.count() == 1


def test_erasing_a_person_keeps_their_review_without_name():
    from spira.knowledge.privacy import erase_knowledge_data

    resource, user = KnowledgeResourceFactory(), UserFactory()
    services.mark_used(user, resource)
    services.write_review(user, resource, rating=4, strengths="Bra")

    erase_knowledge_data(user)

    resource.refresh_from_db()
    assert (resource.use_count, Review.objects.get().author) == (0, None)
