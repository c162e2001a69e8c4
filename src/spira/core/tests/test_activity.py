import pytest
from django.core.exceptions import ValidationError

from spira.accounts.models import User
from spira.core.activity import (
    action_label,
    apply_changes,
    diff,
    log_action,
    log_actions_bulk,
    register_actions,
    snapshot,
)
from spira.core.models import ActivityLogEntry
from spira.organisations.models import County


def test_diff_lists_only_changed_fields():
    before = {"name": "Piteå", "population": 42000}
    after = {"name": "Piteå", "population": 43000}

    assert diff(before, after) == {"population": [42000, 43000]}


def test_snapshot_turns_related_objects_into_text():
    county = County(code="25", name="Norrbottens län")

    class Holder:
        pass

    holder = Holder()
    holder.county = county

    assert snapshot(holder, ["county"]) == {"county": "Norrbottens län"}


@pytest.mark.django_db
def test_log_action_records_actor_object_and_changes():
    user = User.objects.create_user("anna@example.se", "a-long-password-1")
    county = County.objects.create(code="25", name="Norrbottens län")

    entry = log_action(user, "organisations.county.updated", county, changes={"name": ["A", "B"]})

    stored = ActivityLogEntry.objects.for_object(county).get()
    assert stored == entry
    assert (stored.actor, stored.action, stored.object_repr, stored.changes) == (
        user,
        "organisations.county.updated",
        "Norrbottens län",
        {"name": ["A", "B"]},
    )


@pytest.mark.django_db
def test_log_action_stores_anonymous_actor_as_null():
    county = County.objects.create(code="01", name="Stockholms län")

    entry = log_action(None, "organisations.county.created", county)

    assert entry.actor is None


@pytest.mark.django_db
def test_log_actions_bulk_writes_one_entry_per_object_like_log_action():
    user = User.objects.create_user("cia@example.se", "a-long-password-1")
    counties = [County.objects.create(code=code, name=f"Län {code}") for code in ("04", "05")]

    entries = log_actions_bulk(user, "organisations.county.imported", counties, data={"run": 7})

    assert len(entries) == 2
    for county in counties:
        stored = ActivityLogEntry.objects.for_object(county).get()
        assert (stored.actor, stored.action, stored.object_repr, stored.changes, stored.data) == (
            user,
            "organisations.county.imported",
            county.name,
            {},
            {"run": 7},
        )


@pytest.mark.django_db
def test_log_actions_bulk_stores_anonymous_actor_as_null_and_accepts_no_objects():
    county = County.objects.create(code="06", name="Jönköpings län")

    assert log_actions_bulk(None, "organisations.county.imported", []) == []
    log_actions_bulk(None, "organisations.county.imported", [county])

    assert ActivityLogEntry.objects.for_object(county).get().actor is None


@pytest.mark.django_db
def test_activity_entry_survives_erasure_of_its_actor():
    user = User.objects.create_user("bo@example.se", "a-long-password-1")
    county = County.objects.create(code="03", name="Uppsala län")
    log_action(user, "organisations.county.updated", county)

    user.delete()

    assert ActivityLogEntry.objects.for_object(county).get().actor is None


def test_action_label_falls_back_to_the_code():
    register_actions({"tests.thing.done": "did the thing"})

    assert (action_label("tests.thing.done"), action_label("tests.unknown")) == (
        "did the thing",
        "tests.unknown",
    )


@pytest.mark.django_db
def test_apply_changes_sets_the_values_validates_and_returns_what_changed():
    county = County.objects.create(code="25", name="Norrbottens län")
    validated = []

    changes = apply_changes(county, {"name": "Norrbotten", "code": "25"}, ["code", "name"], validated.append)

    assert changes == {"name": ["Norrbottens län", "Norrbotten"]}
    assert (validated, county.name) == ([county], "Norrbotten")
    assert County.objects.get(pk=county.pk).name == "Norrbottens län"


@pytest.mark.django_db
def test_apply_changes_reads_the_object_back_when_validation_fails():
    county = County.objects.create(code="25", name="Norrbottens län")

    def refuse(obj):
        raise ValidationError({"name": "Nej."})

    with pytest.raises(ValidationError):
        apply_changes(county, {"name": "Fel"}, ["name"], refuse)

    assert county.name == "Norrbottens län"
