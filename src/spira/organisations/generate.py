"""Organisations of a generated world (`spira generate`, see spira.core.generate).

First the real reference data (290 municipalities, 21 regions, the agencies), then synthetic
companies, academia, civil society, networks and other organisations up to the scale's count,
each placed in a municipality drawn by population^1.2, so that Stockholm, Göteborg and Malmö host
far more of them than Bjurholm.

Shares with later apps (world.ids / world.pick):
- "organisations.organisation": every organisation, weighted by size (employees^0.9);
- "organisations.municipality": municipalities, weighted by population^1.2;
- "organisations.region", "organisations.agency", "organisations.<kind>" for the synthetic kinds;
- "organisations.member_of": user id → the organisation ids the user is a member of.

Memberships are made here, after the organisations, for the users spira.accounts.generate made
(accounts comes first in INSTALLED_APPS): a big municipality gets hundreds of members, a small
association one or two.
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.utils.text import slugify

from spira.core.generate import World, org_number, size_weight, unique_name
from spira.organisations.choices import MembershipRole, OrganisationKind
from spira.organisations.models import Membership, Organisation
from spira.organisations.reference import load_reference

# Share of the synthetic organisations per kind.
KIND_SHARES = [
    (OrganisationKind.COMPANY, 0.50),
    (OrganisationKind.CIVIL_SOCIETY, 0.22),
    (OrganisationKind.OTHER, 0.14),
    (OrganisationKind.ACADEMIA, 0.07),
    (OrganisationKind.NETWORK, 0.07),
]

PREFIXES = [
    "Nord", "Syd", "Väst", "Öst", "Fjäll", "Skog", "Sjö", "Älv", "Ljus", "Berg", "Dal", "Strand",
    "Ek", "Björk", "Gran", "Lind", "Sten", "Sol", "Vind", "Hav", "Myr", "Ås", "Lärk", "Rön",
]  # fmt: skip
SUFFIXES = ["vik", "berg", "dal", "ström", "lund", "holm", "näs", "sund", "mark", "by", "torp", "å"]
COMPANY_FIELDS = [
    ("Digital", "Digital"), ("Data", "Data"), ("Innovation", "Innovation"), ("Konsult", "Consulting"),
    ("Teknik", "Technology"), ("Analys", "Analytics"), ("Design", "Design"), ("Energi", "Energy"),
    ("Hälsa", "Health"), ("Mobilitet", "Mobility"), ("Miljö", "Environment"), ("Vård", "Care"),
    ("Logistik", "Logistics"), ("Utbildning", "Education"), ("System", "Systems"), ("Labb", "Labs"),
]  # fmt: skip
TOPICS = [
    ("offentlig innovation", "public-sector innovation"),
    ("digital välfärd", "digital welfare"),
    ("hållbar stadsutveckling", "sustainable urban development"),
    ("tjänstedesign", "service design"),
    ("hälsa och omsorg", "health and care"),
    ("landsbygdsutveckling", "rural development"),
    ("cirkulär ekonomi", "circular economy"),
    ("smart mobilitet", "smart mobility"),
    ("energiomställning", "the energy transition"),
    ("AI i offentlig sektor", "AI in the public sector"),
    ("jämställdhet", "gender equality"),
    ("skolutveckling", "school development"),
]
CAUSES = [
    ("Natur", "nature"), ("Kultur", "culture"), ("Idrotts", "sports"), ("Hembygds", "local heritage"),
    ("Pensionärs", "pensioners'"), ("Ungdoms", "youth"), ("Integrations", "integration"),
    ("Föräldra", "parents'"), ("Cykel", "cycling"), ("Hyresgäst", "tenants'"), ("Grann", "neighbours'"),
]  # fmt: skip
TITLES = [
    "Innovationsstrateg", "Verksamhetsutvecklare", "Digitaliseringsstrateg", "Projektledare",
    "Enhetschef", "Utredare", "Forskare", "Handläggare", "Kommunikatör", "Controller",
]  # fmt: skip
# Legal-form groups of organisationsnummer: 556/559 aktiebolag, 802 ideell förening or stiftelse,
# 769 ekonomisk förening.
ORG_NUMBER_GROUPS = {
    OrganisationKind.COMPANY: ["556", "559"],
    OrganisationKind.CIVIL_SOCIETY: ["802"],
    OrganisationKind.ACADEMIA: ["802", "556"],
    OrganisationKind.NETWORK: ["802", "769"],
    OrganisationKind.OTHER: ["556", "802", "769"],
}
# Median employees by kind (lognormal around it): the size that skews memberships and activity.
MEDIAN_SIZE = {
    OrganisationKind.COMPANY: 12,
    OrganisationKind.CIVIL_SOCIETY: 4,
    OrganisationKind.OTHER: 25,
    OrganisationKind.ACADEMIA: 150,
    OrganisationKind.NETWORK: 6,
    OrganisationKind.AGENCY: 600,
}


def already_generated() -> bool:
    return Organisation.objects.filter(extra__generated=True).exists()


def generate(world: World) -> None:
    world.step("reference data", load_reference)
    rng = world.rng_for("organisations")
    municipalities = list(
        Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
        .order_by("municipality_code")
        .values("id", "name", "county_id", "population", "latitude", "longitude")
    )
    world.remember(
        "organisations.municipality",
        [m["id"] for m in municipalities],
        [size_weight(m["population"]) for m in municipalities],
    )
    by_id = {m["id"]: m for m in municipalities}

    existing = Organisation.objects.count()
    total = max(world.count("organisations") - existing, 0)
    kinds = _kind_plan(rng, total)
    names = set(Organisation.objects.values_list("name", flat=True))
    slugs = set(Organisation.objects.values_list("slug", flat=True))
    numbers = set(Organisation.objects.filter(org_number__isnull=False).values_list("org_number", flat=True))

    def build():
        for kind in kinds:
            home = by_id[world.pick_municipality(rng)]
            yield _organisation(world, rng, kind, home, names, slugs, numbers)

    world.bulk_create(Organisation, build(), desc="organisations", total=total)
    _remember(world)
    _memberships(world, world.rng_for("organisations.memberships"))


def _memberships(world: World, rng: random.Random) -> None:
    """Users (made by spira.accounts.generate, which runs first) join organisations drawn by size."""
    user_ids = world.ids("accounts.user")
    if not user_ids:
        return
    organisations = world.sampler("organisations.organisation")
    member_of: dict[int, list[int]] = {}

    def memberships():
        for user_id in user_ids:
            # Most people belong to one organisation, some to two or three, a few to none.
            how_many = rng.choices([0, 1, 2, 3], weights=[8, 70, 17, 5])[0]
            chosen = organisations.pick_distinct(rng, how_many)
            member_of[user_id] = chosen
            for organisation_id in chosen:
                draw = rng.random()
                if draw < 0.03:
                    role = MembershipRole.ADMIN
                elif draw < 0.11:
                    role = MembershipRole.COORDINATOR
                else:
                    role = MembershipRole.MEMBER
                yield Membership(
                    user_id=user_id,
                    organisation_id=organisation_id,
                    role=role,
                    title=rng.choice(TITLES) if rng.random() < 0.6 else "",
                )

    expected = round(len(user_ids) * 1.19)
    world.bulk_create(Membership, memberships(), desc="memberships", total=expected)
    world.shared["organisations.member_of"] = member_of


def _kind_plan(rng: random.Random, total: int) -> list[str]:
    plan: list[str] = []
    for kind, share in KIND_SHARES:
        plan += [kind] * round(total * share)
    plan = (plan + [OrganisationKind.COMPANY] * total)[:total]
    rng.shuffle(plan)
    return plan


def _organisation(world, rng, kind, home, names, slugs, numbers) -> Organisation:
    city = home["name"]
    name, name_en, description, description_en = NAMERS[kind](rng, city)
    name = unique_name(name, names)
    groups = ORG_NUMBER_GROUPS[kind]
    has_number = kind != OrganisationKind.NETWORK or rng.random() < 0.3
    employees = max(1, round(rng.lognormvariate(0, 1.1) * MEDIAN_SIZE[kind]))
    organisation = Organisation(
        kind=kind,
        name=name,
        name_en=name_en if name_en != name else "",
        slug=_slug(name, slugs),
        org_number=org_number(rng, rng.choice(groups), numbers) if has_number else None,
        county_id=home["county_id"],
        city=city,
        latitude=_jitter(rng, home["latitude"]),
        longitude=_jitter(rng, home["longitude"]),
        website=f"https://{_slug_base(name)}.example",
        description=description,
        description_en=description_en,
        extra={"generated": True, "employees": employees},
    )
    if hasattr(organisation, "build_search_name"):
        organisation.search_name = organisation.build_search_name()
    return organisation


def _company(rng, city):
    stem = rng.choice(PREFIXES) + rng.choice(SUFFIXES)
    field_sv, field_en = rng.choice(COMPANY_FIELDS)
    topic_sv, topic_en = rng.choice(TOPICS)
    return (
        f"{stem} {field_sv} AB",
        f"{stem} {field_en} Ltd",
        f"{stem} {field_sv} AB i {city} arbetar med {topic_sv} tillsammans med kommuner och regioner.",
        f"{stem} {field_en} in {city} works on {topic_en} with municipalities and regions.",
    )


def _civil_society(rng, city):
    cause_sv, cause_en = rng.choice(CAUSES)
    return (
        f"{cause_sv}föreningen i {city}",
        f"The {cause_en} association of {city}",
        f"En ideell förening i {city} som driver frågor om {cause_sv.lower()} och lokal delaktighet.",
        f"A non-profit association in {city} working on {cause_en} issues and local participation.",
    )


def _academia(rng, city):
    topic_sv, topic_en = rng.choice(TOPICS)
    if rng.random() < 0.5:
        name, name_en = f"Centrum för {topic_sv}, {city}", f"Centre for {topic_en}, {city}"
    else:
        name, name_en = f"Institutet för {topic_sv} i {city}", f"Institute for {topic_en} in {city}"
    return (
        name,
        name_en,
        f"Forskning och följeforskning om {topic_sv} i samarbete med offentlig sektor.",
        f"Research and accompanying research on {topic_en} together with the public sector.",
    )


def _network(rng, city):
    topic_sv, topic_en = rng.choice(TOPICS)
    if rng.random() < 0.5:
        name, name_en = f"Nätverket för {topic_sv} i {city}", f"Network for {topic_en} in {city}"
    else:
        name, name_en = f"{city} innovationskluster", f"{city} innovation cluster"
    return (
        name,
        name_en,
        f"Ett nätverk där kommuner, företag och forskare delar erfarenheter om {topic_sv}.",
        f"A network where municipalities, companies and researchers share experience of {topic_en}.",
    )


def _other(rng, city):
    stem = rng.choice(PREFIXES) + rng.choice(SUFFIXES)
    name, name_en = rng.choice(
        [
            (f"{city} Science Park", f"{city} Science Park"),
            (f"Stiftelsen {stem}", f"The {stem} Foundation"),
            (f"{stem} bostäder", f"{stem} Housing"),
            (f"Inkubatorn i {city}", f"The {city} Incubator"),
        ]
    )
    topic_sv, topic_en = rng.choice(TOPICS)
    return (
        name,
        name_en,
        f"Verksamhet i {city} med fokus på {topic_sv}.",
        f"An organisation in {city} focused on {topic_en}.",
    )


NAMERS = {
    OrganisationKind.COMPANY: _company,
    OrganisationKind.CIVIL_SOCIETY: _civil_society,
    OrganisationKind.ACADEMIA: _academia,
    OrganisationKind.NETWORK: _network,
    OrganisationKind.OTHER: _other,
}


def _slug_base(name: str) -> str:
    return slugify(name)[:100] or "organisation"


def _slug(name: str, taken: set[str]) -> str:
    return unique_name(_slug_base(name), taken, separator="-")


def _jitter(rng: random.Random, value) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(value) + Decimal(rng.uniform(-0.05, 0.05))).quantize(Decimal("0.00001"))


def organisation_size(kind: str, population: int | None, extra: dict) -> float:
    """Employees, known or estimated: municipalities employ about 8 % of their population."""
    if kind == OrganisationKind.MUNICIPALITY:
        return (population or 0) * 0.08
    if kind == OrganisationKind.REGION:
        return (population or 0) * 0.03
    return float((extra or {}).get("employees") or MEDIAN_SIZE.get(kind, 10))


def _remember(world: World) -> None:
    rows = list(Organisation.objects.order_by("slug").values_list("id", "kind", "population", "extra"))
    world.remember(
        "organisations.organisation",
        [row[0] for row in rows],
        [
            size_weight(organisation_size(kind, population, extra), 0.9)
            for _id, kind, population, extra in rows
        ],
    )
    for kind in OrganisationKind.values:
        if kind == OrganisationKind.MUNICIPALITY:
            continue
        selected = [(row[0], organisation_size(row[1], row[2], row[3])) for row in rows if row[1] == kind]
        world.remember(
            f"organisations.{kind}", [s[0] for s in selected], [size_weight(s[1], 0.9) for s in selected]
        )
