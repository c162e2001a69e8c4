"""`python -m bench`: build (or reuse) a generated world, serve it with gunicorn, load it, report.

    python -m bench                                  # national world on PostgreSQL (spira_bench_national)
    python -m bench --scale small --duration 5       # a quick run
    python -m bench --database-url postgres://postgres@127.0.0.1:5432/mybench

Steps: create the database if missing, migrate it, `spira generate --scale S --seed N` unless the
world is already there, start `spira serve --no-worker` (2 workers × 4 threads by default) on a free
loopback port, then for each endpoint run `python -m bench.load` in a second process (8 keep-alive
connections, fixed duration) and print p50/p95/p99 latency and requests/s, with the targets of
bench/README.md. Results are also written to bench/results/<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
LIST_PATH = "/organisationer/?kind=municipality&county=01&population_band=10k_50k"
# The list must reach this share of the trivial endpoint's throughput, with p95 under this.
TARGET_LIST_SHARE = 0.40
TARGET_LIST_P95_MS = 50.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def spira(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "spira", *args],
        env=env,
        cwd=ROOT,
        text=True,
        stdout=subprocess.PIPE if capture else None,
        check=True,
    )
    return result.stdout or ""


def ensure_postgres_database(url: str) -> bool:
    """Create the database if it does not exist; True when it was created."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            return False
        admin.execute(f'CREATE DATABASE "{name}"')
        return True


def drop_postgres_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


WORLD_SCRIPT = """
from spira.organisations.models import Organisation
from spira.accounts.models import User
slug = (Organisation.objects.filter(kind="municipality", county__code="01", population__gte=10000,
        population__lt=50000).order_by("name").values_list("slug", flat=True).first())
big = Organisation.objects.filter(slug="stockholms-kommun").values_list("slug", flat=True).first()
print(Organisation.objects.count(), User.objects.count(), big or slug or "-", sep="|")
"""


def world_facts(env: dict) -> tuple[int, int, str]:
    output = spira(env, "shell", "-c", WORLD_SCRIPT, capture=True).strip().splitlines()[-1]
    organisations, users, slug = output.split("|", 2)
    return int(organisations), int(users), slug


def wait_until_serving(base_url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"spira serve exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"spira serve did not answer within {timeout} s")


def measure(url: str, connections: int, duration: float, warmup: float) -> dict:
    """Run the load generator in its own process, as a separate client would."""
    output = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.load",
            url,
            *("--connections", str(connections)),
            *("--duration", str(duration)),
            *("--warmup", str(warmup)),
        ],
        cwd=ROOT,
        text=True,
        capture_output=True,
        timeout=duration + warmup + 120,
        check=True,
    ).stdout
    return json.loads(output)


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs {model} – {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=["small", "municipality", "national"], default="national")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--database-url", help="Default: postgres://postgres@127.0.0.1:5432/spira_bench_<scale>"
    )
    parser.add_argument("--rebuild", action="store_true", help="Drop and regenerate the world first.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=float, default=15.0, help="Measured seconds per endpoint.")
    parser.add_argument("--warmup", type=float, default=3.0)
    args = parser.parse_args(argv)

    database_url = args.database_url or f"postgres://postgres@127.0.0.1:5432/spira_bench_{args.scale}"
    postgres = database_url.startswith(("postgres://", "postgresql://"))
    var_dir = ROOT / "var" / "bench"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SPIRA_TESTING", "SPIRA_DEBUG", "SPIRA_PRODUCTION", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(DATABASE_URL=database_url, SPIRA_VAR_DIR=str(var_dir), SPIRA_LOG_LEVEL="WARNING")

    if postgres:
        if args.rebuild:
            drop_postgres_database(database_url)
        created = ensure_postgres_database(database_url)
    else:
        created = args.rebuild or not Path(urlsplit(database_url).path).exists()
        if args.rebuild:
            Path(urlsplit(database_url).path).unlink(missing_ok=True)
    print(f"Database: {database_url} ({'new' if created else 'existing'})", flush=True)
    spira(env, "migrate", "--noinput", "-v0")
    organisations, users, slug = world_facts(env)
    if users == 0:
        started = time.monotonic()
        spira(env, "generate", "--scale", args.scale, "--seed", str(args.seed))
        print(f"Generated the {args.scale} world in {time.monotonic() - started:.0f} s", flush=True)
        organisations, users, slug = world_facts(env)
    else:
        print("Reusing the generated world already in the database.", flush=True)
    print(f"World: {organisations} organisations, {users} users", flush=True)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "spira",
            "serve",
            "--no-worker",
            "--port",
            str(port),
            *("--workers", str(args.workers)),
            *("--threads", str(args.threads)),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    endpoints = [
        ("ceiling: /healthz", "/healthz"),
        ("organisation list, filtered", LIST_PATH),
        ("organisation detail", f"/organisationer/{slug}/"),
        ("organisation list, unfiltered", "/organisationer/"),
        ("API list, filtered", "/api/v1/organisations/organisations/?kind=company&limit=25"),
    ]
    results = []
    try:
        wait_until_serving(base, server)
        for name, path in endpoints:
            print(f"Measuring {name} ({path}) …", flush=True)
            result = measure(base + path, args.connections, args.duration, args.warmup)
            result["name"] = name
            results.append(result)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    report(args, machine(), organisations, users, results)
    ceiling, listing = results[0], results[1]
    share = listing["rps"] / ceiling["rps"] if ceiling["rps"] else 0.0
    passed = share >= TARGET_LIST_SHARE and listing["p95_ms"] < TARGET_LIST_P95_MS and not listing["errors"]
    print(
        f"\nTarget (filtered list ≥ {TARGET_LIST_SHARE:.0%} of the ceiling, p95 < {TARGET_LIST_P95_MS:.0f} ms): "
        f"{share:.0%} of the ceiling, p95 {listing['p95_ms']} ms → {'MET' if passed else 'MISSED'}"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"{stamp}-{args.scale}.json").write_text(
        json.dumps(
            {
                "scale": args.scale,
                "machine": machine(),
                "workers": args.workers,
                "threads": args.threads,
                "organisations": organisations,
                "users": users,
                "results": results,
                "list_share_of_ceiling": round(share, 3),
                "target_met": passed,
            },
            indent=2,
        )
    )
    return 0 if passed else 1


def report(args, machine_text: str, organisations: int, users: int, results: list[dict]) -> None:
    print(
        f"\n{args.scale} world ({organisations} organisations, {users} users); gunicorn "
        f"{args.workers} workers × {args.threads} threads; {args.connections} connections, "
        f"{args.duration:.0f} s per endpoint\nMachine: {machine_text}\n"
    )
    print(f"{'endpoint':<32}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for r in results:
        print(f"{r['name']:<32}{r['rps']:>9}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['p99_ms']:>9}{r['errors']:>8}")


if __name__ == "__main__":
    raise SystemExit(main())
