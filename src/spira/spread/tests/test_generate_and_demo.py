import io

import pytest
from django.db import transaction

from spira.core.generate import World
from spira.spread import demo, generate
from spira.spread.models import Adoption, Solution


def _digest():
    return (
        list(Solution.objects.order_by("pk").values_list("slug", "owner_id", "kind", "adopter_count")),
        list(
            Adoption.objects.order_by("pk").values_list(
                "solution__slug", "adopter_id", "source_id", "status", "started_on"
            )
        ),
    )


def _run():
    sid = transaction.savepoint()
    generate.generate(World(scale="small", seed=7))
    digest = _digest()
    transaction.savepoint_rollback(sid)
    return digest


@pytest.mark.django_db
def test_generate_is_deterministic_and_spreads_unevenly(reference_data):
    first, second = _run(), _run()

    assert first == second
    solutions, adoptions = first
    assert len(solutions) == 37
    assert 100 <= len(adoptions) <= 150
    counts = sorted((row[3] for row in solutions), reverse=True)
    assert counts[0] >= 4 * max(1, counts[len(counts) // 2])
    assert all(adopter != source for _slug, adopter, source, _status, _day in adoptions)


@pytest.mark.django_db
def test_demo_adds_seed_solutions_once(reference_data):
    demo.load_demo(io.StringIO())
    demo.load_demo(io.StringIO())

    playbook = Solution.objects.get(name=demo.PLAYBOOK_NAME)
    ostersund = playbook.adoptions.get(adopter__name="Östersund")
    assert Solution.objects.count() == 2
    assert ostersund.is_verified
    assert ostersund.status == "in_use"
