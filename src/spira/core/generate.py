"""The synthetic world behind `spira generate --scale {small,municipality,national} [--seed N]`.

`spira generate` builds a `World` and calls, in INSTALLED_APPS order, every app's
`<app>/generate.py: generate(world)` (found by `spira.core.hooks.app_modules("generate")`). So
organisations come first, then accounts, then the apps that build on them. To take part, an app adds:

    # src/spira/<app>/generate.py
    from spira.core.generate import World

    def generate(world: World) -> None:
        rng = world.rng_for("ideas")                      # its own stream: deterministic per app
        n = world.count("ideas")                          # how many at this scale
        sluices = world.ids("ideas.sluice")               # ids other apps stored (see below)
        municipality = world.pick_municipality(rng)       # skewed: Stockholm ≫ Bjurholm
        world.bulk_create(Idea, (Idea(...) for _ in range(n)), desc="ideas", total=n)
        world.remember("ideas.idea", Idea.objects.values_list("id", flat=True))

Rules that keep worlds deterministic (same seed → same rows, tested at small scale):
- draw only from `world.rng_for(<name>)` (never `random.*`, `uuid4`, `secrets`);
- iterate querysets in a fixed order (`order_by("pk")`/a natural key) before drawing from them;
- use `world.now` and `world.random_datetime()` instead of `timezone.now()` for dates that
  matter (auto_now fields are the exception and are left out of the digests);
- create rows with `world.bulk_create` (batches of 5,000 and a progress bar).

What apps share: `world.remember(key, ids)` / `world.ids(key)` hold lists of primary keys
(`"organisations.organisation"`, `"organisations.municipality"`, `"accounts.user"`, ...), and
`world.weights(key)` the matching size weights, so that big organisations get more of everything.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from django.db import models, transaction
from tqdm import tqdm

T = TypeVar("T")

SCALES = ("small", "municipality", "national")
BATCH_SIZE = 5_000
SIZE_EXPONENT = 1.2

# How many of each thing a world holds. Apps read theirs with world.count(name); a name that is
# missing here gives 0, so an app that adds a kind of row adds its counts here too.
COUNTS: dict[str, dict[str, int]] = {
    "small": {
        "organisations": 800,
        "users": 500,
        "initiatives": 400,
        "ideas": 1_500,
        "adoptions": 150,
        "barriers": 60,
        "events": 100,
        "knowledge": 80,
        "networks": 15,
    },
    "municipality": {
        "organisations": 2_000,
        "users": 5_000,
        "initiatives": 2_500,
        "ideas": 10_000,
        "adoptions": 1_000,
        "barriers": 300,
        "events": 600,
        "knowledge": 300,
        "networks": 40,
    },
    "national": {
        "organisations": 10_000,
        "users": 100_000,
        "initiatives": 50_000,
        "ideas": 200_000,
        "adoptions": 20_000,
        "barriers": 5_000,
        "events": 10_000,
        "knowledge": 2_000,
        "networks": 300,
    },
}


class WeightedSampler:
    """Draws items with probability proportional to their weights, in O(log n) per draw."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]):
        if len(items) != len(weights) or not items:
            raise ValueError("A sampler needs as many weights as items, and at least one item.")
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(float(w) for w in weights))
        self.total = self.cumulative[-1]
        if self.total <= 0:
            raise ValueError("The weights must add up to more than zero.")

    def __len__(self) -> int:
        return len(self.items)

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.total)]

    def pick_distinct(self, rng: random.Random, k: int) -> list[T]:
        """Up to k different items (fewer when there are not enough), still skewed by weight."""
        k = min(k, len(self.items))
        chosen: dict[int, None] = {}
        attempts = 0
        while len(chosen) < k and attempts < k * 20:
            index = bisect.bisect_right(self.cumulative, rng.random() * self.total)
            chosen.setdefault(min(index, len(self.items) - 1), None)
            attempts += 1
        if len(chosen) < k:
            # Rare (a few items carry nearly all the weight): draw the rest among the others.
            rest = [i for i in range(len(self.items)) if i not in chosen]
            previous = [0.0, *self.cumulative]
            weights = [self.cumulative[i] - previous[i] for i in rest]
            while len(chosen) < k:
                index = rng.choices(range(len(rest)), weights=weights)[0] if sum(weights) > 0 else 0
                chosen[rest.pop(index)] = None
                weights.pop(index)
        return [self.items[i] for i in chosen]


def size_weight(size: float | int | None, exponent: float = SIZE_EXPONENT, floor: float = 1.0) -> float:
    """Activity grows a little faster than size: Stockholm (~1M) ≫ Bjurholm (~2,400)."""
    return max(float(size or 0), floor) ** exponent


@dataclass
class World:
    """Scale, seed, random streams, counts, shared ids and helpers for one generated world."""

    scale: str
    seed: int = 1
    batch_size: int = BATCH_SIZE
    progress: bool = True
    now: datetime = field(default_factory=lambda: datetime(2026, 1, 1, 12, 0, tzinfo=UTC))
    shared: dict[str, Any] = field(default_factory=dict)
    shared_weights: dict[str, list[float]] = field(default_factory=dict)
    _samplers: dict[str, WeightedSampler] = field(default_factory=dict)

    def __post_init__(self):
        if self.scale not in SCALES:
            raise ValueError(f"Unknown scale {self.scale!r}; choose one of {', '.join(SCALES)}.")
        self.rng = random.Random(self.seed)

    # Randomness ----------------------------------------------------------------------------------
    def rng_for(self, name: str) -> random.Random:
        """An independent, reproducible stream per name, so one app's draws never shift another's."""
        return random.Random(f"{self.seed}:{self.scale}:{name}")

    def count(self, name: str) -> int:
        return COUNTS[self.scale].get(name, 0)

    def random_datetime(self, rng: random.Random, days_back: int = 5 * 365) -> datetime:
        return self.now - timedelta(seconds=rng.randrange(days_back * 24 * 3600))

    # Shared ids and weights ----------------------------------------------------------------------
    def remember(self, key: str, ids: Iterable, weights: Iterable[float] | None = None) -> None:
        self.shared[key] = list(ids)
        if weights is not None:
            self.shared_weights[key] = [float(w) for w in weights]
            if len(self.shared_weights[key]) != len(self.shared[key]):
                raise ValueError(f"{key}: as many weights as ids, please.")
        else:
            self.shared_weights.pop(key, None)
        self._samplers.pop(key, None)

    def ids(self, key: str) -> list:
        return self.shared.get(key, [])

    def weights(self, key: str) -> list[float]:
        return self.shared_weights.get(key) or [1.0] * len(self.ids(key))

    def sampler(self, key: str) -> WeightedSampler:
        if key not in self._samplers:
            self._samplers[key] = WeightedSampler(self.ids(key), self.weights(key))
        return self._samplers[key]

    def pick(self, key: str, rng: random.Random):
        """One remembered id, skewed by its weight (e.g. big organisations more often)."""
        return self.sampler(key).pick(rng)

    def pick_municipality(self, rng: random.Random):
        """The id of a municipality organisation, weighted by population^1.2."""
        return self.pick("organisations.municipality", rng)

    # Writing -------------------------------------------------------------------------------------
    def bar(self, iterable: Iterable[T] | None = None, *, desc: str, total: int | None = None) -> tqdm:
        return tqdm(
            iterable, desc=f"{desc:<28}", total=total, disable=not self.progress, unit=" rows", leave=True
        )

    def bulk_create(
        self,
        model: type[models.Model],
        objects: Iterable[models.Model],
        *,
        desc: str,
        total: int | None = None,
        batch_size: int | None = None,
    ) -> int:
        """Insert in batches of `batch_size`, each in its own transaction, with a progress bar."""
        size = batch_size or self.batch_size
        created = 0
        with self.bar(desc=desc, total=total) as bar:
            iterator = iter(objects)
            while batch := list(itertools.islice(iterator, size)):
                with transaction.atomic():
                    model.objects.bulk_create(batch, batch_size=size)
                created += len(batch)
                bar.update(len(batch))
        return created

    def step(self, desc: str, function: Callable[[], T]) -> T:
        """Run one step that has no natural row count (e.g. loading reference data) with a bar."""
        with self.bar(desc=desc, total=1) as bar:
            result = function()
            bar.update(1)
        return result


def unique_name(base: str, taken: set[str], separator: str = " ") -> str:
    """`base`, or `base 2`, `base 3`, ... so that names (and their slugs) stay unique."""
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}{separator}{number}"
        number += 1
    taken.add(candidate)
    return candidate


def luhn_check_digit(digits: str) -> str:
    """The check digit that makes `digits + check` Luhn-valid (organisationsnummer)."""
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def org_number(rng: random.Random, group: str, taken: set[str]) -> str:
    """A valid, unused organisationsnummer starting with `group` ('556' aktiebolag, '802' ideell
    förening, ...); the third digit of the group must be at least 2, as in the real register."""
    if len(group) < 3 or int(group[2]) < 2:
        raise ValueError("Give at least three digits, the third one 2 or more.")
    while True:
        body = group + "".join(str(rng.randrange(10)) for _ in range(9 - len(group)))
        number = body + luhn_check_digit(body)
        formatted = f"{number[:6]}-{number[6:]}"
        if formatted not in taken:
            taken.add(formatted)
            return formatted
