"""Tests for `spira import <format> PATH...`."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from spira.initiatives.models import ImportRun, Initiative
from spira.initiatives.tests.test_importer_loader import load_reference_subset
from spira.organisations.models import Organisation

SEEDS = Path(settings.SPIRA_SEED_DIR)
SWECRIS_SAMPLE = Path(settings.SPIRA_REFERENCE_DATA_DIR) / "swecris_vinnova_sample.json"


def seed(number: str) -> str:
    return str(next(SEEDS.glob(f"{number}_*.txt")))


def run_import(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", *args, "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def registry(db, tmp_path):
    load_reference_subset(tmp_path / "reference")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


EXPECTED_DRY_RUN = [
    {
        "title": "The future of innovative public sector arenas",
        "reference_number": "2021-02068",
        "coordinator": "Länsstyrelsen i Jämtlands Län",
        "funding_sek": 3270000,
        "start": "2021-06",
        "end": "2023-11",
        "status": "completed",
        "call": "Samverket (Public sector coworking)",
        "application_round": None,
        "label_language": "en",
        "machine_translated": False,
        "last_updated": "2023-12-09",
    },
    {
        "title": "Idea lock for stustainable community development",
        "reference_number": None,
        "coordinator": "Piteå kommun",
        "funding_sek": 3573324,
        "start": "2016-11",
        "end": "2019-12",
        "status": "completed",
        "call": "Idéslussar i kommuner",
        "application_round": "2015-06987-en",
        "label_language": "en",
        "machine_translated": False,
        "last_updated": None,
    },
    {
        "title": "Innocities - smart och hållbar samhällsutveckling genom innovation och samhandling",
        "reference_number": "2021-02939",
        "coordinator": "SI Communities AB",
        "funding_sek": 1940289,
        "start": "2021-10",
        "end": "2023-06",
        "status": "completed",
        "call": "Insatser för civilsamhällets transformation",
        "application_round": "Civilsamhällets innovativa lösningar för ett hållbart samhälle",
        "label_language": "sv",
        "machine_translated": False,
        "last_updated": "2023-09-22",
    },
]
EXPECTED_SECTION_OPENINGS = [
    {
        "results": "The purpose has been to create environments",
        "long_term_effects": "The project has developed sustainable business models",
        "approach": "The collaboration has been an iterative process",
    },
    {
        "results": "The idea hub project in Piteå/Skellefteå",
        "long_term_effects": "One effect has been the combination of control signals",
        "approach": "The Ideahub has been a catalyst for renewal",
    },
    {
        "results": "Målet var att erbjuda en systematisk innovationsprocess",
        "long_term_effects": "Målet var att erbjuda systematisk innovation",
        "approach": "En projektgrupp från alle i projektorganisationen",
    },
]


def test_dry_run_json_prints_the_parsed_seed_pages_and_writes_nothing(registry):
    organisations = Organisation.objects.count()

    out, _err = run_import("vinnova-pages", seed("000"), seed("001"), seed("004"), "--dry-run", "--json")

    printed = json.loads(out)
    assert [
        {key: value for key, value in item.items() if key != "sections"} for item in printed
    ] == EXPECTED_DRY_RUN
    assert [
        {key: text[: len(EXPECTED_SECTION_OPENINGS[n][key])] for key, text in item["sections"].items()}
        for n, item in enumerate(printed)
    ] == EXPECTED_SECTION_OPENINGS
    assert (Initiative.objects.count(), ImportRun.objects.count()) == (0, 0)
    assert Organisation.objects.count() == organisations


def test_import_of_the_seed_pages_creates_a_finished_run(registry):
    out, _err = run_import("vinnova-pages", seed("000"), seed("001"), seed("004"))

    run = ImportRun.objects.get()
    assert (run.status, run.total, run.processed, run.created_count) == ("finished", 3, 3, 3)
    assert "3 created, 0 updated, 0 unchanged, 0 failed" in out
    assert Initiative.objects.count() == 3


def test_second_import_reports_everything_unchanged_as_json(registry):
    run_import("vinnova-pages", seed("000"), seed("001"), seed("004"))

    out, _err = run_import("vinnova-pages", seed("000"), seed("001"), seed("004"), "--json")

    report = json.loads(out)
    assert {key: report[key] for key in ("created", "updated", "unchanged", "failed")} == {
        "created": 0,
        "updated": 0,
        "unchanged": 3,
        "failed": 0,
    }
    assert report["run"] == ImportRun.objects.order_by("-pk").first().pk


def test_non_vinnova_file_is_named_with_its_field_and_the_others_are_still_imported(registry):
    with pytest.raises(CommandError) as raised:
        run_import("vinnova-pages", seed("000"), seed("002"), seed("004"))

    assert "1 of 3 records could not be imported" in str(raised.value)
    assert Initiative.objects.count() == 2
    run = ImportRun.objects.get()
    assert (run.created_count, run.failed_count) == (2, 1)
    assert run.failures[0]["source"] == Path(seed("002")).name
    assert run.failures[0]["field"] == "file"


def test_non_vinnova_file_in_a_dry_run_is_reported_on_stderr(registry):
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import",
            "vinnova-pages",
            seed("002"),
            seed("004"),
            "--dry-run",
            "--json",
            stdout=StringIO(),
            stderr=err,
        )

    assert err.getvalue().startswith(
        f"{Path(seed('002')).name}: file: This does not look like a Vinnova project page"
    )


def test_swecris_sample_is_imported(registry):
    out, _err = run_import("swecris", str(SWECRIS_SAMPLE), "--json")

    report = json.loads(out)
    assert (report["created"], report["failed"]) == (200, 0)
    kth = Organisation.objects.get(org_number="202100-3054")
    assert Initiative.objects.filter(coordinator=kth).count() > 100
    assert Initiative.objects.filter(funder__org_number="202100-5216").count() == 200


def test_swecris_dry_run_writes_nothing(registry):
    out, _err = run_import("swecris", str(SWECRIS_SAMPLE), "--dry-run")

    assert out.startswith("Dry run (nothing was written): 200 records: 200 created")
    assert Initiative.objects.count() == 0


def vinnova_json_record(reference: str, **changes) -> dict:
    data = {
        "Diarienummer": reference,
        "Ärenderubrik": f"Samverkan för välfärdsteknik {reference}",
        "ÄrenderubrikEngelska": f"Collaboration for welfare technology {reference}",
        "MalSvenska": "Syftet är att pröva välfärdsteknik i hemtjänsten.",
        "MalEngelska": "The purpose is to test welfare technology in home care.",
        "BeviljatBidrag": 850000,
        "ProjektStart": "2022-01-01T00:00:00",
        "ProjektSlut": "2023-12-31T00:00:00",
        "KoordinatorOrg": "Umeå kommun",
        "Status": "Avslutat",
    }
    data.update(changes)
    return data


def test_vinnova_json_file_is_imported_and_a_bad_record_is_reported(registry, tmp_path):
    path = tmp_path / "projekt.json"
    records = [
        vinnova_json_record("2022-00001"),
        vinnova_json_record("2022-00002", BeviljatBidrag="mycket"),
        vinnova_json_record("2022-00003"),
    ]
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("import", "vinnova-json", str(path), "--no-progress", stdout=StringIO(), stderr=err)

    assert err.getvalue().strip() == (
        "projekt.json record 2 (2022-00002): funding_sek: The amount “mycket” is not a number."
    )
    initiative = Initiative.objects.get(reference_number="2022-00001")
    assert initiative.coordinator.municipality_code == "2480"
    assert initiative.purpose_en == "The purpose is to test welfare technology in home care."
    assert Initiative.objects.count() == 2


def test_file_that_is_not_json_is_refused_with_its_name(registry, tmp_path):
    path = tmp_path / "trasig.json"
    path.write_text("{inte json", encoding="utf-8")

    with pytest.raises(CommandError) as raised:
        run_import("swecris", str(path))

    assert str(raised.value).startswith(f"{path}: file: The file is not valid JSON")
    assert ImportRun.objects.count() == 0


def test_background_import_is_queued_and_run_by_the_task(registry, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        out, _err = run_import("swecris", str(SWECRIS_SAMPLE), "--background")

    run = ImportRun.objects.get()
    assert out == f"Queued import run {run.pk} (swecris_vinnova_sample.json).\n"
    assert (run.status, run.total, run.processed, run.created_count) == ("finished", 200, 200, 200)
