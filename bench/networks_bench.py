"""Networks benchmark (issue 8).

1. 100 concurrent attempts to book the same room for the same hour (100 threads, each with its own
   database connection, released together by a barrier) must end with exactly one booking.
2. A network page with 300 member organisations: p95 under 100 ms for the overview and the member
   directory, through Django's full stack (middleware, templates) in this process.

    .venv/bin/python bench/networks_bench.py                                   # PostgreSQL database h6
    .venv/bin/python bench/networks_bench.py --database-url sqlite:////tmp/spira_bench_networks.sqlite3

The database is migrated and the fixtures (a hub with a room, 300 member organisations) are made
once; each run adds a new room for the race so that runs do not disturb each other.
"""

import argparse
import datetime
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/h6"
ATTEMPTS = 100
MEMBERS = 300
TARGET_P95_MS = 100.0


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


def fixtures():
    from django.core.management import call_command

    from spira.accounts.models import User
    from spira.networks.choices import NetworkKind, PersonRole
    from spira.networks.models import HubLocation, Network, NetworkMembership, NetworkPerson, OpeningHours
    from spira.organisations.models import Membership, Organisation

    call_command("migrate", verbosity=0)
    hub, created = Network.objects.get_or_create(
        slug="bench-hubb",
        defaults={"kind": NetworkKind.COWORKING_HUB, "name": "Bänkhubben", "open_to_join": True},
    )
    if created:
        location = HubLocation.objects.create(
            network=hub, name="Bänkplatsen", slug="bankplatsen", address="Storgatan 1"
        )
        for day in range(7):
            OpeningHours.objects.create(
                location=location, weekday=day, opens=datetime.time(0), closes=datetime.time(23, 59)
            )
        organisations = Organisation.objects.bulk_create(
            Organisation(kind="company", name=f"Bänkbolaget {n:03d} AB", slug=f"bankbolaget-{n:03d}-ab")
            for n in range(MEMBERS)
        )
        NetworkMembership.objects.bulk_create(
            NetworkMembership(
                network=hub, organisation=o, plan="part_time", starts_on=datetime.date(2024, 1, 1)
            )
            for o in organisations
        )
        manager = User.objects.create_user(
            email="bench-manager@example.se", password=None, display_name="Bänkchef"
        )
        NetworkPerson.objects.create(network=hub, user=manager, role=PersonRole.COMMUNITY_MANAGER)
        first = organisations[0]
        users = User.objects.bulk_create(
            User(email=f"bench-{n:03d}@example.se", display_name=f"Bänkperson {n}") for n in range(ATTEMPTS)
        )
        Membership.objects.bulk_create(Membership(user=u, organisation=first) for u in users)
    return hub


def race(hub, max_connections: int) -> dict:
    from django.core.exceptions import ValidationError
    from django.db import OperationalError, close_old_connections, connection
    from django.utils import timezone

    from spira.accounts.models import User
    from spira.networks import services
    from spira.networks.models import BookableResource, Booking

    location = hub.locations.get()
    room = BookableResource.objects.create(
        location=location, name=f"Rum {timezone.now():%H%M%S%f}", max_days_ahead=30
    )
    starts = timezone.localtime().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=2)
    ends = starts + datetime.timedelta(hours=1)
    users = list(User.objects.filter(email__startswith="bench-0").order_by("pk")[:ATTEMPTS])
    users += list(
        User.objects.filter(email__startswith="bench-").exclude(pk__in=[u.pk for u in users]).order_by("pk")
    )
    users = users[:ATTEMPTS]
    barrier = threading.Barrier(len(users))
    # Like a connection pool: PostgreSQL's max_connections (100 by default) is shared with others.
    pool = threading.BoundedSemaphore(max_connections)
    outcomes, lock = [], threading.Lock()
    connection.close()

    def attempt(user):
        started = time.perf_counter()
        try:
            barrier.wait()
            with pool:
                try:
                    services.book_resource(user, room, starts, ends)
                finally:
                    connection.close()
            outcome = "booked"
        except ValidationError:
            outcome = "refused"
        except OperationalError:
            outcome = "busy"
        finally:
            close_old_connections()
        with lock:
            outcomes.append((outcome, time.perf_counter() - started))

    began = time.perf_counter()
    threads = [threading.Thread(target=attempt, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    counts = {k: sum(1 for o, _ in outcomes if o == k) for k in ("booked", "refused", "busy")}
    return {
        "attempts": len(outcomes),
        **counts,
        "bookings_in_db": Booking.objects.filter(resource=room, status="confirmed").count(),
        "seconds": round(elapsed, 2),
        "slowest_attempt_ms": round(max(t for _, t in outcomes) * 1000, 1),
    }


def page_timings(url: str, runs: int = 60) -> dict:
    from django.test import Client

    client = Client()
    for _ in range(5):
        assert client.get(url).status_code == 200
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        "max_ms": round(times[-1], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_DB)
    parser.add_argument(
        "--max-connections",
        type=int,
        default=None,
        help="at most this many connections at once (PostgreSQL: 60)",
    )
    args = parser.parse_args()
    ensure_database(args.database_url)
    setup_django(args.database_url)
    hub = fixtures()
    ok = True
    pool = args.max_connections or (60 if args.database_url.startswith("postgres") else ATTEMPTS)
    result = race(hub, pool)
    print(f"Booking race ({args.database_url.split(':')[0]}, {pool} connections at most): {result}")
    ok &= result["booked"] == 1 and result["bookings_in_db"] == 1
    for name, url in (
        ("network page", hub.get_absolute_url()),
        ("member directory", f"{hub.get_absolute_url()}medlemmar/"),
    ):
        timings = page_timings(url)
        passed = timings["p95_ms"] < TARGET_P95_MS
        ok &= passed
        print(
            f"{name} with {MEMBERS} members: {timings} target p95 < {TARGET_P95_MS:.0f} ms: {'OK' if passed else 'MISSED'}"
        )
    print("All targets met." if ok else "Some targets were missed.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
