"""Ideas benchmark at national scale: a sluice's board, its analytics, and similar-idea
suggestions while typing.

Targets (issue 4), on PostgreSQL: the board of a sluice with about 2,000 ideas p95 < 100 ms; a
sluice's analytics < 200 ms (p95); similar-idea suggestions while typing p95 < 150 ms.

    .venv/bin/python bench/ideas_bench.py                       # PostgreSQL database spira_bench_ideas
    .venv/bin/python bench/ideas_bench.py --database-url postgres://postgres@127.0.0.1:5432/other
    .venv/bin/python bench/ideas_bench.py --no-initiatives      # skip the 50,000 initiatives

The database is filled once: migrations, the reference data, the national world's organisations
(spira.organisations.generate), its 50,000 initiatives (spira.initiatives.generate, so that "others
have done this" searches a realistic case library) and 200,000 ideas across the 290 municipalities'
sluices with their stage histories (spira.ideas.generate), all indexed for search, and vacuumed.
Then each page is requested through Django's full stack (middleware, templates) in this process,
after a warm-up, and p50/p95/max are printed with the CPU time per request (this process and its
PostgreSQL server process) and the load average. Analytics are cached until a sluice changes; the
"uncached" rows empty the cache before each request (the page right after a change).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/spira_bench_ideas"
TARGETS_MS = {"board": 100.0, "analytics": 200.0, "similar": 150.0}
DRAFTS = [
    ("Fler laddstolpar", "Det saknas laddning för elbilar", ""),
    ("Cykelpump vid biblioteket", "Cyklister kan inte pumpa däcken", "En offentlig pump"),
    ("Läxhjälp på kvällen", "Elever behöver hjälp med läxor", "Volontärer hjälper till"),
    ("Digital blankett för bygglov", "Svårt att hitta information", ""),
    ("Träffpunkt för äldre", "Ensamhet bland äldre", "En mötesplats på biblioteket"),
    ("Solceller på skolans tak", "Spara energi", ""),
    ("More benches along the river", "Older people need to rest", "Benches every 200 metres"),
    ("Sms-påminnelse om sophämtning", "Man missar tömningen", "Ett sms dagen innan"),
    ("Språkcafé", "Nyanlända vill träffa andra och prata svenska", ""),
    ("Belysning på gångvägen", "Mörkt och otryggt på vintern", "Lampor längs gångvägen"),
]


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spira.settings")
    os.environ.setdefault("SPIRA_TESTING", "1")  # immediate tasks, fast password hashing
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def ensure_database(database_url: str) -> None:
    if not database_url.startswith("postgres"):
        return
    import psycopg

    server, name = database_url.rsplit("/", 1)
    with psycopg.connect(server + "/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def fill(with_initiatives: bool) -> None:
    from django.core.management import call_command
    from django.db import connection

    from spira.core.generate import World
    from spira.ideas import generate as ideas_generate
    from spira.ideas.models import Idea
    from spira.initiatives import generate as initiatives_generate
    from spira.initiatives.models import Initiative
    from spira.organisations import generate as organisations_generate
    from spira.organisations.models import Organisation

    call_command("migrate", verbosity=0)
    world = World(scale="national", seed=1, progress=True)
    if Organisation.objects.count() < 9_000:
        organisations_generate.generate(world)
    else:
        initiatives_generate._coordinator_sources(world)
    if with_initiatives and Initiative.objects.count() < world.count("initiatives"):
        initiatives_generate.generate(world)
    if Idea.objects.count() < world.count("ideas"):
        ideas_generate.generate(world)
    if connection.vendor == "postgresql":
        # A production database is vacuumed by autovacuum: fresh statistics, a visibility map for
        # index-only scans and no pending list left in the GIN index of the search texts.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def backend_cpu_seconds() -> float:
    """CPU seconds used so far by this connection's database server process (PostgreSQL on this
    machine), so that the cost of a request is its Python time plus its database time."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(client, paths: list[str], n: int, before=None) -> dict:
    for path in paths[:5]:
        client.get(path)
    times, cpu_times = [], []
    for number in range(n):
        path = paths[number % len(paths)]
        if before is not None:
            before()
        cpu, db_cpu = time.process_time(), backend_cpu_seconds()
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        cpu_times.append((time.process_time() - cpu + backend_cpu_seconds() - db_cpu) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    times.sort()
    cpu_times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "max": times[-1],
        "cpu50": statistics.median(cpu_times),
        "cpu95": cpu_times[int(len(cpu_times) * 0.95) - 1],
    }


def forget_cached() -> None:
    """Empty this process's local-memory cache, for the figures right after a change. A shared
    cache (CACHE_URL) is never emptied: run the benchmark without one."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    backend = caches["default"]
    if not isinstance(backend, LocMemCache):
        raise SystemExit("The uncached figures need the local-memory cache: unset CACHE_URL.")
    backend.clear()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("SPIRA_BENCH_IDEAS_DB", DEFAULT_DB))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--no-initiatives", action="store_true", help="Do not generate the case library.")
    args = parser.parse_args()
    ensure_database(args.database_url)
    setup_django(args.database_url)
    fill(with_initiatives=not args.no_initiatives)

    from urllib.parse import urlencode

    from django.db.models import Count
    from django.test import Client

    from spira.accounts.models import User
    from spira.ideas.models import Idea, Sluice, StageLog
    from spira.initiatives.models import Initiative

    counts = list(Sluice.objects.annotate(n=Count("ideas")).values_list("slug", "n"))
    slug, size = min(counts, key=lambda row: abs(row[1] - 2_000))
    biggest_slug, biggest = max(counts, key=lambda row: row[1])
    sluice = Sluice.objects.get(slug=slug)
    coordinator = User.objects.filter(email="bench-ideas@example.org").first() or User.objects.create_user(
        email="bench-ideas@example.org", password=None, display_name="Bench Coordinator"
    )
    sluice.coordinators.add(coordinator)
    Sluice.objects.get(slug=biggest_slug).coordinators.add(coordinator)
    anonymous, logged_in = Client(), Client()
    logged_in.force_login(coordinator)
    similar_paths = [
        f"/ideer/{slug}/liknande/?" + urlencode({"title": t, "need": n, "description": d, "language": "sv"})
        for t, n, d in DRAFTS
    ]
    # While typing, the title grows a word at a time: the suggestions for each prefix.
    similar_paths += [
        f"/ideer/{slug}/liknande/?" + urlencode({"title": " ".join(t.split()[:k]), "language": "sv"})
        for t, _n, _d in DRAFTS
        for k in range(1, len(t.split()) + 1)
    ]
    pages = [
        (f"board, {size:,} ideas", "board", logged_in, [f"/ideer/{slug}/tavla/"]),
        (f"analytics, {size:,} ideas", "analytics", anonymous, [f"/ideer/{slug}/analys/"]),
        (
            f"analytics API, {size:,} ideas",
            "analytics",
            anonymous,
            [f"/api/v1/ideas/sluices/{slug}/analytics/"],
        ),
        # The numbers are cached until the sluice changes; this is the page right after a change.
        (
            f"analytics, uncached, {size:,} ideas",
            "analytics",
            anonymous,
            [f"/ideer/{slug}/analys/"],
            forget_cached,
        ),
        ("similar ideas while typing", "similar", anonymous, similar_paths),
        (f"board, biggest ({biggest:,} ideas)", None, logged_in, [f"/ideer/{biggest_slug}/tavla/"]),
        (f"analytics, biggest ({biggest:,} ideas)", None, anonymous, [f"/ideer/{biggest_slug}/analys/"]),
        (
            f"analytics, biggest, uncached ({biggest:,} ideas)",
            None,
            anonymous,
            [f"/ideer/{biggest_slug}/analys/"],
            forget_cached,
        ),
        ("analytics, all sluices", None, anonymous, ["/ideer/analys/"]),
        (f"public sluice page, {size:,} ideas", None, anonymous, [f"/ideer/{slug}/"]),
    ]
    print(
        f"\n{Idea.objects.count():,} ideas in {Sluice.objects.count()} sluices, {StageLog.objects.count():,} "
        f"stage-log rows, {Initiative.objects.count():,} initiatives. Bench sluice: {slug} ({size:,} ideas)."
    )
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    print(f"{'page':<44}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'cpu p50':>9}{'cpu p95':>9}  target")
    failed = False
    for label, target, client, paths, *before in pages:
        result = measure(client, paths, args.requests, *before)
        limit = TARGETS_MS.get(target)
        ok = limit is None or result["p95"] < limit
        failed |= not ok
        verdict = "–" if limit is None else (f"p95 < {limit:.0f} ok" if ok else f"p95 < {limit:.0f} SLOW")
        print(
            f"{label:<44}{result['p50']:>9.1f}{result['p95']:>9.1f}{result['max']:>9.1f}"
            f"{result['cpu50']:>9.1f}{result['cpu95']:>9.1f}  {verdict}",
            flush=True,
        )
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("cpu = this process's CPU time plus the database server process's, per request (ms)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
