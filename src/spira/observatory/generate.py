"""`spira generate`: the other apps write their rows in bulk (no signals), so the observatory,
which comes after them in INSTALLED_APPS, counts the generated world into its aggregates."""

from spira.core.generate import World
from spira.observatory.aggregates.store import rebuild
from spira.observatory.registry import registry


def generate(world: World) -> None:
    for measure in registry.measures():
        world.step(f"observatory: {measure.key}", lambda measure=measure: rebuild(measure))
