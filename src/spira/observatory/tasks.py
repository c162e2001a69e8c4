"""Background work of the observatory. Tasks take IDs (here: measure keys) and are safe to run twice."""

from django_tasks import task

from spira.observatory.aggregates.store import rebuild
from spira.observatory.cache import bump
from spira.observatory.registry import registry


@task()
def rebuild_aggregates(measure_keys: list[str] | None = None) -> dict[str, int]:
    """Count the given measures (default: all) again, e.g. after an import that wrote in bulk."""
    written = {
        measure.key: rebuild(measure)
        for measure in registry.measures()
        if measure_keys is None or measure.key in measure_keys
    }
    bump()
    return written
