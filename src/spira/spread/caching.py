"""What spread keeps in the cache, and when it is out of date.

Versions, not deletion: a cached value's key carries version numbers that signals bump on every
save or delete of what it was made from (connected in apps.py). Saves from any app server reach
every other through the shared cache (Redis nationally). A version that was evicted starts again
at the current time in nanoseconds, so an old value is never taken for a new one.

- The figures of a solution (figures.py) change with its adoptions, the solution itself, and the
  names of organisations (rare: one version for all organisations).
- "Organisations like yours" for an organisation change at once with what the organisation itself
  registers or shares; what its peers do shows within RECOMMENDATIONS_TIMEOUT.
"""

import functools
import time

from django.core.cache import cache

from spira.core.cache import bump_version

NAMES_VERSION_KEY = "spread:organisation-names-version"
RECOMMENDATIONS_TIMEOUT = 10 * 60


def _version(key: str) -> int:
    version = cache.get(key)
    if version is None:
        cache.add(key, time.time_ns(), None)
        version = cache.get(key, 0)
    return version


def _increment(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.add(key, time.time_ns(), None)


def _bump(key: str) -> None:
    bump_version(key, functools.partial(_increment, key))


def _solution_key(solution_id: int) -> str:
    return f"spread:solution-version:{solution_id}"


def _organisation_key(organisation_id: int) -> str:
    return f"spread:organisation-version:{organisation_id}"


def solution_version(solution_id: int) -> str:
    """The version of a solution's figures."""
    return f"{_version(_solution_key(solution_id))}.{_version(NAMES_VERSION_KEY)}"


def organisation_version(organisation_id: int) -> int:
    """The version of what an organisation registered and shared."""
    return _version(_organisation_key(organisation_id))


def on_adoption_changed(sender, instance, **kwargs) -> None:
    _bump(_solution_key(instance.solution_id))
    _bump(_organisation_key(instance.adopter_id))


def on_solution_changed(sender, instance, **kwargs) -> None:
    _bump(_solution_key(instance.pk))
    _bump(_organisation_key(instance.owner_id))


def on_organisation_changed(sender, instance, **kwargs) -> None:
    # Names appear in every figure; organisations change rarely, so all figures are redrawn.
    _bump(NAMES_VERSION_KEY)
    _bump(_organisation_key(instance.pk))


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    from spira.organisations.models import Organisation
    from spira.spread.models import Adoption, Solution

    for signal in (post_save, post_delete):
        name = "save" if signal is post_save else "delete"
        signal.connect(on_adoption_changed, sender=Adoption, dispatch_uid=f"spread-cache-adoption-{name}")
        signal.connect(on_solution_changed, sender=Solution, dispatch_uid=f"spread-cache-solution-{name}")
        signal.connect(
            on_organisation_changed, sender=Organisation, dispatch_uid=f"spread-cache-organisation-{name}"
        )


def recommended_for(organisation) -> list:
    """`queries.recommended_for`, cached (see the module's docstring)."""
    from spira.spread import queries

    key = f"spread:like-yours:{organisation.pk}:{organisation_version(organisation.pk)}"
    solutions = cache.get(key)
    if solutions is None:
        solutions = queries.recommended_for(organisation)
        cache.set(key, solutions, RECOMMENDATIONS_TIMEOUT)
    return solutions
