import pytest

from spira.knowledge.tests.factories import KnowledgeResourceFactory
from spira.networks.tests.factories import NetworkFactory
from spira.search.services import search

pytestmark = pytest.mark.django_db


def test_playbooks_are_found_through_the_shared_search_with_swedish_stemming(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        KnowledgeResourceFactory(title="Playbook för nya hubbar", summary="Så startar ni en samverkansarena.")
        KnowledgeResourceFactory(title="Rapport om jämställdhet", summary="Följeforskning.")

    results = search("hubben", type_name="knowledge")

    assert [hit.title for hit in results.hits] == ["Playbook för nya hubbar"]


def test_hidden_resources_are_not_found(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        KnowledgeResourceFactory(title="Dold metod", is_hidden=True)

    assert search("metod", type_name="knowledge").hits == []


def test_networks_are_found_by_name(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        NetworkFactory(name="Samverket", description="Coworking för offentlig sektor")

    assert [hit.title for hit in search("samverket", type_name="network").hits] == ["Samverket"]
