"""The open-data export: every domain's dataset, README with every column, CC0 licence, a
DCAT-AP-SE catalogue that conforms to the shapes, and no personal data anywhere."""

import datetime

import pytest
from django.core.management import call_command

from spira.accounts.tests.factories import UserFactory
from spira.barriers.tests.factories import BarrierFactory
from spira.initiatives.tests.factories import PublishedInitiativeFactory
from spira.observatory import services
from spira.observatory.opendata.datasets import EMAIL, scrub
from spira.observatory.opendata.validate import load_catalogue, validate_catalogue
from spira.observatory.opendata.writer import open_datasets
from spira.observatory.tests.factories import EffectGoalFactory

pytestmark = pytest.mark.django_db

SECRET_PEOPLE = [
    ("anna.lindqvist@example.org", "Anna Lindqvist"),
    ("bertil.oskarsson@example.org", "Bertil Oskarsson"),
]


@pytest.fixture
def world(pitea, coordinator):
    people = [UserFactory(email=email, display_name=name) for email, name in SECRET_PEOPLE]
    initiative = PublishedInitiativeFactory(
        coordinator=pitea, owner=people[0], summary_sv="Kontakta anna.lindqvist@example.org, 19800101-1234."
    )
    initiative.co_authors.add(people[1])
    goal = EffectGoalFactory(initiative=initiative)
    services.record_measurement(
        people[0], goal, "30", "days", datetime.date(2024, 6, 1), note="Mätt av Anna Lindqvist"
    )
    BarrierFactory(reporter_organisation=pitea, reported_by=people[1])
    return people


def test_export_writes_every_dataset_readme_licence_and_catalogue(tmp_path, world):
    call_command("export", "opendata", str(tmp_path))

    names = {d.name for d in open_datasets()}
    assert {"organisations", "initiatives", "barriers", "barrier-answers", "effect-goals"} <= names
    for name in names:
        assert (tmp_path / f"{name}.csv").exists()
        assert (tmp_path / f"{name}.json").exists()
    readme = (tmp_path / "README.md").read_text()
    for dataset in open_datasets():
        for column in dataset.columns:
            assert f"`{column.name}`" in readme
    assert "CC0" in (tmp_path / "LICENSE.txt").read_text()
    assert "CC0" in readme


def test_exported_files_equal_the_download_page_byte_for_byte(client, tmp_path, world):
    call_command("export", "opendata", str(tmp_path))

    for dataset in open_datasets():
        for fmt in ("csv", "json"):
            response = client.get(f"/observatoriet/oppna-data/{dataset.name}.{fmt}")
            assert (tmp_path / f"{dataset.name}.{fmt}").read_bytes() == b"".join(
                response.streaming_content
            ), (dataset.name, fmt)


def test_exported_catalogue_conforms_to_dcat_ap_se_shapes(tmp_path, world):
    call_command("export", "opendata", str(tmp_path))

    for name in ("catalog.ttl", "catalog.jsonld"):
        graph = load_catalogue(tmp_path / name)
        assert len(graph) > 100
        assert validate_catalogue(graph) == []


def test_validation_finds_a_missing_publisher(tmp_path, world):
    call_command("export", "opendata", str(tmp_path))
    graph = load_catalogue(tmp_path / "catalog.ttl")
    from rdflib.namespace import DCTERMS

    graph.remove((None, DCTERMS.publisher, None))

    assert any(r.path.endswith("publisher") for r in validate_catalogue(graph))


def test_no_personal_data_in_any_exported_file(tmp_path, world):
    call_command("export", "opendata", str(tmp_path / "open"))
    call_command("export", "research", str(tmp_path / "research"))

    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path.name.startswith("catalog."):
            # RDF uses @ for language tags and keywords; look for addresses instead.
            assert EMAIL.search(text) is None, path
        else:
            assert "@" not in text, path
        for email, name in SECRET_PEOPLE:
            assert email not in text, path
            assert name not in text, path
        assert "19800101-1234" not in text, path


def test_scrub_keeps_organisation_numbers_and_removes_personal_numbers():
    assert (
        scrub("Org 212000-2627, person 850709-9805, mejl a.b@c.se") == "Org 212000-2627, person […], mejl […]"
    )
