"""Observatory benchmark at national scale: the national dashboard uncached and cached, and the
full open-data export.

Targets (issue 9), on PostgreSQL: dashboard p95 under 300 ms uncached and under 50 ms cached;
`spira export opendata DIR` under 2 minutes.

    .venv/bin/python bench/observatory_bench.py                       # PostgreSQL database h8
    .venv/bin/python bench/observatory_bench.py --database-url postgres://postgres@127.0.0.1:5432/other

The database is filled once with `spira generate --scale national` (every app's generate hook
that exists; the observatory's counts the world into its aggregates). `migrate` builds the
aggregates of a database filled before they existed (and prints how long that took). Then the
dashboard is requested through Django's full stack with a set of filter combinations: "uncached"
clears the cache before each request, "cached" repeats the requests. Each line shows wall-clock
times, this process's CPU time per request and the load average (the machine is shared).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/h8"
TARGET_UNCACHED_MS = 300.0
TARGET_CACHED_MS = 50.0
TARGET_EXPORT_S = 120.0
FILTERS = [
    "",
    "?county=25",
    "?county=25&size=small",
    "?size=large&year_from=2020",
    "?county=01&kind=municipality",
    "?year_from=2018&year_to=2022",
    "?layer=ideas",
    "?county=12&layer=events",
]


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

    from spira.initiatives.models import Initiative

    start = time.perf_counter()
    call_command("migrate", verbosity=1)
    print(f"migrate (with any aggregates to build): {time.perf_counter() - start:.1f} s  {load()}")
    if Initiative.objects.count() < 40_000:
        call_command("generate", scale="national", seed=1)


def load() -> str:
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(client, urls: list[str], rounds: int, clear: bool) -> tuple[list[float], list[float]]:
    """Wall-clock and this process's CPU milliseconds per request."""
    from django.core.cache import cache

    timings, cpu = [], []
    for _ in range(rounds):
        for url in urls:
            if clear:
                cache.clear()
            start, cpu_start = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - cpu_start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    return timings, cpu


def report(name: str, measured: tuple[list[float], list[float]], target: float) -> bool:
    timings, cpu = measured
    p95 = percentile(timings, 0.95)
    ok = p95 < target
    print(
        f"{name:<28} n={len(timings):<4} p50={statistics.median(timings):7.1f} ms  p95={p95:7.1f} ms  "
        f"max={max(timings):7.1f} ms  target p95 < {target:.0f} ms: {'OK' if ok else 'MISSED'}\n"
        f"{'':<28} CPU of this process p50={statistics.median(cpu):7.1f} ms  "
        f"p95={percentile(cpu, 0.95):7.1f} ms  {load()}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_DB)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-export", action="store_true")
    args = parser.parse_args()
    ensure_database(args.database_url)
    setup_django(args.database_url)
    fill()

    from django.core.management import call_command
    from django.test import Client

    from spira.ideas.models import Idea
    from spira.initiatives.models import Initiative
    from spira.organisations.models import Organisation

    print(
        f"World: {Organisation.objects.count()} organisations, {Initiative.objects.count()} initiatives, "
        f"{Idea.objects.count()} ideas"
    )
    client = Client()
    urls = ["/observatoriet/" + f for f in FILTERS]
    client.get(urls[0])  # warm-up: imports, the simplified map outlines
    ok = report("dashboard uncached", measure(client, urls, args.rounds, clear=True), TARGET_UNCACHED_MS)
    measure(client, urls, 1, clear=False)  # fill the cache for every filter combination
    ok &= report("dashboard cached", measure(client, urls, args.rounds * 3, clear=False), TARGET_CACHED_MS)
    if not args.skip_export:
        with tempfile.TemporaryDirectory() as directory:
            start, cpu_start = time.perf_counter(), time.process_time()
            call_command("export", "opendata", directory)
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
            size = sum(p.stat().st_size for p in Path(directory).iterdir()) / 1e6
        export_ok = seconds < TARGET_EXPORT_S
        print(
            f"open-data export            {seconds:6.1f} s ({size:.0f} MB, CPU of this process {cpu:.1f} s)  "
            f"target < {TARGET_EXPORT_S:.0f} s: {'OK' if export_ok else 'MISSED'}  {load()}"
        )
        ok &= export_ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
