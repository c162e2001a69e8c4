"""Tests for the case library's part of `spira generate`."""

import pytest

from spira.core.generate import World
from spira.initiatives.choices import PublicationState
from spira.initiatives.generate import digest, generate
from spira.initiatives.models import Initiative
from spira.initiatives.tests.test_importer_loader import load_reference_subset


@pytest.fixture
def registry(db, tmp_path):
    load_reference_subset(tmp_path / "reference")


def generated_digest(seed: int) -> str:
    Initiative.objects.all().delete()
    generate(World(scale="small", seed=seed, progress=False))
    return digest()


def test_small_world_has_the_scale_count_with_swedish_and_english_texts(registry):
    world = World(scale="small", seed=3, progress=False)

    generate(world)

    assert Initiative.objects.count() == world.count("initiatives")
    assert not Initiative.objects.filter(title_sv="").exists()
    assert not Initiative.objects.filter(summary_en="").exists()
    assert (
        Initiative.objects.filter(state=PublicationState.PUBLISHED).count() > world.count("initiatives") // 2
    )
    assert sorted(world.ids("initiatives.initiative")) == sorted(
        Initiative.objects.published().values_list("pk", flat=True)
    )


def test_same_seed_gives_the_same_world_and_another_seed_another(registry):
    first = generated_digest(7)
    second = generated_digest(7)
    other = generated_digest(8)

    assert first == second
    assert other != first


def test_big_municipalities_coordinate_far_more_than_small_ones(registry):
    generate(World(scale="small", seed=5, progress=False))

    stockholm = Initiative.objects.filter(coordinator__municipality_code="0180").count()
    pitea = Initiative.objects.filter(coordinator__municipality_code="2581").count()
    assert stockholm > 5 * pitea
