import csv
import shutil
from collections import Counter

import pytest
from django.conf import settings
from django.core.management import call_command

from spira.core.models import ActivityLogEntry
from spira.organisations.choices import OrganisationKind
from spira.organisations.models import County, Organisation, Sdg
from spira.organisations.reference import load_reference, municipality_full_name
from spira.organisations.validators import luhn_valid

pytestmark = pytest.mark.django_db

EXPECTED_MUNICIPALITIES_PER_COUNTY = {
    "01": 26, "03": 8, "04": 9, "05": 13, "06": 13, "07": 8, "08": 12, "09": 1, "10": 5, "12": 33,
    "13": 6, "14": 49, "17": 16, "18": 12, "19": 10, "20": 15, "21": 10, "22": 7, "23": 8, "24": 15,
    "25": 14,
}  # fmt: skip


@pytest.fixture
def loaded():
    return load_reference()


def municipalities():
    return Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY, is_reference=True)


def test_load_reference_creates_every_municipality_region_agency_and_goal(loaded):
    assert municipalities().count() == 290
    assert Organisation.objects.filter(kind=OrganisationKind.REGION).count() == 21
    assert Organisation.objects.filter(kind=OrganisationKind.AGENCY).count() == 267
    assert County.objects.count() == 21
    assert Sdg.objects.count() == 17
    assert loaded.created == {"region": 21, "municipality": 290, "agency": 267, "sdg": 17}


def test_municipality_codes_are_unique_and_start_with_their_county_code(loaded):
    rows = list(municipalities().values_list("municipality_code", "county__code"))

    codes = [code for code, _county in rows]
    assert len(set(codes)) == 290
    assert [code for code, county in rows if not code.startswith(county)] == []


def test_knivsta_is_present(loaded):
    knivsta = municipalities().get(municipality_code="0330")

    assert knivsta.name == "Knivsta"
    assert knivsta.county.code == "03"


def test_municipality_counts_per_county_match_scb(loaded):
    counts = Counter(municipalities().values_list("county__code", flat=True))

    assert dict(counts) == EXPECTED_MUNICIPALITIES_PER_COUNTY


def test_municipal_population_sums_to_the_national_total(loaded):
    assert sum(municipalities().values_list("population", flat=True)) == 10_587_710


def test_every_agency_org_number_passes_the_luhn_check(loaded):
    numbers = Organisation.objects.filter(kind=OrganisationKind.AGENCY).values_list("org_number", flat=True)

    assert [n for n in numbers if not luhn_valid(n.replace("-", ""))] == []


def test_vinnova_has_its_official_name_and_number(loaded):
    vinnova = Organisation.objects.get(org_number="202100-5216")

    assert vinnova.name == "Verket för innovationssystem"
    assert vinnova.kind == OrganisationKind.AGENCY


def test_load_reference_twice_changes_nothing(loaded):
    entries_before = ActivityLogEntry.objects.count()

    report = load_reference()

    assert report.changed == 0
    assert ActivityLogEntry.objects.count() == entries_before
    assert sum(report.unchanged.values()) == 290 + 21 + 267 + 17


def test_changed_data_file_updates_exactly_that_row_and_logs_old_and_new_value(tmp_path, loaded):
    for name in ("municipalities.csv", "regions.csv", "agencies.csv", "sdgs.csv"):
        shutil.copy(settings.SPIRA_REFERENCE_DATA_DIR / name, tmp_path / name)
    path = tmp_path / "municipalities.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    knivsta = next(row for row in rows if row["code"] == "0330")
    old_population = int(knivsta["population"])
    knivsta["population"] = str(old_population + 1000)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    last_entry_id = ActivityLogEntry.objects.order_by("-id").values_list("id", flat=True).first()

    report = load_reference(tmp_path)

    assert report.changed == 1
    assert report.updated == {"municipality": 1}
    organisation = municipalities().get(municipality_code="0330")
    assert organisation.population == old_population + 1000
    new_entries = ActivityLogEntry.objects.filter(id__gt=last_entry_id)
    assert [(e.action, e.object_id, e.changes) for e in new_entries] == [
        (
            "organisations.organisation.updated",
            str(organisation.pk),
            {"population": [old_population, old_population + 1000]},
        )
    ]


def test_load_reference_claims_an_agency_a_user_registered_first(loaded):
    vinnova = Organisation.objects.get(org_number="202100-5216")
    Organisation.objects.filter(pk=vinnova.pk).update(
        kind=OrganisationKind.COMPANY, is_reference=False, name="Vinnova AB"
    )

    report = load_reference()

    vinnova.refresh_from_db()
    assert (vinnova.kind, vinnova.is_reference, vinnova.name) == (
        OrganisationKind.AGENCY,
        True,
        "Verket för innovationssystem",
    )
    assert report.updated == {"agency": 1}


def test_load_reference_command_prints_a_summary():
    from io import StringIO

    out = StringIO()

    call_command("load_reference", stdout=out)

    assert "municipality: 290" in out.getvalue()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Piteå", "Piteå kommun"),
        ("Stockholm", "Stockholms kommun"),
        ("Falun", "Falu kommun"),
        ("Gotland", "Region Gotland"),
    ],
)
def test_municipality_full_name_follows_swedish_genitive(name, expected):
    assert municipality_full_name(name) == expected
