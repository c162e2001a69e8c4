"""Registrations are safe under concurrency, on SQLite and on PostgreSQL: 200 people register at
the same moment for 50 seats, from 16 threads, and exactly 50 get a seat while 150 wait, in the
order they came; then 20 cancel at once and exactly 20 move up from the waiting list.

The race runs in a child process against a fresh database of the same kind as the test database
(a temporary SQLite file with the production settings: WAL and IMMEDIATE transactions; or a new
PostgreSQL database), because the in-memory SQLite database of the test run shares one cache
between connections and cannot show how real writers queue.
"""

import json
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import pytest

pytestmark = [pytest.mark.slow]


def _is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://", "pgsql://"))


@contextmanager
def fresh_database(tmp_path):
    main_url = os.environ.get("DATABASE_URL", "")
    if not _is_postgres(main_url):
        yield f"sqlite:///{tmp_path / 'race.sqlite3'}"
        return
    import psycopg

    parts = urlsplit(main_url)
    name = f"{(parts.path.lstrip('/') or 'spira')[:30]}_race_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_race(database_url: str, tmp_path, *args: str) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "SPIRA_VAR_DIR": str(tmp_path / "var")}
    result = subprocess.run(
        [sys.executable, "-m", "spira.events.tests.race", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_two_hundred_people_for_fifty_seats_and_twenty_cancellations_at_once(tmp_path):
    with fresh_database(tmp_path) as url:
        result = run_race(url, tmp_path, "--people", "200", "--seats", "50", "--threads", "16")

    expected_vendor = "postgresql" if _is_postgres(os.environ.get("DATABASE_URL", "")) else "sqlite"
    assert result["database"] == expected_vendor
    assert (result["errors"], result["cancel_errors"]) == ([], [])
    assert (result["confirmed"], result["waitlisted"]) == (50, 150)
    assert (result["rows_confirmed"], result["rows_waitlisted"]) == (50, 150)
    assert (result["stored_confirmed"], result["stored_waitlisted"]) == (50, 150)
    assert result["arrival_order_kept"] is True
    assert result["cancelled_at_once"] == 20
    assert (result["after_cancel_confirmed"], result["after_cancel_waitlisted"]) == (50, 130)
    assert result["after_cancel_stored_confirmed"] == 50
