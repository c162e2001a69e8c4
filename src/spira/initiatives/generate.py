"""Initiatives of a generated world (`spira generate`, see spira.core.generate).

Cases with Swedish and English texts composed from a vocabulary of real public-sector words,
coordinated mostly by municipalities drawn by population^1.2 (Stockholm, Göteborg and Malmö far
more often than Bjurholm), with statuses, stages, sectors, SDGs, tags, partners, funding and dates.
Deterministic by seed: every draw comes from `world.rng_for("initiatives")` in a fixed order.

Shares with later apps: "initiatives.initiative" (ids of the published initiatives, in slug order).
"""

from __future__ import annotations

import hashlib
import random
from datetime import date

from django.utils.text import slugify

from spira.core.generate import World
from spira.initiatives.choices import (
    GovernmentLevel,
    InitiativeStatus,
    InnovationFacet,
    OrganisationRole,
    PublicationState,
    Sector,
)
from spira.initiatives.models import Initiative, InitiativeOrganisation, Stage, Tag
from spira.organisations.choices import OrganisationKind
from spira.organisations.models import Organisation, Sdg

# (Swedish, English, sector, SDG numbers)
TOPICS = [
    ("äldreomsorg", "elderly care", Sector.SOCIAL_PROTECTION, (3, 10)),
    ("hemtjänst", "home care", Sector.SOCIAL_PROTECTION, (3,)),
    ("välfärdsteknik", "welfare technology", Sector.HEALTH, (3, 9)),
    ("digitalisering", "digitalisation", Sector.GENERAL_PUBLIC_SERVICES, (9, 16)),
    ("cirkulär ekonomi", "circular economy", Sector.ENVIRONMENTAL_PROTECTION, (12, 13)),
    ("hållbar mobilitet", "sustainable mobility", Sector.TRANSPORT, (11, 13)),
    ("innovationsupphandling", "innovation procurement", Sector.ECONOMIC_AFFAIRS, (9, 12)),
    ("skolans digitala lärande", "digital learning in school", Sector.EDUCATION, (4,)),
    ("integration av nyanlända", "integration of newcomers", Sector.SOCIAL_PROTECTION, (8, 10)),
    ("klimatanpassning", "climate adaptation", Sector.ENVIRONMENTAL_PROTECTION, (11, 13)),
    ("energieffektivisering", "energy efficiency", Sector.HOUSING_COMMUNITY, (7, 13)),
    ("e-hälsa", "e-health", Sector.HEALTH, (3,)),
    ("psykisk hälsa bland unga", "young people's mental health", Sector.HEALTH, (3, 10)),
    ("medborgardialog", "citizen dialogue", Sector.GENERAL_PUBLIC_SERVICES, (16,)),
    ("öppna data", "open data", Sector.SCIENCE_TECHNOLOGY, (9, 16)),
    ("trygghet i offentliga miljöer", "safety in public spaces", Sector.PUBLIC_ORDER_SAFETY, (11, 16)),
    ("landsbygdens service", "rural services", Sector.HOUSING_COMMUNITY, (10, 11)),
    ("kultur för alla", "culture for everyone", Sector.RECREATION_CULTURE, (10,)),
    ("matsvinn i offentliga kök", "food waste in public kitchens", Sector.ENVIRONMENTAL_PROTECTION, (2, 12)),
    ("jämställd service", "gender-equal services", Sector.GENERAL_PUBLIC_SERVICES, (5, 10)),
    ("vattenförsörjning", "water supply", Sector.HOUSING_COMMUNITY, (6,)),
    ("AI i handläggningen", "AI in case handling", Sector.GENERAL_PUBLIC_SERVICES, (9, 16)),
    ("idésluss för medarbetare", "idea sluice for co-workers", Sector.GENERAL_PUBLIC_SERVICES, (8, 9)),
    ("arbetsmarknadsinsatser", "labour-market measures", Sector.ECONOMIC_AFFAIRS, (8,)),
]
# (Swedish, English) opening of a title: "<form> <topic> i <place>"
FORMS = [
    ("Samverkan kring", "Collaboration on"),
    ("Tjänstedesign för", "Service design for"),
    ("Nya arbetssätt inom", "New ways of working in"),
    ("Testbädd för", "Testbed for"),
    ("Innovationslabb för", "Innovation lab for"),
    ("Behovsdriven utveckling av", "Needs-driven development of"),
    ("Digital omställning av", "Digital transformation of"),
    ("Medskapande kring", "Co-creation in"),
    ("Förstudie om", "Pre-study on"),
    ("Spridning av", "Scaling up"),
]
METHODS = [
    ("tjänstedesign och användarintervjuer", "service design and user interviews"),
    ("en idésluss där medarbetare lämnar förslag", "an idea sluice where co-workers hand in proposals"),
    ("samverkan mellan kommun, region, akademi och näringsliv", "collaboration between municipality, region, academia and business"),
    ("snabba tester i liten skala", "quick small-scale tests"),
    ("innovationsupphandling med funktionskrav", "innovation procurement with functional requirements"),
    ("följeforskning och löpande utvärdering", "accompanying research and continuous evaluation"),
    ("dialogverkstäder med invånare", "dialogue workshops with residents"),
    ("öppna data och gemensamma standarder", "open data and shared standards"),
]  # fmt: skip
RESULTS = [
    ("arbetssättet har införts i ordinarie verksamhet", "the way of working is now part of everyday operations"),
    ("tre kommuner har tagit efter lösningen", "three municipalities have adopted the solution"),
    ("väntetiderna minskade märkbart", "waiting times fell noticeably"),
    ("medarbetarna upplever mer tid för kärnuppdraget", "staff report more time for their core task"),
    ("lärdomarna har samlats i en öppen vägledning", "the lessons are collected in open guidance"),
    ("ett systemhinder har lyfts till nationell nivå", "a system barrier has been raised to the national level"),
    ("kostnaderna minskade jämfört med tidigare", "costs fell compared with before"),
]  # fmt: skip
TARGETS = [
    ("äldre som bor hemma", "older people living at home"),
    ("unga utanför arbete och studier", "young people not in work or education"),
    ("medarbetare i välfärden", "welfare staff"),
    ("invånare på landsbygden", "residents in rural areas"),
    ("elever och lärare", "pupils and teachers"),
    ("företag i regionen", "companies in the region"),
    ("nyanlända familjer", "newly arrived families"),
]
TAGS = [
    "idésluss", "samverkan", "välfärdsteknik", "tjänstedesign", "innovationsupphandling", "cirkulär ekonomi",
    "digitalisering", "följeforskning", "medborgardialog", "öppna data", "testbädd", "jämställdhet",
    "systemhinder", "spridning", "AI", "landsbygd", "klimat", "hälsa", "skola", "mobilitet",
]  # fmt: skip
CALLS = [
    "Idéslussar i kommuner",
    "Innovationsplattformar för hållbara attraktiva städer",
    "Utmaningsdriven innovation",
    "Innovativa kommuner",
    "Hälsa och omsorg i hemmet",
    "Smarta städer",
]
STATUS_WEIGHTS = [
    (InitiativeStatus.ONGOING, 45),
    (InitiativeStatus.COMPLETED, 40),
    (InitiativeStatus.PLANNED, 10),
    (InitiativeStatus.DISCONTINUED, 5),
]
STATE_WEIGHTS = [
    (PublicationState.PUBLISHED, 85),
    (PublicationState.DRAFT, 8),
    (PublicationState.IN_REVIEW, 5),
    (PublicationState.ARCHIVED, 2),
]
COORDINATOR_KINDS = [("municipality", 65), ("region", 8), ("other", 27)]
VINNOVA_ORG_NUMBER = "202100-5216"


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _coordinator_sources(world: World) -> None:
    """Municipalities (by population^1.2) and other organisations, also without organisations.generate."""
    if not world.ids("organisations.municipality"):
        rows = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("municipality_code")
        rows = list(rows.values_list("pk", "population"))
        world.remember(
            "organisations.municipality", [pk for pk, _ in rows], [(p or 1) ** 1.2 for _, p in rows]
        )
    if not world.ids("organisations.region"):
        regions = Organisation.objects.filter(kind=OrganisationKind.REGION).order_by("county__code", "pk")
        world.remember("organisations.region", list(regions.values_list("pk", flat=True)))
    if not world.ids("organisations.organisation"):
        others = Organisation.objects.exclude(kind=OrganisationKind.MUNICIPALITY).order_by("slug")
        world.remember("organisations.organisation", list(others.values_list("pk", flat=True)))


def generate(world: World) -> None:
    rng = world.rng_for("initiatives")
    count = world.count("initiatives")
    _coordinator_sources(world)
    if not world.ids("organisations.municipality"):
        return
    places = dict(Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).values_list("pk", "name"))
    vinnova = Organisation.objects.filter(org_number=VINNOVA_ORG_NUMBER).values_list("pk", flat=True).first()
    users = world.ids("accounts.user")
    plans = [_plan(world, rng, number, places, vinnova, users) for number in range(count)]
    world.bulk_create(Initiative, (plan["initiative"] for plan in plans), desc="initiatives", total=count)
    ids = dict(
        Initiative.objects.filter(slug__in=[p["initiative"].slug for p in plans]).values_list("slug", "pk")
    )
    _relations(world, rng, plans, ids)
    published = [
        ids[plan["initiative"].slug]
        for plan in plans
        if plan["initiative"].state == PublicationState.PUBLISHED
    ]
    world.remember("initiatives.initiative", sorted(published))
    _index(world, list(ids.values()))


def _plan(world: World, rng: random.Random, number: int, places: dict, vinnova, users) -> dict:
    topic_sv, topic_en, sector, sdgs = rng.choice(TOPICS)
    form_sv, form_en = rng.choice(FORMS)
    kind = _weighted(rng, COORDINATOR_KINDS)
    municipality = world.pick_municipality(rng)
    if kind == "region" and world.ids("organisations.region"):
        coordinator = world.pick("organisations.region", rng)
    elif kind == "other" and world.ids("organisations.organisation"):
        coordinator = world.pick("organisations.organisation", rng)
    else:
        coordinator = municipality
    place = places.get(municipality, "")
    title_sv = f"{form_sv} {topic_sv} i {place}"
    title_en = f"{form_en} {topic_en} in {place}"
    method_sv, method_en = rng.choice(METHODS)
    target_sv, target_en = rng.choice(TARGETS)
    result_sv, result_en = rng.choice(RESULTS)
    status = _weighted(rng, STATUS_WEIGHTS)
    state = _weighted(rng, STATE_WEIGHTS)
    start_year = rng.randrange(2014, 2026)
    start = date(start_year, rng.randrange(1, 13), 1)
    months = rng.randrange(6, 49)
    end_index = start.year * 12 + start.month - 1 + months
    end = date(end_index // 12, end_index % 12 + 1, 1)
    funded = rng.random() < 0.45
    published_at = world.random_datetime(rng, days_back=8 * 365) if state != PublicationState.DRAFT else None
    initiative = Initiative(
        slug=f"{slugify(title_sv)[:100]}-{number + 1}",
        original_language="sv" if rng.random() < 0.9 else "en",
        title_sv=title_sv,
        title_en=title_en,
        summary_sv=(
            f"{place} prövar {topic_sv} med {method_sv}, tillsammans med {target_sv}. "
            f"Målet är en enklare vardag och en mer hållbar verksamhet."
        ),
        summary_en=(
            f"{place} tries out {topic_en} through {method_en}, together with {target_en}. "
            f"The aim is an easier everyday life and more sustainable services."
        ),
        purpose_sv=(
            f"Syftet är att utveckla {topic_sv} utifrån behoven hos {target_sv}. Projektet ska pröva "
            f"{method_sv} och sprida det som fungerar till fler kommuner."
        ),
        purpose_en=(
            f"The purpose is to develop {topic_en} from the needs of {target_en}. The project tests "
            f"{method_en} and spreads what works to more municipalities."
        ),
        approach_sv=f"Arbetet bedrivs i tre faser: behovsanalys, test och utvärdering, med {method_sv}.",
        approach_en=f"The work has three phases: needs analysis, testing and evaluation, using {method_en}.",
        results_sv=f"Resultatet visar att {result_sv}." if status == InitiativeStatus.COMPLETED else "",
        results_en=f"The result shows that {result_en}." if status == InitiativeStatus.COMPLETED else "",
        status=status,
        sector=sector,
        facet=rng.choice(InnovationFacet.values),
        government_level=GovernmentLevel.LOCAL
        if coordinator == municipality
        else rng.choice(GovernmentLevel.values),
        coordinator_id=coordinator,
        funder_id=vinnova if funded else None,
        funding_sek=int(round(rng.lognormvariate(14.2, 0.9), -3)) if funded else None,
        call=rng.choice(CALLS) if funded else "",
        reference_number=f"{start_year}-{number:05d}" if funded and number < 100_000 else None,
        start_month=start,
        end_month=end,
        state=state,
        published_at=published_at,
        owner_id=rng.choice(users) if users and rng.random() < 0.6 else None,
    )
    return {"initiative": initiative, "sdgs": sdgs, "partners": rng.randrange(0, 4), "seed": rng.random()}


def _relations(world: World, rng: random.Random, plans: list[dict], ids: dict) -> None:
    stages = list(Stage.objects.order_by("order").values_list("pk", flat=True))
    Tag.objects.bulk_create(
        [Tag(name=name, slug=slugify(name)) for name in TAGS], ignore_conflicts=True, batch_size=500
    )
    tags = list(
        Tag.objects.filter(slug__in=[slugify(name) for name in TAGS])
        .order_by("slug")
        .values_list("pk", flat=True)
    )
    sdgs = dict(Sdg.objects.values_list("number", "pk"))
    stage_rows, sdg_rows, tag_rows, partner_rows = [], [], [], []
    StageLink = Initiative.stages.through
    SdgLink = Initiative.sdgs.through
    TagLink = Initiative.tags.through
    for plan in plans:
        pk = ids[plan["initiative"].slug]
        for stage in rng.sample(stages, k=min(len(stages), rng.randrange(1, 4))):
            stage_rows.append(StageLink(initiative_id=pk, stage_id=stage))
        for number in plan["sdgs"]:
            if number in sdgs:
                sdg_rows.append(SdgLink(initiative_id=pk, sdg_id=sdgs[number]))
        for tag in rng.sample(tags, k=min(len(tags), rng.randrange(1, 5))):
            tag_rows.append(TagLink(initiative_id=pk, tag_id=tag))
        coordinator = plan["initiative"].coordinator_id
        partners = (
            {world.pick("organisations.organisation", rng) for _ in range(plan["partners"])}
            if world.ids("organisations.organisation")
            else set()
        )
        for partner in sorted(partners - {coordinator}):
            partner_rows.append(
                InitiativeOrganisation(
                    initiative_id=pk, organisation_id=partner, role=OrganisationRole.PARTNER
                )
            )
    world.bulk_create(StageLink, stage_rows, desc="initiative stages", total=len(stage_rows))
    world.bulk_create(SdgLink, sdg_rows, desc="initiative SDGs", total=len(sdg_rows))
    world.bulk_create(TagLink, tag_rows, desc="initiative tags", total=len(tag_rows))
    world.bulk_create(
        InitiativeOrganisation, partner_rows, desc="initiative partners", total=len(partner_rows)
    )


def _index(world: World, pks: list[int]) -> None:
    """Bulk-index the new initiatives for search, when the search app offers it."""
    try:
        from spira.search.index import bulk_indexing, queue
    except ImportError:
        return

    def index() -> None:
        with bulk_indexing():
            queue(Initiative, pks)

    world.step("initiatives search index", index)


def digest() -> str:
    """A fingerprint of the generated initiatives (no ids or timestamps), for determinism tests."""
    hasher = hashlib.sha256()
    rows = Initiative.objects.order_by("slug").values_list(
        "slug", "title_sv", "title_en", "summary_en", "status", "state", "sector", "coordinator__slug",
        "funder__slug", "funding_sek", "start_month", "end_month", "reference_number", "published_at",
    )  # fmt: skip
    for row in rows:
        hasher.update(repr(row).encode())
    links = InitiativeOrganisation.objects.order_by("initiative__slug", "organisation__slug")
    for row in links.values_list("initiative__slug", "organisation__slug", "role"):
        hasher.update(repr(row).encode())
    for through, field in (
        (Initiative.stages.through, "stage__code"),
        (Initiative.tags.through, "tag__slug"),
    ):
        for row in through.objects.order_by("initiative__slug", field).values_list("initiative__slug", field):
            hasher.update(repr(row).encode())
    return hasher.hexdigest()
