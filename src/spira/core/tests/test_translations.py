"""Swedish first: every app's catalogue covers every string in its code and templates, translated."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import spira

APPS_DIR = Path(spira.__file__).parent
APPS = sorted(p.parent.name for p in APPS_DIR.glob("*/apps.py"))


def catalogue(app: str) -> Path:
    return APPS_DIR / app / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def apps_with_strings() -> list[str]:
    """Apps that contain translatable strings (all of ours do, except pure plumbing)."""
    return [app for app in APPS if catalogue(app).exists() or (APPS_DIR / app / "templates").exists()]


@pytest.mark.parametrize("app", apps_with_strings())
def test_catalogue_has_no_untranslated_or_fuzzy_entries(app):
    assert catalogue(app).exists(), f"{app} has no Swedish catalogue"
    po = polib.pofile(str(catalogue(app)))

    problems = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]

    assert problems == []


@pytest.mark.slow
@pytest.mark.parametrize("app", apps_with_strings())
def test_catalogue_covers_every_string_in_the_app(app, tmp_path):
    """makemessages on a copy of the app finds no msgid that the shipped catalogue lacks."""
    copy = tmp_path / app
    shutil.copytree(APPS_DIR / app, copy, ignore=shutil.ignore_patterns("tests", "__pycache__", "*.mo"))
    # The console script, not `python -m`: the copy's rules.py must not shadow the rules package.
    spira_command = Path(sys.executable).parent / "spira"
    subprocess.run(
        [str(spira_command), "makemessages", "-l", "sv", "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    found = {e.msgid for e in polib.pofile(str(copy / "locale" / "sv" / "LC_MESSAGES" / "django.po"))}
    shipped = {e.msgid for e in polib.pofile(str(catalogue(app))) if not e.obsolete}

    assert sorted(found - shipped) == []
