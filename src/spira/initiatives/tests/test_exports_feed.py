import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from spira.initiatives.tests.factories import InitiativeFactory, PublishedInitiativeFactory, stage

pytestmark = pytest.mark.django_db
LIST_URL = reverse("initiatives:initiative_list")
ATOM = "{http://www.w3.org/2005/Atom}"


def read_csv(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_has_header_and_honours_filters(client):
    completed = PublishedInitiativeFactory(title_sv="Avslutat", status="completed", funding_sek=3270000)
    completed.stages.add(stage("evaluation"))
    PublishedInitiativeFactory(title_sv="Pågår", status="ongoing")
    InitiativeFactory(title_sv="Utkast", status="completed")

    response = client.get(LIST_URL, {"status": "completed", "format": "csv"})
    rows = read_csv(response)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert [row["title_sv"] for row in rows] == ["Avslutat"]
    assert rows[0]["funding_sek"] == "3270000"
    assert rows[0]["stages"] == "evaluation"
    assert list(rows[0])[:3] == ["slug", "url", "title_sv"]


def test_csv_export_defuses_formulas(client):
    PublishedInitiativeFactory(title_sv='=HYPERLINK("http://evil")')

    rows = read_csv(client.get(LIST_URL, {"format": "csv"}))

    assert rows[0]["title_sv"] == '\'=HYPERLINK("http://evil")'


def test_json_export_lists_all_matching_rows_not_only_a_page(client):
    for _number in range(30):
        PublishedInitiativeFactory()

    response = client.get(LIST_URL, {"format": "json"})
    data = json.loads(b"".join(response.streaming_content))

    assert len(data) == 30
    assert set(data[0]) >= {"slug", "title_sv", "status", "coordinator", "sdgs", "tags"}


def test_export_with_invalid_filter_is_400(client):
    response = client.get(LIST_URL, {"format": "csv", "start_year": "förra året"})

    assert response.status_code == 400
    assert "start_year" in response.json()["errors"]


def test_export_with_unknown_format_is_400(client):
    assert client.get(LIST_URL, {"format": "xlsx"}).status_code == 400


def test_feed_is_valid_atom_with_newest_published(client):
    PublishedInitiativeFactory(title_sv="Samverket", summary_sv="<b>Coworking</b> för offentlig sektor")
    InitiativeFactory(title_sv="Utkast")

    response = client.get(reverse("initiatives:initiative_feed"))
    root = ET.fromstring(response.content)

    assert response["Content-Type"].startswith("application/atom+xml")
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == ["Samverket"]
    assert entries[0].find(f"{ATOM}summary").text == "<b>Coworking</b> för offentlig sektor"
    assert "/initiativ/initiativ-" in entries[0].find(f"{ATOM}link").get("href")


def test_feed_holds_at_most_fifty_entries(client):
    for _number in range(52):
        PublishedInitiativeFactory()

    root = ET.fromstring(client.get(reverse("initiatives:initiative_feed")).content)

    assert len(root.findall(f"{ATOM}entry")) == 50
