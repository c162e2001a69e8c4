"""Several app servers and a separate task worker share one database (the national deployment).

Two `spira serve --no-worker` processes and one `spira db_worker` run against a fresh database:
PostgreSQL (a new database next to the test database, dropped afterwards) when DATABASE_URL is
PostgreSQL, otherwise a temporary SQLite file. A write through one server is read through the
other, and a task enqueued from a third process is run by the worker.
"""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
import pytest

pytestmark = [pytest.mark.slow]

TASK_TABLE = "django_tasks_database_dbtaskresult"
START_TIMEOUT = 30
TASK_TIMEOUT = 20


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://", "pgsql://"))


@contextmanager
def fresh_database(tmp_path):
    """A DATABASE_URL for an empty database that exists only for this test."""
    main_url = os.environ.get("DATABASE_URL", "")
    if not is_postgres(main_url):
        yield f"sqlite:///{tmp_path / 'multi.sqlite3'}"
        return
    import psycopg

    parts = urlsplit(main_url)
    base = (parts.path.lstrip("/") or "spira")[:30]
    name = f"{base}_multi_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def query(database_url: str, sql: str, params: tuple = ()) -> list[tuple]:
    """Read the shared database directly (not through Django: the test database is another one)."""
    if is_postgres(database_url):
        import psycopg

        with psycopg.connect(database_url) as connection:
            return connection.execute(sql.replace("?", "%s"), params).fetchall()
    path = dj_database_url.parse(database_url)["NAME"]
    with sqlite3.connect(path, timeout=20) as connection:
        return connection.execute(sql, params).fetchall()


def spira(env: dict, *args: str, timeout: float = 120) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "spira", *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"spira {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def http(method: str, url: str, token: str | None = None, body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Token {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def wait_until_serving(base_url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"spira serve exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"spira serve did not answer at {base_url} within {START_TIMEOUT} s")


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


SETUP_SCRIPT = """
from spira.accounts.models import ApiToken, User, hash_token
user = User.objects.create_user(email="multi@example.org", password=None)
key = ApiToken.generate_key()
ApiToken.objects.create(user=user, name="multi", key_hash=hash_token(key), key_prefix=key[:12])
print(key)
"""

ENQUEUE_SCRIPT = """
from spira.core.maintenance import clearsessions_task
print(clearsessions_task.enqueue().id)
"""


def test_two_servers_share_writes_and_a_separate_worker_runs_enqueued_tasks(tmp_path):
    with fresh_database(tmp_path) as database_url:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SPIRA_VAR_DIR": str(tmp_path / "var"),
            "SPIRA_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "SPIRA_LOG_LEVEL": "WARNING",
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        spira(env, "migrate", "--noinput", "-v0")
        ports = [free_port(), free_port()]
        worker_id = f"multi-test-worker-{uuid.uuid4().hex[:8]}"
        serve = [sys.executable, "-m", "spira", "serve", "--no-worker", "--workers", "1", "--threads", "2"]
        work = [sys.executable, "-m", "spira", "db_worker", "--worker-id", worker_id, "--interval", "0.2"]
        quiet = {"env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        processes: list[subprocess.Popen] = []
        try:
            processes += [subprocess.Popen([*serve, "--port", str(port)], **quiet) for port in ports]
            processes.append(subprocess.Popen([*work, "--no-startup-delay", "--no-reload"], **quiet))
            token = spira(env, "shell", "-c", SETUP_SCRIPT).strip().splitlines()[-1]
            first, second = (f"http://127.0.0.1:{port}" for port in ports)
            wait_until_serving(first, processes[0])
            wait_until_serving(second, processes[1])

            status, created = http(
                "POST",
                f"{first}/api/v1/organisations/organisations/",
                token,
                {"kind": "company", "name": "Tvåservrar AB"},
            )
            assert status == 201, created
            status, read = http("GET", f"{second}/api/v1/organisations/organisations/{created['slug']}/")
            assert status == 200
            assert read["name"] == "Tvåservrar AB"

            task_id = spira(env, "shell", "-c", ENQUEUE_SCRIPT).strip().splitlines()[-1]
            deadline = time.monotonic() + TASK_TIMEOUT
            row = None
            while time.monotonic() < deadline:
                rows = query(
                    database_url,
                    f"SELECT status, worker_ids, return_value FROM {TASK_TABLE} WHERE id = ?",
                    (task_id.replace("-", "") if not is_postgres(database_url) else task_id,),
                )
                row = rows[0] if rows else None
                if row and row[0] in {"SUCCESSFUL", "FAILED"}:
                    break
                time.sleep(0.2)
            assert row is not None, "the enqueued task is not in the shared queue"
            status_value, worker_ids, return_value = row
            assert status_value == "SUCCESSFUL"
            worker_ids = json.loads(worker_ids) if isinstance(worker_ids, str) else worker_ids
            assert worker_ids == [worker_id]
            return_value = json.loads(return_value) if isinstance(return_value, str) else return_value
            assert return_value == 0
            assert all(process.poll() is None for process in processes)
        finally:
            stop(processes)
