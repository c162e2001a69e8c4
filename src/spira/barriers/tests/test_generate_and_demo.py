import io

import pytest

from spira.barriers.demo import PROCUREMENT_TITLE, load_demo
from spira.barriers.generate import generate
from spira.barriers.models import Barrier, Endorsement, Escalation, EscalationAnswer
from spira.core.generate import World

pytestmark = pytest.mark.django_db


def _digest():
    return list(
        Barrier.objects.order_by("pk").values_list(
            "title", "kind", "status", "reporter_organisation_id", "affected_organisations", "answer_due"
        )
    )


def test_generate_small_world_is_deterministic_and_consistent(reference_data):
    generate(World(scale="small", seed=7, progress=False))
    first = _digest()
    Barrier.objects.all().delete()

    generate(World(scale="small", seed=7, progress=False))

    assert _digest() == first
    assert Barrier.objects.count() == 60
    for barrier in Barrier.objects.all():
        assert barrier.affected_organisations == 1 + barrier.endorsements.count()
    open_escalations = Escalation.objects.filter(state="open")
    assert set(open_escalations.values_list("barrier__status", flat=True)) <= {"escalated"}
    assert EscalationAnswer.objects.count() == Escalation.objects.filter(state="answered").count()


def test_demo_builds_the_procurement_trail_once(reference_data):
    out = io.StringIO()

    load_demo(out)
    load_demo(out)

    barrier = Barrier.objects.get(title=PROCUREMENT_TITLE)
    assert barrier.status == "answered"
    assert barrier.affected_organisations == 10
    assert Endorsement.objects.filter(barrier=barrier).count() == 9
    assert barrier.workshop_items.get().has_outcome is True
    assert Escalation.objects.overdue().count() == 1
    assert "already there" in out.getvalue()
