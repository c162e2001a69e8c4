"""Barriers benchmark at national scale: the public register with two filters, and an authority's inbox.

Targets (issue 6): p95 under 100 ms for each, on PostgreSQL.

    .venv/bin/python bench/barriers_bench.py                       # PostgreSQL database h9
    .venv/bin/python bench/barriers_bench.py --database-url postgres://postgres@127.0.0.1:5432/other
    .venv/bin/python bench/barriers_bench.py --database-url sqlite:////tmp/spira_bench_barriers.sqlite3

The database is filled once: migrations, the reference data, the national world's ~10,000
organisations (spira.organisations.generate) and 5,000 barriers with endorsements, escalations and
answers (spira.barriers.generate). Then each page is requested through Django's full stack
(middleware, filters, templates) in this process, after a warm-up, and p50/p95/max are printed.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/h9"
TARGET_P95_MS = 100.0


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


def fill() -> None:
    from django.core.management import call_command

    from spira.barriers import generate as barriers_generate
    from spira.barriers.models import Barrier
    from spira.core.generate import World
    from spira.organisations import generate as organisations_generate
    from spira.organisations.models import Organisation

    call_command("migrate", verbosity=0)
    world = World(scale="national", seed=1, progress=True)
    if Organisation.objects.count() < 9_000:
        organisations_generate.generate(world)
    if Barrier.objects.count() < world.count("barriers"):
        barriers_generate.generate(world)
    call_command("migrate", verbosity=0)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure(client, path: str, n: int) -> dict:
    for _ in range(5):
        client.get(path)
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "max": times[-1],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("SPIRA_BENCH_BARRIERS_DB", DEFAULT_DB))
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    ensure_database(args.database_url)
    setup_django(args.database_url)
    fill()

    from django.db.models import Count
    from django.test import Client

    from spira.accounts.models import User
    from spira.barriers.models import Barrier, Escalation
    from spira.organisations.models import Membership, Organisation

    top = Escalation.objects.open().values("addressed_to").annotate(n=Count("id")).order_by("-n").first()
    authority = Organisation.objects.get(pk=top["addressed_to"])
    official = User.objects.filter(email="bench-official@example.org").first() or User.objects.create_user(
        email="bench-official@example.org", password=None, display_name="Bench Official"
    )
    Membership.objects.get_or_create(user=official, organisation=authority)

    anonymous, logged_in = Client(), Client()
    logged_in.force_login(official)
    county = (
        Organisation.objects.filter(kind="municipality", county__isnull=False)
        .values_list("county__code", flat=True)
        .first()
    )
    pages = [
        ("register, kind + level", anonymous, "/hinder/?kind=procurement&mandate_level=national"),
        ("register, status + county", anonymous, f"/hinder/?status=escalated&county={county}"),
        ("register, kind + level (htmx)", anonymous, "/hinder/?kind=law&mandate_level=national"),
        ("API list, kind + status", anonymous, "/api/v1/barriers/barriers/?kind=data&status=answered"),
        (f"inbox of {authority.display_name[:30]}", logged_in, "/hinder/inkorg/"),
        ("overdue answers", anonymous, "/hinder/forsenade-svar/"),
        ("overview (heat map)", anonymous, "/hinder/oversikt/"),
    ]
    print(
        f"\n{Barrier.objects.count():,} barriers, {Organisation.objects.count():,} organisations, "
        f"{Escalation.objects.count():,} escalations; inbox holds {top['n']} open escalations."
    )
    print(f"{'page':<44}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}  target p95 < {TARGET_P95_MS:.0f} ms")
    failed = False
    for label, client, path in pages:
        headers = {"HTTP_HX_REQUEST": "true"} if "htmx" in label else {}
        if headers:
            client.defaults.update(headers)
        result = measure(client, path, args.requests)
        client.defaults.pop("HTTP_HX_REQUEST", None)
        ok = result["p95"] < TARGET_P95_MS
        failed |= not ok and (label.startswith("register") or label.startswith("inbox"))
        print(
            f"{label:<44}{result['p50']:>9.1f}{result['p95']:>9.1f}{result['max']:>9.1f}  {'ok' if ok else 'SLOW'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
