"""Settings come from the environment: production passes `check --deploy`, defaults are embedded.

Each case runs `spira` in a subprocess with its own environment, since settings are read once.
"""

import os
import secrets
import subprocess
import sys

import pytest

pytestmark = [pytest.mark.slow]


def clean_env(tmp_path, **extra: str) -> dict[str, str]:
    """The caller's environment without any Spira/Django settings, plus `extra`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SPIRA_", "DJANGO_"))
        and key not in {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env["SPIRA_VAR_DIR"] = str(tmp_path / "var")
    env.update(extra)
    return env


def spira(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "spira", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_check_deploy_at_warning_level(tmp_path):
    env = clean_env(
        tmp_path,
        SPIRA_PRODUCTION="1",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="spira.example.se",
        SPIRA_SITE_URL="https://spira.example.se",
        # Preloading HSTS is the operator's commitment; without it check --deploy warns (W021).
        SPIRA_HSTS_PRELOAD="1",
    )

    result = spira(env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_without_production_settings(tmp_path):
    result = spira(clean_env(tmp_path, SPIRA_DEBUG="1"), "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode != 0
    assert "security.W018" in result.stderr + result.stdout  # DEBUG on in deployment


def test_embedded_defaults_give_sqlite_in_wal_mode_under_var(tmp_path):
    script = (
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('PRAGMA journal_mode')\n"
        "    print(connection.vendor, cursor.fetchone()[0], connection.settings_dict['NAME'])\n"
    )

    result = spira(clean_env(tmp_path), "shell", "-c", script)

    assert result.returncode == 0, result.stderr
    vendor, journal_mode, name = result.stdout.strip().splitlines()[-1].split(" ", 2)
    assert (vendor, journal_mode) == ("sqlite", "wal")
    assert name == str(tmp_path / "var" / "spira.sqlite3")


def test_embedded_defaults_use_a_file_cache_under_var_and_the_database_task_queue(tmp_path):
    script = (
        "from django.conf import settings\n"
        "print(settings.CACHES['default']['BACKEND'])\n"
        "print(settings.CACHES['default']['LOCATION'])\n"
        "print(settings.TASKS['default']['BACKEND'])\n"
        "print(settings.SESSION_ENGINE)\n"
    )

    result = spira(clean_env(tmp_path), "shell", "-c", script)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-4:] == [
        "spira.core.cache_backends.FileCache",
        str(tmp_path / "var" / "cache"),
        "django_tasks_db.DatabaseBackend",
        "django.contrib.sessions.backends.db",
    ]


def test_a_change_in_one_embedded_process_drops_the_cached_pages_of_another(tmp_path):
    """`spira serve` runs several gunicorn workers: the content version that a save bumps in one
    must be the version every other process reads, or they would serve stale pages."""
    env = clean_env(tmp_path)
    read = "from spira.core.cache import content_version\nprint(content_version())\n"
    bump = "from spira.core.cache import bump_content_version\nbump_content_version()\n"

    before = spira(env, "shell", "-c", read)
    bumped = spira(env, "shell", "-c", bump)
    after = spira(env, "shell", "-c", read)

    assert before.returncode == bumped.returncode == after.returncode == 0, before.stderr + after.stderr
    assert int(after.stdout.split()[-1]) == int(before.stdout.split()[-1]) + 1


def test_cache_url_selects_redis_for_several_app_servers(tmp_path):
    script = "from django.conf import settings\nprint(settings.CACHES['default'])\n"

    result = spira(clean_env(tmp_path, SPIRA_CACHE_URL="redis://127.0.0.1:6379/1"), "shell", "-c", script)

    assert result.returncode == 0, result.stderr
    assert "django.core.cache.backends.redis.RedisCache" in result.stdout
    assert "redis://127.0.0.1:6379/1" in result.stdout
