"""`spira serve`: the production server in one command.

Starts gunicorn (gthread workers) serving `spira.wsgi:application`, with static files served by
whitenoise, and, when the task backend is the database queue, one `spira db_worker` process. Both
are children of this process, which supervises them: SIGINT or SIGTERM stops both cleanly, and if
either dies the other is stopped too and the command exits non-zero.

Children are started with the same Python interpreter (`python -m gunicorn`, `python -m spira`) and
the same environment, so they see the same settings and database.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

DATABASE_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"
STOP_TIMEOUT = 15.0


def tasks_use_database_queue() -> bool:
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    return backend in {DATABASE_TASKS_BACKEND, "django_tasks_db.backend.DatabaseBackend"}


def static_files_missing() -> bool:
    """True when collectstatic has not run into STATIC_ROOT (no manifest naming our own CSS)."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    try:
        paths = json.loads(manifest.read_text()).get("paths", {})
    except (OSError, ValueError):
        return True
    return "spira/spira.css" not in paths


def unapplied_migrations() -> bool:
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    connections[DEFAULT_DB_ALIAS].close()
    return bool(plan)


def _die_with_parent() -> None:
    """Linux only: children get SIGTERM if this supervisor is killed outright (no orphans)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def wait_for_port(host: str, port: int, timeout: float, alive) -> bool:
    """True once something accepts connections on host:port; False on timeout or if `alive()` fails."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            return False
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


class Command(BaseCommand):
    help = "Serve Spira with gunicorn and whitenoise, plus the database task worker (stop with Ctrl+C)."

    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on (default 127.0.0.1).")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on (default 8000).")
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("SPIRA_WEB_WORKERS", "2")),
            help="Gunicorn worker processes (default 2, or SPIRA_WEB_WORKERS).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("SPIRA_WEB_THREADS", "4")),
            help="Threads per worker process (default 4, or SPIRA_WEB_THREADS).",
        )
        parser.add_argument("--no-worker", action="store_true", help="Do not start the database task worker.")
        parser.add_argument(
            "--access-log", action="store_true", help="Write an access log line per request to stdout."
        )
        parser.add_argument(
            "--timeout", type=int, default=60, help="Seconds before a stuck worker is restarted."
        )

    def handle(self, *args, host, port, workers, threads, no_worker, access_log, timeout, **options):
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        if unapplied_migrations():
            raise CommandError("The database has unapplied migrations: run `spira migrate` first.")
        if not settings.WHITENOISE_USE_FINDERS and static_files_missing():
            self.stdout.write("Collecting static files…")
            call_command("collectstatic", interactive=False, verbosity=0)

        self.children: list[tuple[str, subprocess.Popen]] = []
        self.stopping = False
        previous = {sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            self._start(self._gunicorn_command(host, port, workers, threads, access_log, timeout), "web")
            if not no_worker and tasks_use_database_queue():
                worker_id = f"{socket.gethostname()[:40]}-serve-{os.getpid()}"
                worker = ["db_worker", "--queue-name", "*", "--no-reload", "--worker-id", worker_id]
                self._start([sys.executable, "-m", "spira", *worker], "tasks")
            elif not no_worker:
                self.stdout.write("The task backend is not the database queue: no task worker started.")
            gunicorn = self.children[0][1]
            if wait_for_port(_connect_host(host), port, 30, lambda: gunicorn.poll() is None):
                self.stdout.write(
                    self.style.SUCCESS(f"Spira is serving on {_url(host, port)} (Ctrl+C stops it)")
                )
            exit_code = self._supervise()
        finally:
            self._stop_all()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if exit_code:
            raise CommandError(f"A child process stopped unexpectedly (exit code {exit_code}).")

    def _gunicorn_command(self, host, port, workers, threads, access_log, timeout) -> list[str]:
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "spira.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--timeout",
            str(timeout),
            "--graceful-timeout",
            "10",
            "--error-logfile",
            "-",
            "--no-control-socket",
            "--forwarded-allow-ips",
            os.environ.get("SPIRA_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        if access_log:
            command += ["--access-logfile", "-"]
        return command

    def _start(self, command: list[str], name: str) -> None:
        process = subprocess.Popen(command, preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        self.children.append((name, process))

    def _on_signal(self, signum, frame) -> None:
        self.stopping = True

    def _supervise(self) -> int:
        while not self.stopping:
            for _name, process in self.children:
                code = process.poll()
                if code is not None:
                    return code or 1
            time.sleep(0.2)
        return 0

    def _stop_all(self) -> None:
        for _name, process in self.children:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for _name, process in self.children:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.stdout.write("Spira has stopped.")


def _connect_host(host: str) -> str:
    return {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)


def _url(host: str, port: int) -> str:
    shown = _connect_host(host)
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"
