"""Many people register for the same seats at the same moment, on a real database.

    DATABASE_URL=... python -m spira.events.tests.race [--people 200] [--seats 50] [--threads 16]

Migrates the database it is given (use an empty one), creates one activity and the people, then
releases all threads at once; each registers its share of the people through the service. Prints
one JSON object: confirmed, waitlisted, the counts stored on the activity, whether the waiting
list is in arrival order, then the same for a burst of simultaneous cancellations (each freed
seat must go to exactly one person from the waiting list), and the timings. Used by
test_concurrency.py (on SQLite and PostgreSQL) and by bench/events_bench.py.
"""

import argparse
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spira.settings")
    # No e-mails or task rows: the race is about seats.
    os.environ["SPIRA_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    os.environ["SPIRA_EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _world(people: int, seats: int):
    from django.utils import timezone

    from spira.accounts.models import User
    from spira.events.models import Activity, EventSeries
    from spira.organisations.models import Organisation

    now = timezone.now()
    owner = Organisation.objects.create(kind="network", name="Race", slug=f"race-{os.getpid()}")
    series = EventSeries.objects.create(
        owner=owner,
        title="Race",
        slug=f"race-{os.getpid()}",
        starts_on=(now + timedelta(days=10)).date(),
        ends_on=(now + timedelta(days=12)).date(),
    )
    start = now + timedelta(days=11)
    activity = Activity.objects.create(
        series=series,
        organiser=owner,
        title="Race",
        slug=f"race-{os.getpid()}",
        format="seminar",
        venue="Här",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        capacity=seats,
        status="published",
    )
    users = User.objects.bulk_create(
        [User(email=f"race{n}-{os.getpid()}@example.se", display_name=f"Race {n}") for n in range(people)]
    )
    return activity, [user.pk for user in users]


def _in_threads(function, items: list, threads: int) -> tuple[list, list[str]]:
    from django.db import connections

    barrier = threading.Barrier(threads)
    chunks = [items[index::threads] for index in range(threads)]
    errors: list[str] = []

    def work(chunk):
        results = []
        try:
            barrier.wait()
            for item in chunk:
                try:
                    results.append(function(item))
                except Exception as error:  # reported, and the run fails
                    errors.append(f"{type(error).__name__}: {error}")
            return results
        finally:
            connections.close_all()

    with ThreadPoolExecutor(threads) as pool:
        return [result for chunk in pool.map(work, chunks) for result in chunk], errors


def run(people: int, seats: int, threads: int) -> dict:
    from django.db import connection

    from spira.accounts.models import User
    from spira.events import services
    from spira.events.models import Activity, Registration

    activity, user_ids = _world(people, seats)

    def register(user_id):
        return services.register(User.objects.get(pk=user_id), Activity.objects.get(pk=activity.pk)).status

    began = time.perf_counter()
    statuses, errors = _in_threads(register, user_ids, threads)
    register_seconds = time.perf_counter() - began
    activity.refresh_from_db()
    ordered = list(
        Registration.objects.filter(activity=activity)
        .order_by("queued_at", "id")
        .values_list("status", flat=True)
    )
    result = {
        "database": connection.vendor,
        "people": people,
        "seats": seats,
        "threads": threads,
        "confirmed": statuses.count("confirmed"),
        "waitlisted": statuses.count("waitlisted"),
        "errors": errors[:5],
        "stored_confirmed": activity.confirmed_count,
        "stored_waitlisted": activity.waitlist_count,
        "rows_confirmed": ordered.count("confirmed"),
        "rows_waitlisted": ordered.count("waitlisted"),
        "arrival_order_kept": ordered == sorted(ordered, key=lambda status: status != "confirmed"),
        "register_seconds": round(register_seconds, 3),
    }

    confirmed = list(
        Registration.objects.filter(activity=activity, status="confirmed").select_related("user", "activity")[
            : min(seats, 20)
        ]
    )

    def cancel(registration):
        services.cancel_registration(
            registration.user, Registration.objects.select_related("activity").get(pk=registration.pk)
        )

    began = time.perf_counter()
    _ignored, cancel_errors = _in_threads(cancel, confirmed, min(threads, len(confirmed)) or 1)
    activity.refresh_from_db()
    result.update(
        {
            "cancelled_at_once": len(confirmed),
            "cancel_errors": cancel_errors[:5],
            "after_cancel_confirmed": Registration.objects.filter(
                activity=activity, status="confirmed"
            ).count(),
            "after_cancel_waitlisted": Registration.objects.filter(
                activity=activity, status="waitlisted"
            ).count(),
            "after_cancel_stored_confirmed": activity.confirmed_count,
            "cancel_seconds": round(time.perf_counter() - began, 3),
        }
    )
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args(argv)
    _setup()
    print(json.dumps(run(args.people, args.seats, args.threads)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
