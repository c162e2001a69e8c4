"""Tests for the case-library parsers: Vinnova pages, Vinnova open-data JSON and SweCRIS.

Pure Python, no database: these run with or without Django settings.
"""

from __future__ import annotations

import json
import re
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import spira
from spira.initiatives.importers import (
    ParsedInitiative,
    ParseError,
    iter_swecris_file,
    iter_vinnova_json_file,
    parse_swecris,
    parse_vinnova_file,
    parse_vinnova_json,
    parse_vinnova_page,
)
from spira.initiatives.importers.records import MESSAGES
from spira.initiatives.importers.values import parse_amount
from spira.initiatives.importers.vinnova_pages import parse_duration

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "vinnova_pages"
# The seed texts and the SweCRIS sample ship with the package (src/spira/data/, see SOURCES.md).
DATA = Path(spira.__file__).parent / "data"
SEEDS = DATA / "seeds"
SWECRIS_SAMPLE = DATA / "swecris_vinnova_sample.json"
DNR = re.compile(r"^\d{4}-\d{5}$")
TODAY = date(2025, 6, 1)
HYPOTHESIS = settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def seed(number: str) -> Path:
    return next(SEEDS.glob(f"{number}_*.txt"))


def seed_text(number: str) -> str:
    return seed(number).read_text(encoding="utf-8")


def facts(record: ParsedInitiative) -> dict:
    """The fields the seed tests compare, in one dict so a failure shows every difference."""
    data = record.to_json()
    keys = (
        "title", "reference_number", "coordinator", "coordinator_unit", "funding_sek", "start", "end",
        "status", "call", "application_round", "programme", "label_language", "language",
        "machine_translated", "last_updated", "funder", "origin",
    )  # fmt: skip
    return {key: data[key] for key in keys} | {"section_keys": sorted(data["sections"])}


# --- the seed pages ----------------------------------------------------------------------------

SEED_EXPECTATIONS = {
    "000": {
        "title": "The future of innovative public sector arenas",
        "reference_number": "2021-02068",  # empty in the header, given by the footer
        "coordinator": "Länsstyrelsen i Jämtlands Län",
        "coordinator_unit": "Länsstyrelsen Jämtlands län",
        "funding_sek": 3270000,
        "start": "2021-06",
        "end": "2023-11",
        "status": "completed",
        "call": "Samverket (Public sector coworking)",
        "application_round": None,
        "programme": None,
        "label_language": "en",
        "language": "en",
        "machine_translated": False,
        "last_updated": "2023-12-09",
        "funder": "Vinnova",
        "origin": "vinnova-page",
        "section_keys": ["approach", "long_term_effects", "results"],
    },
    "001": {
        "title": "Idea lock for stustainable community development",
        "reference_number": None,  # empty header, no footer
        "coordinator": "Piteå kommun",
        "coordinator_unit": "KOMMUNLEDNINGSKONTORET",
        "funding_sek": 3573324,
        "start": "2016-11",
        "end": "2019-12",
        "status": "completed",
        "call": "Idéslussar i kommuner",
        "application_round": "2015-06987-en",
        "programme": None,
        "label_language": "en",
        "language": "en",
        "machine_translated": False,
        "last_updated": None,
        "funder": "Vinnova",
        "origin": "vinnova-page",
        "section_keys": ["approach", "long_term_effects", "results"],
    },
    "004": {
        "title": "Innocities - smart och hållbar samhällsutveckling genom innovation och samhandling",
        "reference_number": "2021-02939",  # empty in the header, given by the footer
        "coordinator": "SI Communities AB",
        "coordinator_unit": None,
        "funding_sek": 1940289,
        "start": "2021-10",
        "end": "2023-06",
        "status": "completed",
        "call": "Insatser för civilsamhällets transformation",
        "application_round": "Civilsamhällets innovativa lösningar för ett hållbart samhälle",
        "programme": None,
        "label_language": "sv",
        "language": "sv",
        "machine_translated": False,
        "last_updated": "2023-09-22",
        "funder": "Vinnova",
        "origin": "vinnova-page",
        "section_keys": ["approach", "long_term_effects", "results"],
    },
}


@pytest.mark.parametrize("number", sorted(SEED_EXPECTATIONS))
def test_seed_page_parses_to_expected_facts(number):
    record = parse_vinnova_file(seed(number))

    assert facts(record) == SEED_EXPECTATIONS[number]
    assert record.warnings == []


def test_seed_page_sections_hold_only_their_own_text():
    record = parse_vinnova_file(seed("000"))

    assert record.sections["results"].startswith("The purpose has been to create environments")
    assert record.sections["approach"].endswith("who were attached to the project.")
    every_text = "\n".join(record.sections.values())
    assert "External links" not in every_text
    assert "provided by the project members" not in every_text
    assert "Last updated" not in every_text


def test_swedish_seed_page_drops_footer_noise_and_keeps_swedish_text():
    record = parse_vinnova_file(seed("004"))

    assert record.sections["long_term_effects"].startswith("Målet var att erbjuda systematisk innovation")
    every_text = "\n".join(record.sections.values())
    assert "Statistik för sidan" not in every_text
    assert "Texten på den här sidan" not in every_text
    assert "\u00a0" not in record.application_round


def test_seed_without_trailing_newline_and_with_windows_line_ends_parses_the_same():
    text = seed_text("004").replace("\n", "\r\n")

    assert facts(parse_vinnova_page(text)) == SEED_EXPECTATIONS["004"]


def test_to_json_is_serialisable_and_has_the_agreed_keys():
    data = parse_vinnova_file(seed("000")).to_json()

    assert json.loads(json.dumps(data)) == data
    agreed = {
        "title", "reference_number", "coordinator", "funding_sek", "start", "end", "status", "call",
        "application_round", "label_language", "sections", "machine_translated", "last_updated",
    }  # fmt: skip
    assert agreed <= data.keys()


def test_parsing_seeds_is_fast_enough():
    texts = [seed_text(number) for number in SEED_EXPECTATIONS] * 100

    started = time.perf_counter()
    for text in texts:
        parse_vinnova_page(text)
    pages_per_second = len(texts) / (time.perf_counter() - started)

    assert pages_per_second >= 200


# --- synthetic page variants -----------------------------------------------------------------


def test_html_page_with_fact_table_is_read_like_text():
    record = parse_vinnova_file(PAGES / "html_table_en.html")

    assert facts(record) | {"section_keys": None} == {
        "title": "Shared municipal test beds & living labs",
        "reference_number": "2022-01234",
        "coordinator": "Umeå kommun",
        "coordinator_unit": "Stadsledningskontoret",
        "funding_sek": 2450000,
        "start": "2022-03",
        "end": "2024-02",
        "status": "completed",
        "call": "Innovation platforms for sustainable cities",
        "application_round": "Innovation platforms - step 2",
        "programme": None,
        "label_language": "en",
        "language": "en",
        "machine_translated": False,
        "last_updated": "2024-03-14",
        "funder": "Vinnova",
        "origin": "vinnova-page",
        "section_keys": None,
    }
    assert record.sections == {
        "purpose": "The project set out to let five municipalities share test beds for welfare technology, "
        "so that each could test more with less.\n\n"
        "It built on the test bed playbook (https://example.org/playbook) from an earlier project.",
        "results": "Shared procurement of test equipment and a joint register of tests.",
        "approach": "Map the needs of each municipality.\nRun three joint tests.",
    }
    assert record.links == ["https://www.umea.se/testbaddar", "https://example.org/register"]
    assert record.source_url == "https://www.vinnova.se/en/p/shared-municipal-test-beds/"


def test_swedish_rows_layout_with_ongoing_status_and_non_breaking_spaces():
    record = parse_vinnova_file(PAGES / "rows_sv_ongoing.txt")

    assert (record.reference_number, record.coordinator, record.coordinator_unit) == (
        "2023-00456",
        "Region Västerbotten",
        "Regional utveckling",
    )
    assert (record.funding_sek, record.start, record.end, record.status) == (
        2500000,
        "2023-09",
        "2025-08",
        "ongoing",
    )
    assert (record.call, record.application_round, record.programme) == (
        "Cirkulär ekonomi i offentlig verksamhet",
        "Cirkulära affärsmodeller 2023",
        "Hållbar offentlig sektor",
    )
    assert sorted(record.sections) == ["approach", "purpose", "results"]
    assert record.links == [
        "https://www.regionvasterbotten.se/cirkulara-mobler",
        "https://www.example.se/aterbruk",
    ]
    assert (record.label_language, record.language, record.last_updated) == ("sv", "sv", "2024-02-03")


def test_labels_on_their_own_line_take_the_value_from_the_next_line():
    record = parse_vinnova_file(PAGES / "own_line_sv.txt")

    assert facts(record) == {
        "title": "Samskapad service för äldre på landsbygden",
        "reference_number": "2020-04321",
        "coordinator": "Storumans kommun",
        "coordinator_unit": "Socialtjänsten",
        "funding_sek": 990000,
        "start": "2020-10",
        "end": "2022-12",
        "status": "completed",
        # A value that starts like a label ("Program …") is still the value of the label above it.
        "call": "Program för hållbar landsbygdsutveckling",
        "application_round": "Samskapande 2020",
        "programme": None,
        "label_language": "sv",
        "language": "sv",
        "machine_translated": False,
        "last_updated": "2023-03-01",
        "funder": "Vinnova",
        "origin": "vinnova-page",
        "section_keys": ["approach", "results"],
    }


def test_english_machine_translation_notice_is_flagged_and_removed():
    record = parse_vinnova_file(PAGES / "machine_translated_en.txt")

    assert record.machine_translated is True
    assert record.sections == {
        "results": "The project tested a digital assistant that answers common questions about building permits.",
        "long_term_effects": "Fewer incomplete applications and shorter handling times.",
    }
    assert (record.reference_number, record.funding_sek, record.start, record.end) == (
        "2019-05555",
        450000,
        "2020-01",
        "2020-12",
    )


def test_swedish_machine_translation_notice_inside_a_paragraph_is_removed():
    record = parse_vinnova_file(PAGES / "machine_translated_sv.txt")

    assert record.machine_translated is True
    assert record.sections["results"].startswith("Projektet installerade mätare")
    assert "maskinöversatt" not in record.sections["results"]


def test_previous_pages_reference_glued_to_the_title_is_not_this_pages_reference():
    record = parse_vinnova_file(PAGES / "glued_reference_en.txt")

    assert record.title == "Idea lock for stustainable community development"
    assert record.reference_number is None
    assert record.last_updated is None  # "Last updated" above the title belongs to the previous page
    assert [warning.code for warning in record.warnings] == ["previous_page_reference"]


def test_thin_spaces_abbreviated_months_org_number_and_title_that_starts_like_a_label():
    record = parse_vinnova_file(PAGES / "thin_spaces_ongoing_en.txt")

    assert record.title == "Programme for AI in public procurement"
    assert (record.coordinator, record.coordinator_unit, record.coordinator_org_number) == (
        "AI Sweden (Lindholmen Science Park AB)",
        "AI Sweden",
        "556575-0014",
    )
    assert (record.funding_sek, record.start, record.end, record.status) == (
        3270000,
        "2024-09",
        "2026-08",
        "ongoing",
    )
    assert record.programme == "Advanced digitalisation"
    assert sorted(record.sections) == ["approach", "purpose", "results"]
    assert record.links == [
        "https://www.ai.se/en/projects/ai-procurement",
        "https://www.example.org/ai-procurement",
    ]


def test_newer_heading_forms_map_to_the_same_section_keys():
    text = seed_text("004").replace("Viktiga resultat som projektet gav", "Resultat och förväntade effekter")
    text = text.replace("Upplägg och genomförande", "Planerat upplägg och genomförande")
    text = text.replace("Långsiktiga effekter som förväntas", "Syfte och mål")

    assert sorted(parse_vinnova_page(text).sections) == ["approach", "purpose", "results"]


def test_text_before_the_first_heading_is_kept_as_summary_with_a_warning():
    text = seed_text("000").replace(
        "Important results from the project\n", "A short lead.\n\nImportant results from the project\n"
    )

    record = parse_vinnova_page(text)

    assert record.sections["summary"] == "A short lead."
    assert [warning.code for warning in record.warnings] == ["text_outside_sections"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("SEK 3 270 000", 3270000),
        ("1 940 289 kronor", 1940289),
        ("3 270 000 kr", 3270000),
        ("SEK 3,270,000", 3270000),
        ("3\u00a0270\u00a0000 kr", 3270000),
        ("3\u202f270\u2009000", 3270000),
        ("3.270.000,00 SEK", 3270000),
        ("12 000:-", 12000),
        ("", None),
        (3270000, 3270000),
        (3270000.4, 3270000),
    ],
)
def test_amount_forms(raw, expected):
    assert parse_amount(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("June 2021 - November 2023", ("2021-06", "2023-11")),
        ("oktober 2021 - juni 2023", ("2021-10", "2023-06")),
        ("2021-06 – 2023-11", ("2021-06", "2023-11")),
        ("2021-06-01 — 2023-11-30", ("2021-06", "2023-11")),
        ("okt. 2021–jan 2022", ("2021-10", "2022-01")),
        ("Sept 2019 to Mar 2020", ("2019-09", "2020-03")),
        ("maj 2020-augusti 2021", ("2020-05", "2021-08")),
        ("June 2021 -", ("2021-06", None)),
        ("", (None, None)),
    ],
)
def test_duration_forms(raw, expected):
    assert parse_duration(raw) == expected


@pytest.mark.parametrize(
    ("status_text", "expected"),
    [("Avslutat", "completed"), ("Genomfört", "completed"), ("Finished", "completed"),
     ("Pågående", "ongoing"), ("Ongoing", "ongoing"), ("Active", "ongoing")],
)  # fmt: skip
def test_status_words(status_text, expected):
    text = seed_text("000").replace("Status Completed", f"Status {status_text}")

    assert parse_vinnova_page(text).status == expected


def test_unknown_status_is_left_empty_with_a_warning():
    record = parse_vinnova_page(seed_text("000").replace("Status Completed", "Status Paused"))

    assert record.status is None
    assert [warning.code for warning in record.warnings] == ["unknown_status"]


# --- bad pages ---------------------------------------------------------------------------------

README = """# Spira

Spira is an open platform for public-sector innovation in Sweden.

## Status

Status: early development. Coordinator of the work is the lead engineer.
"""


@pytest.mark.parametrize("text", [README, "just one line", "<html><body><p>Hello</p></body></html>"])
def test_text_that_is_not_a_vinnova_page_is_rejected(text):
    with pytest.raises(ParseError) as caught:
        parse_vinnova_page(text, source_name="README.md")

    assert (caught.value.field, caught.value.code, caught.value.source) == (
        "file",
        "not_a_vinnova_page",
        "README.md",
    )
    assert caught.value.message == MESSAGES["not_a_vinnova_page"]


@pytest.mark.parametrize("number", ["002", "003"])
def test_other_seed_texts_are_not_vinnova_pages(number):
    with pytest.raises(ParseError) as caught:
        parse_vinnova_file(seed(number))

    assert caught.value.code == "not_a_vinnova_page"


def test_amount_that_is_not_a_number_is_rejected():
    text = seed_text("000").replace("SEK 3 270 000", "SEK three million")

    with pytest.raises(ParseError) as caught:
        parse_vinnova_page(text)

    assert (caught.value.field, caught.value.code) == ("funding_sek", "not_a_number")
    assert "SEK three million" in caught.value.message


def test_end_before_start_is_rejected():
    text = seed_text("004").replace("oktober 2021 - juni 2023", "oktober 2023 - juni 2021")

    with pytest.raises(ParseError) as caught:
        parse_vinnova_page(text)

    assert (caught.value.field, caught.value.code) == ("end", "end_before_start")
    assert caught.value.params == {"start": "2023-10", "end": "2021-06"}


def test_duration_that_is_not_dates_is_rejected():
    text = seed_text("000").replace("June 2021 - November 2023", "two years")

    with pytest.raises(ParseError) as caught:
        parse_vinnova_page(text)

    assert (caught.value.field, caught.value.code) == ("start", "bad_duration")


def test_page_without_title_is_rejected():
    text = seed_text("000").replace("The future of innovative public sector arenas", "")

    with pytest.raises(ParseError) as caught:
        parse_vinnova_page(text)

    assert (caught.value.field, caught.value.code) == ("title", "missing_title")


@pytest.mark.parametrize("content", [b"", b"  \n\n "])
def test_empty_file_is_rejected(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)

    with pytest.raises(ParseError) as caught:
        parse_vinnova_file(path)

    assert (caught.value.field, caught.value.code, caught.value.source) == ("file", "empty_file", "empty.txt")


def test_file_over_five_megabytes_is_rejected(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(5 * 1024 * 1024 + 1)

    with pytest.raises(ParseError) as caught:
        parse_vinnova_file(path)

    assert (caught.value.field, caught.value.code) == ("file", "file_too_large")


def test_missing_file_is_rejected(tmp_path):
    with pytest.raises(ParseError) as caught:
        parse_vinnova_file(tmp_path / "nowhere.txt")

    assert (caught.value.field, caught.value.code) == ("file", "unreadable_file")


def test_windows_1252_file_is_decoded(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(seed_text("004").replace("\u00a0", " ").encode("cp1252"))

    assert facts(parse_vinnova_file(path)) == SEED_EXPECTATIONS["004"]


# --- property tests ----------------------------------------------------------------------------

_PAGE_LINES = st.sampled_from(
    [
        "Reference number", "Diarienummer 2021-02939", "Coordinator X AB - Unit", "Koordinator",
        "Funding from Vinnova SEK 1 000", "Bidrag från Vinnova", "Project duration June 2021 - May 2022",
        "Projektets löptid", "Status Completed", "Status", "| Call | x |", "Program", "Syfte och mål",
        "Important results from the project", "External links", "Last updated 9 December 2023",
        "Senast uppdaterad", "Denna text är maskinöversatt", "Reference number 2021-02068Title", "",
        "<table><tr><td>Coordinator</td><td>Y</td></tr></table>", "<h1>", "|", "2021-13",
    ]
)  # fmt: skip
_PAGE_LIKE = st.lists(st.one_of(_PAGE_LINES, st.text(max_size=30)), max_size=25).map("\n".join)


def parse_or_error(text: str) -> ParsedInitiative | ParseError:
    """The record, or the ParseError; any other exception fails the test."""
    try:
        return parse_vinnova_page(text)
    except ParseError as error:
        return error


@HYPOTHESIS
@given(st.text())
def test_any_text_gives_a_record_or_a_parse_error(text):
    result = parse_or_error(text)

    if isinstance(result, ParseError):
        assert result.field
        assert result.code in MESSAGES
    else:
        assert result.title


@HYPOTHESIS
@given(_PAGE_LIKE)
def test_any_page_like_text_gives_a_record_or_a_parse_error(text):
    result = parse_or_error(text)

    if isinstance(result, ParseError):
        assert result.code in MESSAGES
    else:
        assert result.title
        assert json.loads(json.dumps(result.to_json())) == result.to_json()


@HYPOTHESIS
@given(
    amount=st.integers(min_value=0, max_value=10**12),
    separator=st.sampled_from([" ", "\u00a0", "\u202f", "\u2009", ","]),
    template=st.sampled_from(["SEK {}", "{} kronor", "{} kr", "{}"]),
)
def test_amounts_formatted_with_thousand_separators_round_trip(amount, separator, template):
    formatted = template.format(f"{amount:,}".replace(",", separator))
    page = seed_text("000").replace("SEK 3 270 000", formatted)

    assert parse_amount(formatted) == amount
    assert parse_vinnova_page(page).funding_sek == amount


# --- Vinnova open-data JSON --------------------------------------------------------------------


def vinnova_record(**changes) -> dict:
    record = {
        "Diarienummer": "2021-02068",
        "Ärenderubrik": "Framtidens innovativa offentliga arenor",
        "ÄrenderubrikEngelska": "The future of innovative public sector arenas",
        "DiarienummerUtlysning": "2020-04780",
        "DiarienummerAnsokningsomgang": "2021-00563",
        "DiarienummerProgram": "2019-01294",
        "MalSvenska": "Syftet är att skapa miljöer för coworking.",
        "MalEngelska": "The purpose is to create coworking environments.",
        "ResultatSvenska": "Ett nationellt koncept.\r\n\r\nTvå hubbar.",
        "ResultatEngelska": None,
        "ImplementationSvenska": "Medlemsdrivna aktiviteter.",
        "ImplementationEngelska": "Member-driven activities.",
        "Projektreferat": None,
        "BeviljatBidrag": 3270000,
        "ProjektStart": "2021-06-01T00:00:00",
        "ProjektSlut": "2023-11-30T00:00:00",
        "KoordinatorOrg": "Länsstyrelsen i Jämtlands Län",
        "KoordinatorArb": "Länsstyrelsen Jämtlands län",
        "LankLista": [{"Lanknamn": "Samverket", "Lankadress": "https://samverket.se"}],
        "Status": "Avslutat",
    }
    record.update(changes)
    return record


def test_vinnova_json_record_is_normalised():
    [record] = parse_vinnova_json([vinnova_record()], today=TODAY)

    assert (
        record.to_json() | {"warnings": []}
        == ParsedInitiative(
            title="Framtidens innovativa offentliga arenor",
            origin="vinnova-json",
            title_en="The future of innovative public sector arenas",
            reference_number="2021-02068",
            coordinator="Länsstyrelsen i Jämtlands Län",
            coordinator_unit="Länsstyrelsen Jämtlands län",
            funder="Vinnova",
            funding_sek=3270000,
            start="2021-06",
            end="2023-11",
            status="completed",
            call="2020-04780",
            application_round="2021-00563",
            programme="2019-01294",
            label_language="sv",
            language="sv",
            sections={
                "purpose": "Syftet är att skapa miljöer för coworking.",
                "results": "Ett nationellt koncept.\n\nTvå hubbar.",
                "approach": "Medlemsdrivna aktiviteter.",
            },
            sections_en={
                "purpose": "The purpose is to create coworking environments.",
                "approach": "Member-driven activities.",
            },
            links=["https://samverket.se"],
        ).to_json()
    )
    assert record.warnings == []


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        (["https://a.se", "https://b.se"], ["https://a.se", "https://b.se"]),
        (
            [{"Url": "https://a.se"}, {"Beskrivning": "B", "URL": "https://b.se"}],
            ["https://a.se", "https://b.se"],
        ),
        ("https://a.se, https://b.se", ["https://a.se", "https://b.se"]),
        (None, []),
        ([], []),
    ],
)
def test_vinnova_json_link_list_forms(links, expected):
    [record] = parse_vinnova_json([vinnova_record(LankLista=links)], today=TODAY)

    assert record.links == expected


@pytest.mark.parametrize(
    ("status", "end", "expected"),
    [
        ("Pågående", "2023-11-30", "ongoing"),
        ("Beviljat", "2025-12-31", "ongoing"),
        ("Beviljat", "2024-12-31", "completed"),
        (None, "2024-12-31", "completed"),
    ],
)
def test_vinnova_json_status(status, end, expected):
    [record] = parse_vinnova_json([vinnova_record(Status=status, ProjektSlut=end)], today=TODAY)

    assert record.status == expected


def test_vinnova_json_amount_as_text_and_english_only_record():
    [record] = parse_vinnova_json(
        [vinnova_record(BeviljatBidrag="1 940 289", Ärenderubrik=None, MalSvenska=None, ResultatSvenska=None,
                        ImplementationSvenska=None)],
        today=TODAY,
    )  # fmt: skip

    assert (record.funding_sek, record.language, record.title, record.title_en) == (
        1940289,
        "en",
        "The future of innovative public sector arenas",
        None,
    )
    assert sorted(record.sections) == ["approach", "purpose"]
    assert record.sections_en == {}


def test_one_bad_vinnova_record_does_not_stop_the_others():
    data = {
        "projekt": [
            vinnova_record(Diarienummer="2021-00001"),
            vinnova_record(Diarienummer="2021-00002", BeviljatBidrag="många miljoner"),
            "not a record",
            vinnova_record(Diarienummer="2021-00004", ProjektStart="2023-01-01", ProjektSlut="2022-01-01"),
            vinnova_record(Diarienummer="2021-00005"),
        ]
    }

    results = parse_vinnova_json(data, today=TODAY)

    assert [type(result).__name__ for result in results] == [
        "ParsedInitiative", "ParseError", "ParseError", "ParseError", "ParsedInitiative",
    ]  # fmt: skip
    bad = [(r.record_index, r.reference, r.field, r.code) for r in results if isinstance(r, ParseError)]
    assert bad == [
        (1, "2021-00002", "funding_sek", "not_a_number"),
        (2, None, "record", "not_an_object"),
        (3, "2021-00004", "end", "end_before_start"),
    ]


def test_vinnova_record_without_title_or_reference_is_rejected():
    results = parse_vinnova_json(
        [vinnova_record(Ärenderubrik="", ÄrenderubrikEngelska=None), vinnova_record(Diarienummer=None)]
    )

    assert [(r.field, r.code) for r in results] == [
        ("title", "missing_title"),
        ("reference_number", "missing_reference"),
    ]


@pytest.mark.parametrize("data", [42, "text", None, [1, 2, 3], {"a": 1}, {"a": [1, 2]}])
def test_json_of_the_wrong_shape_is_rejected(data):
    for parse in (parse_vinnova_json, parse_swecris):
        with pytest.raises(ParseError) as caught:
            parse(data)

        assert (caught.value.field, caught.value.code) == ("file", "wrong_shape")


def test_vinnova_json_file_with_invalid_json_is_rejected(tmp_path):
    path = tmp_path / "projekt.json"
    path.write_text('[{"Diarienummer": "2021-02068",', encoding="utf-8")

    with pytest.raises(ParseError) as caught:
        iter_vinnova_json_file(path)

    assert (caught.value.field, caught.value.code) == ("file", "invalid_json")


def test_vinnova_json_file_is_read(tmp_path):
    path = tmp_path / "projekt.json"
    path.write_text(
        json.dumps([vinnova_record(), vinnova_record(Diarienummer="2022-00001")]), encoding="utf-8"
    )

    assert [record.reference_number for record in iter_vinnova_json_file(path, today=TODAY)] == [
        "2021-02068",
        "2022-00001",
    ]


# --- SweCRIS -----------------------------------------------------------------------------------


def swecris_record(**changes) -> dict:
    record = {
        "ProjectId": "2024-01234_Vinnova",
        "ProjectTitleSv": "Digital tvilling för cirkulära ramar",
        "ProjectTitleEn": "Digital twin for circular frames",
        "ProjectAbstractSv": "Syfte och mål:\r\nEn plattform.\r\n\r\nUpplägg och genomförande:\r\nTre faser.",
        "ProjectAbstractEn": "Purpose and goal:\r\nA platform.\r\n\r\nApproach and implementation:\r\nThree phases.",
        "ProjectStartDate": "2024-11-01T00:00:00",
        "ProjectEndDate": "2025-08-31T00:00:00",
        "CoordinatingOrganisationId": "556000-0000",
        "CoordinatingOrganisationNameSv": "STILFOLD AB",
        "FundingOrganisationNameSv": "Vinnova",
        "FundingsSek": 300000,
        "UpdatedDate": "06/24/2024 23:22:09",
    }
    record.update(changes)
    return record


def test_swecris_upper_camel_case_record_is_normalised():
    [record] = parse_swecris([swecris_record()], today=TODAY)

    assert (record.reference_number, record.title, record.title_en, record.language) == (
        "2024-01234",
        "Digital tvilling för cirkulära ramar",
        "Digital twin for circular frames",
        "sv",
    )
    assert (record.coordinator, record.coordinator_org_number, record.funder, record.funding_sek) == (
        "STILFOLD AB",
        "556000-0000",
        "Vinnova",
        300000,
    )
    assert (record.start, record.end, record.status, record.last_updated) == (
        "2024-11",
        "2025-08",
        "ongoing",
        "2024-06-24",
    )
    assert record.sections == {"purpose": "En plattform.", "approach": "Tre faser."}
    assert record.sections_en == {"purpose": "A platform.", "approach": "Three phases."}
    assert record.origin == "swecris"


def test_swecris_status_follows_the_end_date():
    [ended, running] = parse_swecris(
        [swecris_record(ProjectEndDate="2025-05-31"), swecris_record(ProjectEndDate="2025-06-01")],
        today=TODAY,
    )

    assert (ended.status, running.status) == ("completed", "ongoing")


def test_swecris_english_only_record_and_abstract_without_headings():
    [record] = parse_swecris(
        [swecris_record(ProjectTitleSv=None, ProjectAbstractSv=None, ProjectAbstractEn="Just a summary.")]
    )

    assert (record.language, record.title, record.title_en) == (
        "en",
        "Digital twin for circular frames",
        None,
    )
    assert record.sections == {"summary": "Just a summary."}


def test_one_bad_swecris_record_does_not_stop_the_others():
    results = parse_swecris(
        [
            swecris_record(),
            swecris_record(ProjectId="2024-00002_Vinnova", FundingsSek="n/a"),
            swecris_record(ProjectId="2024-00003_Vinnova", ProjectStartDate="2026-01-01"),
            swecris_record(ProjectId="2024-00004_Vinnova", ProjectTitleSv={"sv": "nested"}),
            swecris_record(ProjectId="2024-00005_Vinnova"),
        ],
        today=TODAY,
    )

    bad = [(r.record_index, r.reference, r.field, r.code) for r in results if isinstance(r, ParseError)]
    assert bad == [
        (1, "2024-00002", "funding_sek", "not_a_number"),
        (2, "2024-00003", "end", "end_before_start"),
        (3, "2024-00004", "projectTitleSv", "not_text"),
    ]
    assert [r.reference_number for r in results if isinstance(r, ParsedInitiative)] == [
        "2024-01234",
        "2024-00005",
    ]


def test_swecris_sample_parses_completely():
    results = list(iter_swecris_file(SWECRIS_SAMPLE, today=TODAY))

    assert [r for r in results if isinstance(r, ParseError)] == []
    assert len(results) == 200
    assert all(DNR.match(record.reference_number) for record in results)
    assert any(record.title_en for record in results)
    assert {record.funder for record in results} == {"Vinnova"}
    assert all(isinstance(record.funding_sek, int) for record in results)
    with_abstract = [record for record in results if record.sections]
    assert with_abstract
    assert all(sorted(record.sections) == ["approach", "purpose", "results"] for record in with_abstract)


def test_swecris_sample_reads_the_same_in_upper_camel_case():
    records = json.loads(SWECRIS_SAMPLE.read_text(encoding="utf-8"))["records"][:20]
    upper = [{key[:1].upper() + key[1:]: value for key, value in record.items()} for record in records]

    lower_results = [record.to_json() for record in parse_swecris(records, today=TODAY)]
    upper_results = [record.to_json() for record in parse_swecris({"Records": upper}, today=TODAY)]

    assert upper_results == lower_results
