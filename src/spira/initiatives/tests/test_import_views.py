"""Tests for the moderators' import pages under /initiativ/import/."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from spira.initiatives.importers.messages import failure_text
from spira.initiatives.models import ImportRun, Initiative
from spira.initiatives.tests.factories import UserFactory
from spira.initiatives.tests.test_importer_loader import load_reference_subset

SEEDS = Path(settings.SPIRA_SEED_DIR)
SWECRIS_SAMPLE = Path(settings.SPIRA_REFERENCE_DATA_DIR) / "swecris_vinnova_sample.json"
LIST_URL = "/initiativ/import/"


def seed_upload(number: str, name: str | None = None) -> SimpleUploadedFile:
    path = next(SEEDS.glob(f"{number}_*.txt"))
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="text/plain")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def moderator_client(client, moderator, media):
    client.force_login(moderator)
    return client


def test_list_url_is_the_swedish_import_path():
    assert reverse("initiatives:importrun_list") == LIST_URL


def test_anonymous_visitor_is_sent_to_log_in(client, db):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_user_who_is_not_a_moderator_gets_403(client, stranger, media):
    client.force_login(stranger)

    assert client.get(LIST_URL).status_code == 403
    assert client.post(LIST_URL, {"origin": "vinnova-page", "file": seed_upload("004")}).status_code == 403
    assert ImportRun.objects.count() == 0


def test_moderator_sees_the_upload_form(moderator_client):
    response = moderator_client.get(LIST_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert 'type="file"' in content
    assert "Inga importer ännu." in content or "No imports yet." in content


@pytest.mark.parametrize(
    ("origin", "upload", "message"),
    [
        (
            "vinnova-page",
            SimpleUploadedFile("rapport.pdf", b"%PDF-1.4", content_type="application/pdf"),
            ".txt / .html / .htm",
        ),
        ("swecris", SimpleUploadedFile("data.json", b"{inte json", content_type="application/json"), "JSON"),
        (
            "swecris",
            SimpleUploadedFile(
                "data.json", json.dumps({"antal": 3}).encode(), content_type="application/json"
            ),
            {"code": "wrong_shape", "params": {"kind": "an object"}},
        ),
        (
            "vinnova-json",
            SimpleUploadedFile("data.json", SWECRIS_SAMPLE.read_bytes(), content_type="application/json"),
            "200",
        ),
        ("vinnova-page", None, {"code": "not_a_vinnova_page"}),
        (
            "vinnova-page",
            SimpleUploadedFile("tom.txt", b"   ", content_type="text/plain"),
            {"code": "empty_file"},
        ),
    ],
)
def test_bad_file_gets_a_message_and_nothing_is_written(moderator_client, origin, upload, message):
    upload = upload or seed_upload("002")
    upload.seek(0)

    response = moderator_client.post(LIST_URL, {"origin": origin, "file": upload})

    assert response.status_code == 400
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1
    if isinstance(message, dict):
        with translation.override("sv"):
            message = failure_text(message)
    assert message.lower() in errors[0].lower()
    assert ImportRun.objects.count() == 0
    assert Initiative.objects.count() == 0


def test_missing_format_and_file_are_both_reported(moderator_client):
    response = moderator_client.post(LIST_URL, {})

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"origin", "file"}


def test_good_file_creates_a_run_that_completes(
    moderator_client, moderator, tmp_path, django_capture_on_commit_callbacks
):
    load_reference_subset(tmp_path / "reference")
    upload = SimpleUploadedFile("kth.json", SWECRIS_SAMPLE.read_bytes(), content_type="application/json")

    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(LIST_URL, {"origin": "swecris", "file": upload})

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("initiatives:importrun_detail", kwargs={"pk": run.pk})
    assert (run.status, run.started_by, run.total, run.processed, run.created_count) == (
        "finished",
        moderator,
        200,
        200,
        200,
    )
    assert Initiative.objects.count() == 200


def test_seed_page_upload_is_imported(moderator_client, tmp_path, django_capture_on_commit_callbacks):
    load_reference_subset(tmp_path / "reference")

    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(LIST_URL, {"origin": "vinnova-page", "file": seed_upload("001")})

    initiative = Initiative.objects.get()
    assert initiative.coordinator.municipality_code == "2581"


def test_finished_run_page_shows_progress_and_failed_records(moderator_client):
    run = ImportRun.objects.create(
        origin="vinnova-json",
        file_name="projekt.json",
        status="finished",
        total=4,
        processed=4,
        created_count=3,
        failed_count=1,
        failures=[
            {
                "index": 1,
                "reference": "2022-00002",
                "source": "projekt.json",
                "field": "funding_sek",
                "code": "not_a_number",
                "params": {"value": "mycket"},
                "message": "The amount “mycket” is not a number.",
            }
        ],
    )

    response = moderator_client.get(reverse("initiatives:importrun_detail", kwargs={"pk": run.pk}))

    content = response.content.decode()
    assert response.status_code == 200
    assert '<progress id="import-progress-value" max="4" value="4">100 %</progress>' in content
    assert "2022-00002" in content
    assert (
        "Beloppet ”mycket” är inte ett tal." in content or "The amount “mycket” is not a number." in content
    )
    assert "hx-trigger" not in content
    assert 'http-equiv="refresh"' not in content


def test_running_run_page_polls_with_htmx_and_reloads_without_javascript(moderator_client):
    run = ImportRun.objects.create(
        origin="swecris", file_name="s.json", status="running", total=200, processed=100
    )
    url = reverse("initiatives:importrun_detail", kwargs={"pk": run.pk})

    page = moderator_client.get(url).content.decode()
    partial = moderator_client.get(url, headers={"HX-Request": "true"}).content.decode()

    assert 'hx-trigger="every 2s"' in page
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert partial.startswith('<section id="import-progress"')
    assert "<html" not in partial
    assert 'value="100"' in partial


def test_unknown_run_is_404(moderator_client):
    assert (
        moderator_client.get(reverse("initiatives:importrun_detail", kwargs={"pk": 999})).status_code == 404
    )


@pytest.mark.parametrize("count", [1, 3])
def test_run_list_has_a_fixed_number_of_queries(moderator_client, django_assert_num_queries, count):
    for number in range(count):
        ImportRun.objects.create(origin="swecris", file_name=f"{number}.json", started_by=UserFactory())

    # session, user, unread notifications (base.html), count of runs, the runs with their starters
    with django_assert_num_queries(5):
        response = moderator_client.get(LIST_URL)

    assert len(response.context["page_obj"].object_list) == count
