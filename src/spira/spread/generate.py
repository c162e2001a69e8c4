"""Solutions and adoptions for `spira generate`: about one solution per four adoptions (5k and 20k
at national scale), with realistic diffusion: a few solutions spread widely and most hardly at
all; big municipalities adopt early; adopters cluster in the owner's county and learn from
neighbours that already use the solution (the learned-from chain)."""

import random
from datetime import timedelta

from spira.core.generate import World
from spira.initiatives.models import Initiative
from spira.organisations.models import Organisation
from spira.spread.choices import AdoptionStatus, CostBand, Effort, Maturity, SolutionKind
from spira.spread.models import Adoption, Solution

THEMES = [
    ("Tryggt mottagande i hemtjänsten", "Safe reception in home care"),
    ("Digital ekonomisk rådgivning", "Digital budget advice"),
    ("Medborgarbudget", "Participatory budgeting"),
    ("Skolskjuts med anropsstyrd trafik", "Demand-responsive school transport"),
    ("Gemensam e-tjänst för bygglov", "Shared e-service for building permits"),
    ("Matavfallsinsamling i flerbostadshus", "Food waste collection in apartment blocks"),
    ("Idésluss för medarbetare", "Idea sluice for staff"),
    ("Välfärdsteknik på natten", "Night-time welfare technology"),
    ("Öppna data om lediga lokaler", "Open data on vacant premises"),
    ("Samskapande stadsplanering", "Co-creative urban planning"),
]
KINDS = [k for k, _ in SolutionKind.choices]


def _municipalities() -> list[tuple[int, int | None, int]]:
    rows = Organisation.objects.municipalities().order_by("pk").values_list("pk", "county_id", "population")
    return [(pk, county, population or 1) for pk, county, population in rows]


def generate(world: World) -> None:
    adoption_target = world.count("adoptions")
    municipalities = _municipalities()
    if not adoption_target or len(municipalities) < 3:
        return
    rng = world.rng_for("spread")
    solution_count = max(adoption_target // 4, 10)
    weights = [population**1.2 for _, _, population in municipalities]
    by_county: dict[int | None, list[int]] = {}
    for index, (_pk, county, _population) in enumerate(municipalities):
        by_county.setdefault(county, []).append(index)
    initiatives = list(Initiative.objects.order_by("pk").values_list("pk", flat=True)[: solution_count * 2])

    start = Solution.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    owners = rng.choices(range(len(municipalities)), weights=weights, k=solution_count)
    solutions = []
    for number, owner_index in enumerate(owners):
        sv, _en = rng.choice(THEMES)
        kind = rng.choice(KINDS)
        slug = f"gen-{start + number + 1}"
        solutions.append(
            Solution(
                slug=slug,
                name=f"{sv} {start + number + 1}",
                summary=f"{sv}: ett arbetssätt som prövats och kan återanvändas.",
                kind=kind,
                maturity=rng.choice([m for m, _ in Maturity.choices]),
                owner_id=municipalities[owner_index][0],
                cost_band=rng.choice([c for c, _ in CostBand.choices]),
                effort=rng.choice([e for e, _ in Effort.choices]),
                licence="EUPL-1.2" if kind == SolutionKind.SOFTWARE else "",
                repository_url=f"https://code.example.org/{slug}.git"
                if kind == SolutionKind.SOFTWARE
                else "",
                has_procurement_documents=kind == SolutionKind.PROCUREMENT or rng.random() < 0.1,
                framework_agreement="Ramavtal 2024-17" if kind == SolutionKind.PROCUREMENT else "",
            )
        )
    world.bulk_create(Solution, solutions, desc="solutions", total=solution_count)
    created = list(Solution.objects.filter(pk__gt=start).order_by("pk").values_list("pk", "owner_id"))
    if initiatives:
        through = Solution.initiatives.through
        links = [
            through(solution_id=pk, initiative_id=rng.choice(initiatives))
            for pk, _ in created
            if rng.random() < 0.6
        ]
        world.bulk_create(through, links, desc="solution links", total=len(links))

    # Heavy-tailed reach: a Pareto draw per solution, scaled to the target number of adoptions.
    reach = [rng.paretovariate(1.1) for _ in created]
    cap = int(len(municipalities) * 0.6)
    low, high = 0.0, 10.0 * adoption_target / sum(reach)
    for _ in range(40):  # the scale at which the capped sizes add up to the target
        scale = (low + high) / 2
        if sum(min(cap, round(r * scale)) for r in reach) < adoption_target:
            low = scale
        else:
            high = scale
    sizes = [min(cap, round(r * high)) for r in reach]
    index_of = {pk: i for i, (pk, _c, _p) in enumerate(municipalities)}
    adoptions = []
    counts: dict[int, int] = {}
    for (solution_id, owner_id), size in zip(created, sizes, strict=True):
        rows = _diffuse(rng, world, solution_id, index_of[owner_id], size, municipalities, weights, by_county)
        counts[solution_id] = sum(
            1 for row in rows if row.status in {AdoptionStatus.PILOTING, AdoptionStatus.IN_USE}
        )
        adoptions.extend(rows)
    world.bulk_create(Adoption, adoptions, desc="adoptions", total=len(adoptions))
    for solution_id, count in counts.items():
        if count:
            Solution.objects.filter(pk=solution_id).update(adopter_count=count)
    world.remember("spread.solution", [pk for pk, _ in created])
    _index(world, [pk for pk, _ in created])


def _index(world: World, pks: list[int]) -> None:
    """Bulk-index the new solutions for search."""
    from spira.search.index import bulk_indexing, queue

    def index() -> None:
        with bulk_indexing():
            queue(Solution, pks)

    world.step("solutions search index", index)


def _diffuse(
    rng: random.Random, world: World, solution_id, owner_index, size, municipalities, weights, by_county
):
    """Adopters one after another: early ones weighted by size, later ones near earlier adopters."""
    taken = {owner_index}
    learned = [owner_index]
    today = world.now.date()
    day = today - timedelta(days=rng.randint(200, 6 * 365))
    rows = []
    for _ in range(size):
        if len(learned) > 1 and rng.random() < 0.6:
            source_index = rng.choice(learned)
            county = municipalities[source_index][1]
            candidates = [i for i in by_county.get(county, []) if i not in taken]
        else:
            source_index = owner_index if rng.random() < 0.7 else rng.choice(learned)
            candidates = []
        if candidates:
            adopter_index = rng.choice(candidates)
        else:
            for _attempt in range(20):
                adopter_index = rng.choices(range(len(municipalities)), weights=weights)[0]
                if adopter_index not in taken:
                    break
            else:
                continue
        taken.add(adopter_index)
        # Diffusion speeds up: gaps shrink as more organisations use the solution.
        day += timedelta(days=max(1, int(rng.expovariate(1 / max(5, 120 / (1 + len(learned) / 3))))))
        # Past today the newest adopters crowd into the last months (recent interest).
        day = min(day, today - timedelta(days=rng.randint(0, 90)))
        rows.append(
            _adoption(
                rng,
                world,
                solution_id,
                municipalities[adopter_index][0],
                municipalities[source_index][0],
                day,
            )
        )
        learned.append(adopter_index)
    return rows


def _adoption(rng: random.Random, world: World, solution_id, adopter_id, source_id, day) -> Adoption:
    today = world.now.date()
    status = rng.choices(
        [
            AdoptionStatus.INTERESTED,
            AdoptionStatus.PILOTING,
            AdoptionStatus.IN_USE,
            AdoptionStatus.DISCONTINUED,
        ],
        weights=[15, 25, 52, 8],
    )[0]
    adoption = Adoption(
        solution_id=solution_id,
        adopter_id=adopter_id,
        source_id=source_id,
        status=status,
        interested_on=day,
        started_on=day,
    )
    if status != AdoptionStatus.INTERESTED:
        adoption.pilot_started_on = min(today, day + timedelta(days=rng.randint(10, 120)))
    if status == AdoptionStatus.IN_USE:
        adoption.in_use_since = min(today, adoption.pilot_started_on + timedelta(days=rng.randint(30, 240)))
    if status == AdoptionStatus.DISCONTINUED:
        adoption.discontinued_on = min(
            today, adoption.pilot_started_on + timedelta(days=rng.randint(30, 365))
        )
        adoption.discontinued_reason = "Pilotens resultat motiverade inte kostnaden."
    if status in {AdoptionStatus.PILOTING, AdoptionStatus.IN_USE} and rng.random() < 0.5:
        stamp = world.now - timedelta(days=rng.randint(0, 300))
        adoption.adopter_confirmed_at = adoption.source_confirmed_at = stamp
    return adoption
