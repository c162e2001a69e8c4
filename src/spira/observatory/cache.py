"""Dashboards stay fast by caching each computed block per filter combination and language.

The numbers come from aggregates (spira.observatory.aggregates), so even an empty cache is cheap.
The cache key carries a version number kept in the cache itself; a post_save or post_delete of
any model a provider counts bumps it (and again on commit), so every app server sees fresh
numbers after a change. With Redis (national) all servers share the version.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

from spira.core.cache import bump_version

T = TypeVar("T")

VERSION_KEY = "observatory:version"
TIMEOUT = 24 * 3600


def version() -> int:
    value = cache.get(VERSION_KEY)
    if value is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        value = cache.get(VERSION_KEY) or 1
    return value


def _increment() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def bump(*args, **kwargs) -> None:
    bump_version(VERSION_KEY, _increment)
    # Again after the commit: a request that read the old numbers meanwhile may have cached them.
    transaction.on_commit(_bump_again)


def _bump_again() -> None:
    bump_version(VERSION_KEY, _increment)


def cached(name: str, compute: Callable[[], T], *parts) -> T:
    # The parts carry what a visitor typed in the URL: hashed, so that any filter makes a short key
    # without spaces or control characters (valid for every cache backend).
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    key = ":".join(["observatory", str(version()), get_language() or "sv", name, digest])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=TIMEOUT)
    return value


def connect_invalidation() -> None:
    from spira.observatory.registry import registry

    # Counties name the filter's choices and the events chart's categories.
    labels = {
        "observatory.EffectGoal",
        "observatory.Measurement",
        "observatory.PortfolioAssessment",
        "organisations.County",
    }
    for provider in registry.all():
        labels.update(provider.counted_models)
    for label in labels:
        model = apps.get_model(label)
        uid = f"observatory-{label}"
        post_save.connect(bump, sender=model, dispatch_uid=f"{uid}-save", weak=False)
        post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}-delete", weak=False)
        for m2m in model._meta.many_to_many:
            m2m_changed.connect(
                bump, sender=m2m.remote_field.through, dispatch_uid=f"{uid}-{m2m.name}", weak=False
            )
