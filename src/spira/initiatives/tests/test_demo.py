"""Tests for the case library's part of `spira demo`."""

from io import StringIO

import pytest
from django.core.management.base import OutputWrapper

from spira.accounts.models import User
from spira.core.models import ActivityLogEntry
from spira.initiatives.demo import COORDINATOR_EMAIL, DEMO_PASSWORD, MODERATOR_EMAIL, NATSAM_TITLE, load_demo
from spira.initiatives.models import Initiative, InitiativeRevision
from spira.organisations.models import Organisation
from spira.organisations.reference import load_reference


@pytest.fixture
def demo(db):
    load_reference()
    out = StringIO()
    load_demo(OutputWrapper(out))
    return out.getvalue()


def test_demo_has_at_least_fifty_published_initiatives(demo):
    assert Initiative.objects.published().count() >= 50
    assert Initiative.objects.filter(origin="vinnova-page").count() == 3
    assert Initiative.objects.filter(origin="swecris").count() == 200


def test_natsam_is_coordinated_by_rise_with_the_six_platform_cities(demo):
    natsam = Initiative.objects.get(title_sv=NATSAM_TITLE)

    assert natsam.is_published
    assert natsam.coordinator.name == "RISE Research Institutes of Sweden"
    assert natsam.funder.org_number == "202100-5216"
    assert sorted(natsam.participations.values_list("organisation__name", flat=True)) == [
        "Borås", "Göteborg", "Kiruna", "Lund", "Stockholm", "Umeå",
    ]  # fmt: skip
    assert (str(natsam.start_month), str(natsam.end_month)) == ("2020-01-01", "2023-12-01")
    assert "Dialogverkstad för omställning" in natsam.approach_sv
    assert natsam.tags.filter(name="dialogverkstad").exists()


def test_demo_accounts_can_log_in_and_have_their_roles(demo):
    moderator = User.objects.get(email=MODERATOR_EMAIL)
    coordinator = User.objects.get(email=COORDINATOR_EMAIL)

    assert moderator.check_password(DEMO_PASSWORD)
    assert moderator.is_moderator
    assert coordinator.check_password(DEMO_PASSWORD)
    assert list(coordinator.memberships.values_list("organisation__municipality_code", "role")) == [
        ("2581", "coordinator")
    ]
    assert DEMO_PASSWORD in demo


def test_running_the_demo_twice_changes_nothing(demo):
    counts = [
        model.objects.count()
        for model in (Initiative, InitiativeRevision, ActivityLogEntry, Organisation, User)
    ]

    out = StringIO()
    load_demo(OutputWrapper(out))

    assert [
        model.objects.count()
        for model in (Initiative, InitiativeRevision, ActivityLogEntry, Organisation, User)
    ] == counts
    assert "SweCRIS sample: 0 created, 0 updated, 200 unchanged, 0 failed." in out.getvalue()
