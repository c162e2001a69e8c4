"""spira.core.bulk.insert writes the same rows as bulk_create, with keys, on both databases."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from spira.core import bulk
from spira.core.models import ActivityLogEntry
from spira.initiatives.models import Initiative, InitiativeRevision
from spira.organisations.tests.factories import OrganisationFactory

AWKWARD = 'Citat "så här", omvänt snedstreck \\ och 100 % {"json": [1]} – ÅÄÖ åäö ✓'


NOW = timezone.now()


def _initiatives(prefix, count, coordinator):
    return [
        Initiative(
            slug=f"{prefix}-{number}",
            title_sv=f"{AWKWARD} {number}",
            summary_en="",
            coordinator=coordinator,
            funding_sek=1_000_000 + number,
            start_month=datetime.date(2021, 6, 1),
            machine_translated_en=True,
            published_at=NOW,
            reference_number=f"{prefix}-{number:05d}",
        )
        for number in range(count)
    ]


def _rows(model, pks):
    fields = [
        f.attname
        for f in model._meta.concrete_fields
        if f.attname not in {"id", "slug", "created_at", "updated_at", "reference_number"}
    ]
    return [tuple(row) for row in model.objects.filter(pk__in=pks).order_by("pk").values_list(*fields)]


@pytest.mark.django_db
def test_insert_writes_what_bulk_create_writes_and_sets_the_keys():
    coordinator = OrganisationFactory()
    # More rows than one SQLite statement takes (999 parameters), so the rows go in several.
    expected = _initiatives("a", 40, coordinator)
    Initiative.objects.bulk_create(expected)
    inserted = _initiatives("b", 40, coordinator)

    bulk.insert(Initiative, inserted, key=["slug"])

    assert all(obj.pk is not None and not obj._state.adding for obj in inserted)
    assert [Initiative.objects.get(pk=obj.pk).slug for obj in inserted] == [obj.slug for obj in inserted]
    assert _rows(Initiative, [o.pk for o in inserted]) == _rows(Initiative, [o.pk for o in expected])
    stored = Initiative.objects.get(pk=inserted[3].pk)
    assert (stored.title_sv, stored.coordinator_id, stored.start_month) == (
        f"{AWKWARD} 3",
        coordinator.pk,
        datetime.date(2021, 6, 1),
    )
    assert stored.created_at is not None
    assert stored.updated_at is not None


@pytest.mark.django_db
def test_insert_stores_json_and_rows_that_need_no_keys():
    coordinator = OrganisationFactory()
    initiative = _initiatives("c", 1, coordinator)[0]
    initiative.save()
    data = {"title_sv": AWKWARD, "links": [["https://example.se/?a=1&b=2", ""]], "amount": 3.5, "none": None}
    revisions = [
        InitiativeRevision(initiative=initiative, number=n, data=data, changed_fields=["title"])
        for n in (1, 2)
    ]
    entries = [
        ActivityLogEntry(
            action="test.bulk",
            content_type=ContentType.objects.get_for_model(Initiative),
            object_id=str(initiative.pk),
            object_repr=AWKWARD,
            data={"origin": "vinnova-json"},
        )
    ]

    bulk.insert(InitiativeRevision, revisions)
    bulk.insert(ActivityLogEntry, entries)
    bulk.insert(ActivityLogEntry, [])

    assert list(initiative.revisions.order_by("number").values_list("number", "data", "changed_fields")) == [
        (1, data, ["title"]),
        (2, data, ["title"]),
    ]
    entry = ActivityLogEntry.objects.get(action="test.bulk")
    assert (entry.object_repr, entry.data, entry.timestamp is not None) == (
        AWKWARD,
        {"origin": "vinnova-json"},
        True,
    )


@pytest.mark.django_db(transaction=True)
def test_a_failing_insert_writes_nothing():
    from django.db import IntegrityError, transaction

    coordinator = OrganisationFactory()
    rows = _initiatives("d", 3, coordinator)
    rows[2].slug = rows[0].slug  # the unique slug fails the statement

    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.insert(Initiative, rows, key=["slug"])

    assert not Initiative.objects.filter(reference_number__startswith="d-").exists()
