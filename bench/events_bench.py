"""Benchmarks of the events app (targets from issue 7).

1. Programme: a series with 1,000 activities (a national week: 200 a day over five days), served by
   `spira serve` (gunicorn) against a prepared database, read by 16 concurrent closed-loop readers
   from this (second) process over loopback. Target: p95 under 100 ms. Anonymous readers get the
   page from the cache (kept per series version, language and address); a second server with no
   cache at all (Django's DummyCache) shows what rendering every page costs. Beside the wall-clock
   figures: the app server's CPU time per request (all its processes; PostgreSQL's own work is
   not in it, SQLite's is) and the load average, since the machine may be shared.
2. Registration race: 200 people register at the same moment for 50 seats (16 threads), on SQLite
   (a file, with the production settings) and on PostgreSQL. Target: exactly 50 confirmed and 150
   waitlisted; then 20 simultaneous cancellations promote exactly 20.

    python -m bench.events_bench                       # both, on SQLite
    python -m bench.events_bench --postgres postgres://postgres@127.0.0.1:5432/spira
    python -m bench.events_bench programme --duration 20 --readers 16
    python -m bench.events_bench programme --no-uncached   # only the cached phases
    python -m bench.events_bench race

Every run is bounded (fixed duration, timeouts) and uses a fresh database that is removed after.
Prints one JSON object per benchmark.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME_ACTIVITIES = 1_000
SERIES_SLUG = "innovationsveckan-bench"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


@contextmanager
def fresh_database(base_url: str | None, directory: Path):
    """A DATABASE_URL for a new, empty database: a SQLite file, or a new PostgreSQL database next
    to `base_url` (dropped afterwards)."""
    if not base_url or not is_postgres(base_url):
        yield f"sqlite:///{directory / 'bench.sqlite3'}"
        return
    import psycopg

    parts = urlsplit(base_url)
    name = f"{(parts.path.lstrip('/') or 'spira')[:30]}_evbench_{uuid.uuid4().hex[:8]}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env(database_url: str, directory: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"SPIRA_TESTING", "SPIRA_DEBUG"}}
    env.update(
        DATABASE_URL=database_url,
        SPIRA_VAR_DIR=str(directory / "var"),
        SPIRA_STATIC_ROOT=str(directory / "static"),
        SECRET_KEY="bench-" + uuid.uuid4().hex,
        SPIRA_LOGIN_THROTTLING="0",
        SPIRA_TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
        SPIRA_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]).strip(os.pathsep),
    )
    return env


PREPARE = """
import django, os
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo
from spira.events.models import Activity, EventSeries, Track
from spira.organisations.models import Organisation
tz = ZoneInfo("Europe/Stockholm")
orgs = Organisation.objects.bulk_create([Organisation(kind="other", name=f"Arrangör {n}", slug=f"arrangor-{n}") for n in range(100)])
towns = Organisation.objects.bulk_create([Organisation(kind="municipality", name=f"Kommun {n}", slug=f"kommun-{n}", municipality_code=f"{n:04d}") for n in range(1, 41)])
start = date(2030, 9, 30)
series = EventSeries.objects.create(owner=orgs[0], title="Innovationsveckan (benchmark)", slug="%(slug)s", starts_on=start, ends_on=start + timedelta(days=4))
tracks = [Track.objects.create(series=series, name=f"Spår {n}", slug=f"spar-{n}", position=n) for n in range(4)]
formats = ["seminar", "workshop", "webinar", "breakfast_meeting", "study_visit", "dialogue_workshop"]
rows = []
for n in range(%(count)d):
    day = start + timedelta(days=n %% 5)
    begins = datetime.combine(day, time(8 + (n // 5) %% 9, (n %% 2) * 30), tzinfo=tz)
    online = n %% 4 == 0
    rows.append(Activity(series=series, title=f"Programpunkt {n}: så sprider vi smarta lösningar", slug=f"programpunkt-{n}",
        description="Erfarenheter och nästa steg.", organiser=orgs[n %% 100], track=tracks[n %% 4] if n %% 3 else None,
        starts_at=begins, ends_at=begins + timedelta(minutes=90), format=formats[n %% 6],
        venue="" if online else f"Stadshuset {n %% 40}", municipality=None if online else towns[n %% 40],
        online_url="https://example.se/mote" if online else "", capacity=50 if n %% 2 else None,
        registration_mode="open", status="published"))
Activity.objects.bulk_create(rows, batch_size=500)
print(Activity.objects.filter(series=series).count())
"""


def prepare(env: dict) -> int:
    code = PREPARE % {"slug": SERIES_SLUG, "count": PROGRAMME_ACTIVITIES}
    result = subprocess.run(
        [sys.executable, "-c", code], env={**env, "DJANGO_SETTINGS_MODULE": env.get("DJANGO_SETTINGS_MODULE", "spira.settings")},
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"Preparing the database failed:\n{result.stderr[-3000:]}")
    return int(result.stdout.strip().splitlines()[-1])


NO_CACHE_SETTINGS = """from spira.settings import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
"""


def no_cache_env(env: dict, directory: Path) -> dict:
    """The same environment with settings that cache nothing (a module written next to the database)."""
    (directory / "bench_no_cache_settings.py").write_text(NO_CACHE_SETTINGS)
    path = os.pathsep.join([str(directory), env["PYTHONPATH"]])
    return {**env, "PYTHONPATH": path, "DJANGO_SETTINGS_MODULE": "bench_no_cache_settings"}


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU time of a process and all its live descendants (from /proc)."""
    parents, times = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        times[pid] = int(fields[11]) + int(fields[12])
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return sum(times.get(pid, 0) for pid in tree) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(fraction * (len(values) - 1))))]


def drive(port: int, paths: list[str], readers: int, duration: float, warmup: float, server_pid: int) -> dict:
    """Closed loop: each reader sends its next request as soon as the last answer is read."""
    start = time.monotonic()
    measure_from, stop_at = start + warmup, start + warmup + duration
    latencies: list[list[float]] = [[] for _ in range(readers)]
    errors = [0] * readers
    sizes = [0] * readers

    def reader(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Accept": "text/html", "Accept-Language": "sv", "Connection": "keep-alive"}
        number = index
        while (began := time.monotonic()) < stop_at:
            path = paths[number % len(paths)]
            number += readers
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                body = response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status, body = 0, b""
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            finished = time.monotonic()
            if began >= measure_from:
                if status == 200:
                    latencies[index].append((finished - began) * 1000)
                    sizes[index] = len(body)
                else:
                    errors[index] += 1
        connection.close()

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(readers)]
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, measure_from - time.monotonic()))
    server_cpu, client_cpu = tree_cpu_seconds(server_pid), time.process_time()
    time.sleep(max(0.0, stop_at - time.monotonic()))
    server_cpu, client_cpu = tree_cpu_seconds(server_pid) - server_cpu, time.process_time() - client_cpu
    load = os.getloadavg()[0]
    for thread in threads:
        thread.join(timeout=duration + warmup + 60)
    values = [v for per_reader in latencies for v in per_reader]
    answered = max(len(values) + sum(errors), 1)
    return {
        "requests": len(values),
        "errors": sum(errors),
        "requests_per_second": round(len(values) / duration, 1),
        "server_cpu_ms_per_request": round(server_cpu * 1000 / answered, 1),
        "client_cpu_ms_per_request": round(client_cpu * 1000 / answered, 1),
        "load_average_1min": round(load, 1),
        "p50_ms": round(percentile(values, 0.50), 1),
        "p95_ms": round(percentile(values, 0.95), 1),
        "p99_ms": round(percentile(values, 0.99), 1),
        "max_ms": round(max(values), 1) if values else None,
        "page_bytes": max(sizes),
    }


def wait_for(port: int, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"spira serve stopped (exit {process.returncode}).")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("spira serve did not answer in time.")


@contextmanager
def serve(env: dict, workers: int, threads: int):
    """`spira serve` on a free port; yields (port, the server's process id)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "spira", "serve", "--port", str(port), "--no-worker",
         "--workers", str(workers), "--threads", str(threads)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        wait_for(port, server)
        yield port, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def programme(
    database: str | None,
    readers: int,
    duration: float,
    warmup: float,
    workers: int,
    threads: int,
    uncached: bool = True,
) -> dict:
    with tempfile.TemporaryDirectory(prefix="spira-events-bench-") as tmp:
        directory = Path(tmp)
        with fresh_database(database, directory) as url:
            env = _env(url, directory)
            count = prepare(env)
            base = f"/evenemang/serier/{SERIES_SLUG}/"
            days = [
                f"{base}?day=2030-{month_day}" for month_day in ("09-30", "10-01", "10-02", "10-03", "10-04")
            ]
            filtered = [
                f"{base}?day=2030-10-01&format=workshop",
                f"{base}?track=spar-1",
                f"{base}?online=true",
            ]
            results = {
                "benchmark": "events programme, 1,000 activities (200 on a day)",
                "database": "postgresql" if is_postgres(url) else "sqlite",
                "activities": count,
                "readers": readers,
                "duration_s": duration,
                "server": f"spira serve, {workers} workers x {threads} threads (gunicorn gthread)",
                "cpus": os.cpu_count(),
                "target": "p95 < 100 ms",
                "load_average_before": [round(value, 1) for value in os.getloadavg()],
            }
            with serve(env, workers, threads) as (port, pid):
                results["programme_default_day"] = drive(port, [base], readers, duration, warmup, pid)
                results["programme_days_and_filters"] = drive(
                    port, days + filtered, readers, duration, warmup, pid
                )
            if uncached:
                # Every request renders the page: nothing is cached, not even the series header.
                with serve(no_cache_env(env, directory), workers, threads) as (port, pid):
                    results["uncached_one_reader"] = drive(port, days + filtered, 1, duration, warmup, pid)
                    results["uncached_days_and_filters"] = drive(
                        port, days + filtered, readers, duration, warmup, pid
                    )
            results["met"] = all(
                results[key]["p95_ms"] < 100 and results[key]["errors"] == 0
                for key in ("programme_default_day", "programme_days_and_filters")
            )
            results["load_average_after"] = [round(value, 1) for value in os.getloadavg()]
            return results


def race(database: str | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="spira-events-race-") as tmp:
        directory = Path(tmp)
        with fresh_database(database, directory) as url:
            env = _env(url, directory)
            result = subprocess.run(
                [sys.executable, "-m", "spira.events.tests.race", "--people", "200", "--seats", "50", "--threads", "16"],
                env=env, capture_output=True, text=True, timeout=600,
            )  # fmt: skip
            if result.returncode != 0:
                raise SystemExit(f"The race failed:\n{result.stderr[-3000:]}")
            data = json.loads(result.stdout.strip().splitlines()[-1])
            data["benchmark"] = "events registration race, 200 people for 50 seats"
            data["met"] = (
                (data["confirmed"], data["waitlisted"]) == (50, 150)
                and (data["stored_confirmed"], data["stored_waitlisted"]) == (50, 150)
                and data["after_cancel_confirmed"] == 50
                and not data["errors"]
            )
            return data


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("which", nargs="?", choices=["programme", "race", "all"], default="all")
    parser.add_argument("--postgres", help="A PostgreSQL URL; fresh databases are made next to it.")
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--duration", type=float, default=15.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--no-uncached", action="store_true", help="Skip the phases served with no cache at all."
    )
    args = parser.parse_args(argv)
    databases = [None] + ([args.postgres] if args.postgres else [])
    ok = True
    for database in databases:
        if args.which in ("programme", "all"):
            result = programme(
                database,
                args.readers,
                args.duration,
                args.warmup,
                args.workers,
                args.threads,
                uncached=not args.no_uncached,
            )
            print(json.dumps(result), flush=True)
            ok &= result["met"]
        if args.which in ("race", "all"):
            result = race(database)
            print(json.dumps(result), flush=True)
            ok &= result["met"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
