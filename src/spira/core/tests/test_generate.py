"""`spira generate`: counts per scale, skew towards big municipalities, and determinism."""

import hashlib
import io
import json
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from spira.accounts.models import User
from spira.core.generate import COUNTS, WeightedSampler, World, luhn_check_digit, org_number
from spira.organisations.models import Membership, Organisation
from spira.organisations.validators import normalise_org_number


def generate(scale="small", seed=1):
    call_command("generate", scale=scale, seed=seed, no_progress=True, stdout=io.StringIO())


def world_digest() -> str:
    """SHA-256 over the generated rows by natural keys (no ids, no auto_now timestamps)."""
    rows = []
    for o in Organisation.objects.select_related("county").order_by("slug"):
        rows.append(
            [
                "org",
                o.slug,
                o.kind,
                o.name,
                o.name_en,
                o.org_number,
                o.county.code if o.county else None,
                o.city,
                str(o.latitude),
                str(o.longitude),
                o.description,
                json.dumps(o.extra, sort_keys=True),
            ]
        )
    for u in User.objects.order_by("email"):
        rows.append(
            [
                "user",
                u.email,
                u.display_name,
                u.preferred_language,
                u.platform_role,
                u.date_joined.isoformat(),
            ]
        )
    for m in Membership.objects.select_related("user", "organisation").order_by(
        "user__email", "organisation__slug"
    ):
        rows.append(["member", m.user.email, m.organisation.slug, m.role, m.title])
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def digest_of_world(seed: int) -> str:
    """Generate a small world, digest it, and roll it back (every app's rows, reference data too)."""
    savepoint = transaction.savepoint()
    try:
        generate(seed=seed)
        return world_digest()
    finally:
        transaction.savepoint_rollback(savepoint)


@pytest.mark.django_db
@pytest.mark.slow
def test_generate_same_seed_gives_identical_data_and_another_seed_differs():
    first = digest_of_world(7)
    second = digest_of_world(7)
    other = digest_of_world(8)

    assert first == second
    assert first != other


@pytest.mark.django_db
def test_generate_small_world_has_the_scale_counts_and_skews_to_big_municipalities():
    generate()

    assert Organisation.objects.count() == COUNTS["small"]["organisations"]
    assert User.objects.count() == COUNTS["small"]["users"]
    assert Membership.objects.count() > COUNTS["small"]["users"] * 0.9
    synthetic = Organisation.objects.filter(extra__generated=True)
    in_stockholm = synthetic.filter(city="Stockholm").count()
    in_bjurholm = synthetic.filter(city="Bjurholm").count()
    assert in_stockholm > 10 * max(in_bjurholm, 1)
    assert all(
        normalise_org_number(n) == n
        for n in synthetic.exclude(org_number=None).values_list("org_number", flat=True)
    )


@pytest.mark.django_db
def test_generate_refuses_a_database_that_already_holds_a_world():
    generate()

    with pytest.raises(CommandError, match="already holds a generated world"):
        generate()


def test_weighted_sampler_prefers_heavy_items_and_picks_distinct():
    sampler = WeightedSampler(["big", "small"], [99.0, 1.0])
    rng = random.Random(1)

    picks = [sampler.pick(rng) for _ in range(1000)]

    assert picks.count("big") > 900
    assert sorted(sampler.pick_distinct(rng, 2)) == ["big", "small"]


def test_org_numbers_are_luhn_valid_and_unique():
    rng, taken = random.Random(3), set()

    numbers = [org_number(rng, "556", taken) for _ in range(200)]

    assert len(set(numbers)) == 200
    assert all(normalise_org_number(n) == n for n in numbers)
    assert luhn_check_digit("556036079") == "3"


def test_world_streams_are_reproducible_per_name():
    world = World(scale="small", seed=5)

    assert world.rng_for("ideas").random() == World(scale="small", seed=5).rng_for("ideas").random()
    assert world.rng_for("ideas").random() != world.rng_for("events").random()
    assert world.count("users") == 500
    assert world.count("no-such-thing") == 0
