"""Tests for the importers' database side: import_records and the organisation matcher."""

import csv
from pathlib import Path

import pytest
from django.conf import settings
from django.db import IntegrityError

from spira.core.models import ActivityLogEntry
from spira.initiatives.choices import Origin, PublicationState
from spira.initiatives.importers import ParsedInitiative, ParseError, parse_vinnova_file
from spira.initiatives.importers import loader as loader_module
from spira.initiatives.importers.loader import import_records
from spira.initiatives.importers.mapping import excerpt
from spira.initiatives.importers.matching import OrganisationMatcher, guess_kind
from spira.initiatives.models import Initiative, InitiativeLink, InitiativeRevision
from spira.organisations.models import Organisation
from spira.organisations.reference import load_reference

SEEDS = Path(settings.SPIRA_SEED_DIR)
MUNICIPALITY_CODES = {"2581", "1281", "1480", "1490", "0180", "2480", "2584", "2482"}
AGENCY_NUMBERS = {"202100-5216", "202100-3054", "202100-2452"}


def load_reference_subset(directory: Path) -> None:
    """The registry with a few municipalities and agencies (all regions): fast enough per test."""
    source = Path(settings.SPIRA_REFERENCE_DATA_DIR)
    keep = {
        "municipalities.csv": lambda row: row["code"] in MUNICIPALITY_CODES,
        "agencies.csv": lambda row: row["org_nr"] in AGENCY_NUMBERS,
        "regions.csv": lambda row: True,
        "sdgs.csv": lambda row: True,
    }
    directory.mkdir(parents=True, exist_ok=True)
    for name, wanted in keep.items():
        with (source / name).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = [row for row in reader if wanted(row)]
            fields = reader.fieldnames
        with (directory / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
    load_reference(directory)


def seed_pages() -> list[ParsedInitiative]:
    return [parse_vinnova_file(next(SEEDS.glob(f"{number}_*.txt"))) for number in ("000", "001", "004")]


def record(**changes) -> ParsedInitiative:
    values = {
        "title": "Digital idésluss i Piteå",
        "origin": "vinnova-json",
        "reference_number": "2020-01234",
        "coordinator": "Piteå kommun",
        "coordinator_unit": "Kommunledningskontoret",
        "funding_sek": 1_500_000,
        "start": "2020-03",
        "end": "2022-02",
        "status": "completed",
        "call": "Idéslussar i kommuner",
        "language": "sv",
        "label_language": "sv",
        "sections": {"purpose": "Syftet är att fånga medarbetarnas idéer. Idéerna prövas snabbt."},
        "links": ["https://www.pitea.se/idesluss"],
        "last_updated": "2023-01-15",
    }
    values.update(changes)
    return ParsedInitiative(**values)


@pytest.fixture
def registry(db, tmp_path):
    load_reference_subset(tmp_path / "reference")


def import_logs() -> int:
    return ActivityLogEntry.objects.filter(action__startswith="initiatives.initiative.imported").count()


# --- creating, updating, unchanged --------------------------------------------------------------


def test_importing_the_seed_pages_creates_published_initiatives(registry):
    report = import_records(seed_pages(), Origin.VINNOVA_PAGE)

    assert (report.created, report.updated, report.unchanged, report.failed) == (3, 0, 0, 0)
    initiative = Initiative.objects.get(reference_number="2021-02939")
    assert initiative.state == PublicationState.PUBLISHED
    assert initiative.origin == Origin.VINNOVA_PAGE
    assert (
        initiative.title_sv
        == "Innocities - smart och hållbar samhällsutveckling genom innovation och samhandling"
    )
    assert initiative.original_language == "sv"
    assert initiative.funding_sek == 1_940_289
    assert str(initiative.start_month) == "2021-10-01"
    assert str(initiative.end_month) == "2023-06-01"
    assert initiative.source_updated.isoformat() == "2023-09-22"
    assert initiative.funder.org_number == "202100-5216"
    assert initiative.results_sv.startswith("Målet var att erbjuda en systematisk innovationsprocess")
    assert initiative.imported_at is not None
    assert initiative.published_at is not None


def test_english_page_fills_the_english_fields(registry):
    import_records(seed_pages(), Origin.VINNOVA_PAGE)

    initiative = Initiative.objects.get(reference_number="2021-02068")
    assert initiative.title_en == "The future of innovative public sector arenas"
    assert initiative.title_sv == ""
    assert initiative.original_language == "en"
    assert initiative.approach_en.startswith("The collaboration has been an iterative process")
    assert initiative.call == "Samverket (Public sector coworking)"


def test_summary_is_made_from_the_most_descriptive_section(registry):
    import_records(seed_pages(), Origin.VINNOVA_PAGE)

    initiative = Initiative.objects.get(reference_number="2021-02068")
    assert 0 < len(initiative.summary_en) <= 500
    assert initiative.results_en.startswith(initiative.summary_en.rstrip("…"))
    assert initiative.summary_en.endswith((".", "…"))


def test_reimporting_the_seed_pages_changes_nothing(registry):
    import_records(seed_pages(), Origin.VINNOVA_PAGE)
    before = {i.pk: i.updated_at for i in Initiative.objects.all()}
    logs, revisions = ActivityLogEntry.objects.count(), InitiativeRevision.objects.count()

    report = import_records(seed_pages(), Origin.VINNOVA_PAGE)

    assert (report.created, report.updated, report.unchanged, report.failed) == (0, 0, 3, 0)
    assert {i.pk: i.updated_at for i in Initiative.objects.all()} == before
    assert ActivityLogEntry.objects.count() == logs
    assert InitiativeRevision.objects.count() == revisions


def test_changed_record_is_updated_field_by_field_and_logged(registry):
    import_records([record()], Origin.VINNOVA_JSON)
    initiative = Initiative.objects.get(reference_number="2020-01234")

    report = import_records([record(funding_sek=1_750_000, status="ongoing")], Origin.VINNOVA_JSON)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    initiative.refresh_from_db()
    assert initiative.funding_sek == 1_750_000
    assert initiative.status == "ongoing"
    entry = ActivityLogEntry.objects.get(action="initiatives.initiative.imported_updated")
    assert entry.changes == {"funding_sek": [1_500_000, 1_750_000], "status": ["completed", "ongoing"]}
    assert list(initiative.revisions.values_list("number", flat=True)) == [2, 1]


def test_record_without_reference_is_matched_by_title_and_coordinator(registry):
    import_records([record(reference_number=None)], Origin.VINNOVA_PAGE)

    report = import_records(
        [record(reference_number=None, title="DIGITAL IDÉSLUSS I PITEÅ", funding_sek=2_000_000)],
        Origin.VINNOVA_PAGE,
    )

    assert (report.created, report.updated) == (0, 1)
    assert Initiative.objects.get().funding_sek == 2_000_000


def test_same_title_with_another_coordinator_is_another_initiative(registry):
    import_records([record(reference_number=None)], Origin.VINNOVA_PAGE)

    report = import_records([record(reference_number=None, coordinator="Umeå kommun")], Origin.VINNOVA_PAGE)

    assert report.created == 1
    assert Initiative.objects.count() == 2


def test_english_text_of_a_swedish_record_goes_to_the_english_fields(registry):
    import_records(
        [record(title_en="Digital idea sluice", sections_en={"purpose": "To collect ideas."})],
        Origin.VINNOVA_JSON,
    )

    initiative = Initiative.objects.get()
    assert initiative.title_en == "Digital idea sluice"
    assert initiative.purpose_en == "To collect ideas."
    assert initiative.purpose_sv.startswith("Syftet är att fånga")


def test_machine_translated_record_is_marked_in_its_language(registry):
    import_records(
        [record(language="en", title="Digital idea sluice", machine_translated=True)], "vinnova-page"
    )

    initiative = Initiative.objects.get()
    assert (initiative.machine_translated_en, initiative.machine_translated_sv) == (True, False)


def test_import_writes_one_log_entry_and_one_revision_per_new_initiative(registry):
    import_records(seed_pages(), Origin.VINNOVA_PAGE)

    assert import_logs() == 3
    assert InitiativeRevision.objects.filter(number=1).count() == 3


# --- coordinators ----------------------------------------------------------------------------------


def test_pitea_kommun_is_matched_to_the_municipality(registry):
    import_records(seed_pages(), Origin.VINNOVA_PAGE)

    initiative = Initiative.objects.get(title_en="Idea lock for stustainable community development")
    assert initiative.coordinator.municipality_code == "2581"
    assert initiative.coordinator.name == "Piteå"
    assert initiative.coordinator_unit == "KOMMUNLEDNINGSKONTORET"


def test_county_administrative_board_is_matched_to_the_agency(registry):
    import_records(seed_pages(), Origin.VINNOVA_PAGE)

    initiative = Initiative.objects.get(reference_number="2021-02068")
    assert initiative.coordinator.org_number == "202100-2452"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Göteborgs Stad", "1480"),
        ("Stockholms stad", "0180"),
        ("Lunds kommun", "1281"),
        ("umeå kommun", "2480"),
    ],
)
def test_city_and_municipality_forms_are_matched(registry, name, code):
    assert Organisation.objects.get(pk=OrganisationMatcher().find(name)).municipality_code == code


def test_region_and_organisation_number_are_matched(registry):
    matcher = OrganisationMatcher()

    assert Organisation.objects.get(pk=matcher.find("Region Västerbotten")).kind == "region"
    assert Organisation.objects.get(pk=matcher.find("KTH", "2021003054")).org_number == "202100-3054"
    assert matcher.find("Vinnova") == Organisation.objects.get(org_number="202100-5216").pk


def test_unknown_coordinator_is_created_with_a_guessed_kind_and_logged(registry):
    report = import_records(seed_pages(), Origin.VINNOVA_PAGE)

    company = Organisation.objects.get(name="SI Communities AB")
    assert company.kind == "company"
    assert company.is_reference is False
    assert report.created_organisations == [company.pk]
    entry = ActivityLogEntry.objects.get(
        action="organisations.organisation.created", object_id=str(company.pk)
    )
    assert entry.actor is None


def test_unknown_coordinator_is_created_once_for_several_records(registry):
    records = [record(reference_number=f"2020-0000{n}", coordinator="Norrsken Labb AB") for n in range(3)]

    import_records(records, Origin.VINNOVA_JSON)

    assert Organisation.objects.filter(name="Norrsken Labb AB").count() == 1


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Region Norrsken", "region"),
        ("Västerbottensregionen", "region"),
        ("Innovationsbolaget AB", "company"),
        ("Bröderna Ek HB", "company"),
        ("Mittuniversitetet", "academia"),
        ("Högskolan i Norrsken", "academia"),
        ("Lapland University of Technology", "academia"),
        ("RISE Research Institutes of Sweden", "academia"),
        ("Föreningen Idéverket", "civil_society"),
        ("Stiftelsen Framtid", "civil_society"),
        ("Norrskens kommun", "municipality"),
        ("Samverket", "other"),
    ],
)
def test_kind_of_an_unknown_organisation_is_guessed_from_its_name(name, kind):
    assert guess_kind(name) == kind


# --- failures ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"start": "2022-05", "end": "2021-01"}, "end", "end_before_start"),
        ({"funding_sek": "tre miljoner"}, "funding_sek", "not_a_number"),
        ({"funding_sek": -5}, "funding_sek", "negative_amount"),
        ({"title": ""}, "title", "missing_title"),
        ({"title": "x" * 301}, "title", "too_long"),
        ({"sections": {"purpose": "lång text " * 1_000_000}}, "sections.purpose", "too_long"),
        ({"start": "juni"}, "start", "bad_date"),
        ({"status": "paused"}, "status", "unknown_status"),
        ({"language": "fi"}, "language", "unknown_language"),
    ],
)
def test_bad_record_fails_with_a_clear_reason_and_writes_nothing(registry, changes, field, code):
    report = import_records([record(**changes)], Origin.VINNOVA_JSON)

    assert (report.created, report.failed) == (0, 1)
    [failure] = report.failures
    assert (failure["index"], failure["reference"], failure["field"], failure["code"]) == (
        0,
        "2020-01234",
        field,
        code,
    )
    assert failure["message"]
    assert Initiative.objects.count() == 0


def test_one_bad_record_among_good_ones_does_not_stop_the_others(registry):
    records = [
        record(reference_number="2020-00001", title="Första"),
        record(reference_number="2020-00002", title="Andra", funding_sek="många"),
        ParseError("reference_number", "missing_reference", record_index=2),
        record(reference_number="2020-00004", title="Fjärde"),
    ]

    report = import_records(records, Origin.VINNOVA_JSON)

    assert (report.created, report.failed) == (2, 2)
    assert [(f["index"], f["field"]) for f in report.failures] == [
        (1, "funding_sek"),
        (2, "reference_number"),
    ]
    assert sorted(Initiative.objects.values_list("title_sv", flat=True)) == ["Fjärde", "Första"]


def test_record_that_fails_while_writing_leaves_nothing_half_written(registry, monkeypatch):
    new_snapshot = loader_module._Loader._new_snapshot

    def fail_for_the_second(self, initiative):
        # Fails after the coordinator, the initiative and its links were written.
        if initiative.reference_number == "2020-00002":
            raise IntegrityError("revision refused")
        return new_snapshot(self, initiative)

    monkeypatch.setattr(loader_module._Loader, "_new_snapshot", fail_for_the_second)
    records = [
        record(reference_number="2020-00001", title="Första", coordinator="Ettan AB"),
        record(reference_number="2020-00002", title="Andra", coordinator="Tvåan AB"),
        record(reference_number="2020-00003", title="Tredje", coordinator="Tvåan AB"),
    ]

    report = import_records(records, Origin.VINNOVA_JSON)

    assert (report.created, report.failed) == (2, 1)
    assert report.failures[0]["code"] == "database_error"
    assert not Initiative.objects.filter(reference_number="2020-00002").exists()
    assert not InitiativeLink.objects.filter(
        url="https://www.pitea.se/idesluss", initiative__title_sv="Andra"
    ).exists()
    # Tvåan AB was created by the failed record, rolled back, and created again by the third.
    assert Organisation.objects.filter(name="Tvåan AB").count() == 1
    assert Initiative.objects.get(reference_number="2020-00003").coordinator.name == "Tvåan AB"
    assert import_logs() == 2


def test_progress_of_a_run_is_saved_per_batch(registry):
    from spira.initiatives.models import ImportRun

    run = ImportRun.objects.create(origin=Origin.VINNOVA_JSON, file_name="x.json", total=5)
    records = [record(reference_number=f"2020-0000{n}", title=f"Projekt {n}") for n in range(5)]

    import_records(records, Origin.VINNOVA_JSON, run=run, batch_size=2)

    run.refresh_from_db()
    assert (run.processed, run.created_count) == (5, 5)


# --- the summary ---------------------------------------------------------------------------------


def test_excerpt_keeps_short_text_and_cuts_long_text_after_a_sentence():
    sentence = "Kommunen prövar nya arbetssätt i äldreomsorgen. "

    assert excerpt("Kort text.") == "Kort text."
    cut = excerpt(sentence * 20)
    assert len(cut) <= 500
    assert cut.endswith("äldreomsorgen.")


def test_excerpt_without_sentences_is_cut_at_a_word():
    cut = excerpt("ord " * 400)

    assert len(cut) <= 500
    assert cut.endswith("ord…")
