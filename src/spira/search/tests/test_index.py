"""The index follows saves, deletes, publication and many-to-many changes, once committed."""

from django.contrib.contenttypes.models import ContentType

from spira.initiatives.choices import PublicationState
from spira.initiatives.models import Initiative
from spira.search import index
from spira.search.filters import apply_search
from spira.search.models import SearchDocument

from .factories import InitiativeFactory, StageFactory


def found(q):
    return list(apply_search(Initiative.objects.published(), q).values_list("slug", flat=True))


def documents():
    content_type = ContentType.objects.get_for_model(Initiative)
    return SearchDocument.objects.filter(content_type=content_type)


def test_saving_indexes_on_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        InitiativeFactory(slug="ny", title_sv="Cirkulära möbler")

    assert found("möbler") == ["ny"]


def test_nothing_is_indexed_before_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        InitiativeFactory(slug="ny", title_sv="Cirkulära möbler")

    assert found("möbler") == []
    assert len(callbacks) >= 1


def test_editing_replaces_the_old_text(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        initiative = InitiativeFactory(slug="ny", title_sv="Cirkulära möbler")
    with django_capture_on_commit_callbacks(execute=True):
        initiative.title_sv = "Delade cyklar"
        initiative.save()

    assert found("möbler") == []
    assert found("cyklar") == ["ny"]


def test_publishing_makes_it_findable_and_unpublishing_hides_it(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        initiative = InitiativeFactory(slug="ny", title_sv="Cirkulära möbler", state=PublicationState.DRAFT)
    assert documents().get().public is False

    with django_capture_on_commit_callbacks(execute=True):
        initiative.state = PublicationState.PUBLISHED
        initiative.save()
    assert documents().get().public is True

    with django_capture_on_commit_callbacks(execute=True):
        initiative.state = PublicationState.ARCHIVED
        initiative.save()
    assert documents().get().public is False


def test_deleting_removes_the_document(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        initiative = InitiativeFactory(slug="ny", title_sv="Cirkulära möbler")
    with django_capture_on_commit_callbacks(execute=True):
        initiative.delete()

    assert documents().count() == 0


def test_many_to_many_change_updates_the_facet_values(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        initiative = InitiativeFactory(slug="ny")
    stage = StageFactory(code="evaluation")
    with django_capture_on_commit_callbacks(execute=True):
        initiative.stages.add(stage)

    assert "\nstage=evaluation\n" in documents().get().facets


def test_bulk_indexing_defers_to_the_end_of_the_block(db):
    with index.bulk_indexing():
        created = Initiative.objects.bulk_create(
            [Initiative(slug=f"bulk-{i}", title_sv=f"Massimport {i}", state="published") for i in range(3)]
        )
        index.queue(Initiative, [o.pk for o in created])
        assert documents().count() == 0

    assert documents().count() == 3
    assert sorted(found("massimport")) == ["bulk-0", "bulk-1", "bulk-2"]


def test_reindex_drops_documents_of_records_that_are_gone(db):
    initiative = InitiativeFactory(slug="ny")
    index.reindex(Initiative)
    Initiative.objects.filter(pk=initiative.pk).delete()  # a queryset delete sends signals too

    index.reindex(Initiative)

    assert documents().count() == 0


def test_new_records_indexed_from_memory_get_the_documents_a_reindex_gives(db):
    initiatives = [
        InitiativeFactory(slug=f"ny-{state}", title_sv="Cirkulära möbler", state=state)
        for state in PublicationState.values
    ]
    index.index_instances(Initiative, initiatives, created=True)

    def indexed():
        rows = (
            documents()
            .order_by("object_id")
            .values_list(
                "object_id", "public", "facets", "text__title", "text__summary", "text__body", "text__keys"
            )
        )
        return list(rows)

    from_memory = indexed()
    index.reindex(Initiative)

    assert from_memory == indexed()
    # is_public (used when indexing) agrees with the public queryset (used when searching).
    public = {pk for pk, is_public, *_rest in from_memory if is_public}
    assert public == set(Initiative.objects.published().values_list("pk", flat=True))
    assert len(public) == 1
    # The caller's records still read their relations from the database.
    assert list(initiatives[0].stages.all()) == []
