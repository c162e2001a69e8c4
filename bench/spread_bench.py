"""Spread benchmark at national scale: a solution page with its map and timeline, and
"organisations like yours" on an organisation's adopted tab.

Targets (issue 5), on PostgreSQL: solution page p95 under 100 ms; "organisations like yours"
(the recommendation, and the whole tab page) p95 under 200 ms.

    .venv/bin/python bench/spread_bench.py                         # PostgreSQL database h9
    .venv/bin/python bench/spread_bench.py --database-url postgres://postgres@127.0.0.1:5432/other

The database is filled once: migrations, the national world's ~10,000 organisations
(spira.organisations.generate), then 5,000 solutions and 20,000 adoptions (spira.spread.generate).
Each page is requested through Django's full stack in this process, after a warm-up, by an
anonymous reader and by a signed-in member of an organisation (who gets the interest form and
the per-row actions). The solution's figures and the recommendations are cached (see
spira.spread.caching); "cold" cases empty the cache before every request, so they measure the
drawing and the queries as after a change. Besides the wall-clock latency the table shows this
process's CPU time per request (p95), and the load average is printed before and after: on a
shared, busy machine the wall clock measures the queue for the CPU as much as the code.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/h9"
TARGETS_MS = {"solution": 100.0, "like yours": 200.0}


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spira.settings")
    os.environ.setdefault("SPIRA_TESTING", "1")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def ensure_database(database_url: str) -> None:
    if not database_url.startswith("postgres"):
        return
    import psycopg

    server, name = database_url.rsplit("/", 1)
    with psycopg.connect(server + "/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def fill() -> None:
    from django.core.management import call_command
    from django.db import connection

    from spira.core.generate import World
    from spira.organisations import generate as organisations_generate
    from spira.organisations.models import Organisation
    from spira.spread import generate as spread_generate
    from spira.spread.models import Adoption

    call_command("migrate", verbosity=0)
    world = World(scale="national", seed=1, progress=True)
    if Organisation.objects.count() < 9_000:
        organisations_generate.generate(world)
    if Adoption.objects.count() < world.count("adoptions") // 2:
        spread_generate.generate(world)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def timed(function, n: int) -> dict:
    for _ in range(5):
        function()
    times, cpu = [], []
    for _ in range(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    times.sort()
    cpu.sort()
    p95 = int(len(times) * 0.95) - 1
    return {"p50": statistics.median(times), "p95": times[p95], "max": times[-1], "cpu95": cpu[p95]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("SPIRA_BENCH_SPREAD_DB", DEFAULT_DB))
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    ensure_database(args.database_url)
    setup_django(args.database_url)
    fill()

    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    from spira.organisations.models import Organisation
    from spira.organisations.tests.factories import MembershipFactory
    from spira.spread.caching import recommended_for
    from spira.spread.models import Adoption, Solution

    client, member_client = Client(), Client()
    top = Solution.objects.order_by("-adopter_count", "pk").first()
    median = Solution.objects.filter(adopter_count__gt=0).order_by("adopter_count", "pk")
    median = median[median.count() // 2]
    small = Organisation.objects.municipalities().filter(population__lt=15_000).order_by("pk").first()
    big = Organisation.objects.municipalities().order_by("-population", "pk").first()
    membership = small.memberships.select_related("user").order_by("pk").first()
    member_client.force_login((membership or MembershipFactory(organisation=small)).user)
    if "LocMemCache" not in settings.CACHES["default"]["BACKEND"]:
        sys.exit("The cold-cache cases empty the cache: run with the local-memory cache (no CACHE_URL).")

    def page(path, browser=client, cold=False):
        def get():
            if cold:
                cache.clear()
            response = browser.get(path)
            assert response.status_code == 200, (path, response.status_code)

        return get

    def query(organisation, cold=False):
        def run():
            if cold:
                cache.clear()
            return list(recommended_for(organisation))

        return run

    top_url, adopted_url = top.get_absolute_url(), f"/spridning/organisation/{small.slug}/adopterat/"
    cases = [
        (f"solution page, most spread ({top.adopter_count} adopters)", "solution", page(top_url)),
        (f"  same, signed-in member of {small.name}", "solution", page(top_url, member_client)),
        ("  same, cold cache (figures drawn)", "solution", page(top_url, cold=True)),
        (
            f"solution page, median ({median.adopter_count} adopters)",
            "solution",
            page(median.get_absolute_url()),
        ),
        (f"like yours: query for {small.name}", "like yours", query(small)),
        ("  same, cold cache", "like yours", query(small, cold=True)),
        (f"like yours: query for {big.name}, cold cache", "like yours", query(big, cold=True)),
        (f"like yours: adopted tab of {small.name}", "like yours", page(adopted_url)),
        ("  same, signed-in member", "like yours", page(adopted_url, member_client)),
        ("  same, cold cache", "like yours", page(adopted_url, cold=True)),
        ("national view", None, page("/spridning/oversikt/")),
        ("solution list, sorted by adopters", None, page("/spridning/?ordering=-adopters")),
    ]
    print(
        f"\n{Solution.objects.count():,} solutions, {Adoption.objects.count():,} adoptions, "
        f"{Organisation.objects.count():,} organisations."
    )
    print(f"load average before: {load_average()}")
    print(f"{'case':<58}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'cpu p95':>9}  target p95")
    failed = False
    for label, kind, function in cases:
        result = timed(function, args.requests)
        target = TARGETS_MS.get(kind)
        ok = target is None or result["p95"] < target
        failed |= not ok
        verdict = "" if target is None else (f"< {target:.0f} ok" if ok else f"< {target:.0f} SLOW")
        print(
            f"{label[:57]:<58}{result['p50']:>9.1f}{result['p95']:>9.1f}{result['max']:>9.1f}"
            f"{result['cpu95']:>9.1f}  {verdict}"
        )
    print(f"load average after: {load_average()}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
