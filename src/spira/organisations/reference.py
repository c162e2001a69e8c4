"""Loading Sweden's organisations and the SDG vocabulary from the shipped reference data.

Idempotent: rows are matched by their official code (kommunkod, länskod, organisationsnummer, SDG
number); an unchanged row is not written, a changed one is updated and logged.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from spira.core.activity import diff, log_action, snapshot
from spira.organisations.choices import OrganisationKind
from spira.organisations.models import County, Organisation, Sdg

# Official names that do not follow "<name> + s + kommun".
MUNICIPALITY_NAME_EXCEPTIONS = {"Falun": "Falu kommun", "Gotland": "Region Gotland"}


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: str, kind: str) -> None:
        target = getattr(self, bucket)
        target[kind] = target.get(kind, 0) + 1

    @property
    def changed(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())


def municipality_full_name(name: str) -> str:
    """'Piteå' → 'Piteå kommun', 'Stockholm' → 'Stockholms kommun' (Swedish genitive rules)."""
    if name in MUNICIPALITY_NAME_EXCEPTIONS:
        return MUNICIPALITY_NAME_EXCEPTIONS[name]
    if name[-1].lower() in "aeiouyåäös xz".replace(" ", ""):
        return f"{name} kommun"
    return f"{name}s kommun"


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _unique_slug(base: str, taken: set[str]) -> str:
    slug = slugify(base)[:110] or "organisation"
    candidate, number = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def _upsert(report: LoadReport, kind: str, instance, values: dict, fields: list[str]) -> None:
    if instance._state.adding:
        for name, value in values.items():
            setattr(instance, name, value)
        instance.save()
        report.count("created", kind)
        log_action(
            None,
            "organisations.organisation.created" if kind != "sdg" else "organisations.sdg.created",
            instance,
            data={"source": "reference"},
        )
        return
    before = snapshot(instance, fields)
    for name, value in values.items():
        setattr(instance, name, value)
    changes = diff(before, snapshot(instance, fields))
    if not changes:
        report.count("unchanged", kind)
        return
    instance.save()
    report.count("updated", kind)
    log_action(
        None,
        "organisations.organisation.updated" if kind != "sdg" else "organisations.sdg.updated",
        instance,
        changes=changes,
        data={"source": "reference"},
    )


def _load_counties(data_dir: Path, report: LoadReport) -> dict[str, County]:
    counties = {}
    for row in _read(data_dir / "regions.csv"):
        county, _created = County.objects.get_or_create(
            code=row["county_code"], defaults={"name": row["county_name"]}
        )
        values = {
            "letter": row["county_letter"],
            "name": row["county_name"],
            "short_name": row["county_name_short"],
        }
        if any(getattr(county, k) != v for k, v in values.items()):
            County.objects.filter(pk=county.pk).update(**values)
            county.refresh_from_db()
        counties[county.code] = county
    return counties


def _load_regions(data_dir: Path, counties: dict[str, County], taken: set[str], report: LoadReport) -> None:
    fields = ["name", "full_name", "county", "population", "population_year"]
    existing = {
        o.county_id: o for o in Organisation.objects.filter(kind=OrganisationKind.REGION, is_reference=True)
    }
    for row in _read(data_dir / "regions.csv"):
        county = counties[row["county_code"]]
        instance = existing.get(county.pk) or Organisation(
            kind=OrganisationKind.REGION, is_reference=True, slug=_unique_slug(row["region_name"], taken)
        )
        values = {
            "name": row["region_name"],
            "full_name": row["region_name"],
            "county": county,
            "population": int(row["population"]),
            "population_year": int(row["population_year"]),
        }
        _upsert(report, "region", instance, values, fields)


def _load_municipalities(
    data_dir: Path, counties: dict[str, County], taken: set[str], report: LoadReport
) -> None:
    fields = ["name", "full_name", "county", "population", "population_year", "latitude", "longitude"]
    existing = {o.municipality_code: o for o in Organisation.objects.filter(municipality_code__isnull=False)}
    for row in _read(data_dir / "municipalities.csv"):
        full_name = municipality_full_name(row["name"])
        instance = existing.get(row["code"]) or Organisation(
            kind=OrganisationKind.MUNICIPALITY,
            is_reference=True,
            municipality_code=row["code"],
            slug=_unique_slug(full_name, taken),
        )
        values = {
            "name": row["name"],
            "full_name": full_name,
            "county": counties[row["county_code"]],
            "population": int(row["population"]),
            "population_year": int(row["population_year"]),
            "latitude": _decimal(row["latitude"]),
            "longitude": _decimal(row["longitude"]),
        }
        _upsert(report, "municipality", instance, values, fields)


def _decimal(value: str):
    from decimal import Decimal

    return Decimal(value).quantize(Decimal("0.00001")) if value else None


def _website(value: str) -> str:
    value = (value or "").strip()
    if value and not value.startswith(("http://", "https://")):
        value = f"https://{value}"
    return value


def _load_agencies(data_dir: Path, taken: set[str], report: LoadReport) -> None:
    fields = [
        "kind",
        "is_reference",
        "name",
        "name_en",
        "short_name",
        "website",
        "city",
        "department",
        "management_form",
        "extra",
    ]
    existing = {o.org_number: o for o in Organisation.objects.filter(org_number__isnull=False)}
    for row in _read(data_dir / "agencies.csv"):
        instance = existing.get(row["org_nr"]) or Organisation(
            kind=OrganisationKind.AGENCY,
            is_reference=True,
            org_number=row["org_nr"],
            slug=_unique_slug(row["name"], taken),
        )
        values = {
            # A user may have registered the agency before the registers were loaded: claim it.
            "kind": OrganisationKind.AGENCY,
            "is_reference": True,
            "name": row["name"],
            "name_en": row["name_en"],
            "short_name": row["short_name"],
            "website": _website(row["website"]),
            "city": row["city"].title() if row["city"].isupper() else row["city"],
            "department": row["department"],
            "management_form": row["management_form"],
            "extra": {
                "scb_group": row["scb_group"],
                "esv_status": row["esv_status"],
                "name_source": row["name_source"],
                "scb_register_name": row["scb_register_name"],
            },
        }
        _upsert(report, "agency", instance, values, fields)


def _load_sdgs(data_dir: Path, report: LoadReport) -> None:
    fields = ["name_sv", "name_en", "color"]
    existing = {s.number: s for s in Sdg.objects.all()}
    for row in _read(data_dir / "sdgs.csv"):
        number = int(row["number"])
        instance = existing.get(number) or Sdg(number=number)
        values = {"name_sv": row["name_sv"], "name_en": row["name_en"], "color": row["color_hex"]}
        _upsert(report, "sdg", instance, values, fields)


@transaction.atomic
def load_reference(data_dir: Path | None = None) -> LoadReport:
    """Load or update counties, regions, municipalities, agencies and SDGs."""
    data_dir = Path(data_dir or settings.SPIRA_REFERENCE_DATA_DIR)
    report = LoadReport()
    taken = set(Organisation.objects.values_list("slug", flat=True))
    counties = _load_counties(data_dir, report)
    _load_regions(data_dir, counties, taken, report)
    _load_municipalities(data_dir, counties, taken, report)
    _load_agencies(data_dir, taken, report)
    _load_sdgs(data_dir, report)
    return report
