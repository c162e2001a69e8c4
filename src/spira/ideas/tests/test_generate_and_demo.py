import io

import pytest

from spira.core.generate import World
from spira.ideas.choices import CLOSED_TYPES, StageType
from spira.ideas.demo import load_demo
from spira.ideas.generate import digest, generate
from spira.ideas.models import Idea, Sluice, StageLog

pytestmark = pytest.mark.django_db


def _clear():
    StageLog.objects.all().delete()
    Idea.objects.all().delete()
    Sluice.objects.all().delete()


def test_generate_small_world_is_deterministic_with_consistent_histories(reference_data):
    generate(World(scale="small", seed=7, progress=False))
    first = digest()
    assert Sluice.objects.count() == 290
    assert Idea.objects.count() == 1_500
    for idea in Idea.objects.select_related("stage")[:200]:
        logs = list(idea.stage_logs.order_by("entered_at", "id"))
        assert logs[0].stage_type == StageType.NEW
        assert logs[-1].stage_id == idea.stage_id
        assert logs[-1].left_at is None
        assert (idea.closed_at is not None) == (idea.stage.stage_type in CLOSED_TYPES)
    _clear()

    generate(World(scale="small", seed=7, progress=False))

    assert digest() == first


def test_demo_gives_pitea_and_skelleftea_ideas_in_every_stage_once(reference_data):
    out = io.StringIO()
    load_demo(out)
    load_demo(out)

    assert Sluice.objects.count() == 2
    for sluice in Sluice.objects.all():
        types = set(sluice.ideas.values_list("stage__stage_type", flat=True))
        assert types == set(StageType.values)
        assert sluice.ideas.filter(initiative__isnull=False).count() == 1
    assert "already there" in out.getvalue()
