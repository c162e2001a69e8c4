"""Synthetic idea sluices for `spira generate`: one sluice per municipality (half of them name
their stages their own way), ideas skewed by population (Stockholm ≫ Bjurholm) with realistic
stage histories, deterministic for a seed. Rows are bulk-created in batches."""

import hashlib
from datetime import timedelta

from django.db import transaction

from spira.core.generate import World
from spira.ideas.choices import CLOSED_TYPES, DEFAULT_CRITERIA, DEFAULT_STAGES, Origin, StageType, Theme
from spira.ideas.models import Criterion, Idea, Sluice, Stage, StageLog
from spira.organisations.choices import OrganisationKind
from spira.organisations.models import Organisation

# Other names some sluices give their stages: analytics compare them by type.
OWN_NAMES = {
    StageType.NEW: ("Ny idé", "New idea"),
    StageType.SCREENING: ("Första sållning", "First sift"),
    StageType.DEVELOPMENT: ("Idéverkstad", "Idea workshop"),
    StageType.TEST: ("Pilot", "Pilot"),
    StageType.IMPLEMENTATION: ("Införande", "Roll-out"),
    StageType.SPREAD: ("Sprids", "Spreading"),
    StageType.PARKED: ("Vilande", "Dormant"),
    StageType.CLOSED_DONE: ("Klar", "Completed"),
    StageType.CLOSED_NOT_PURSUED: ("Avslutad", "Declined"),
    StageType.CLOSED_MERGED: ("Dubblett", "Duplicate"),
}

# (Swedish, English) building blocks of idea texts.
THINGS = [
    ("bänkar", "benches"),
    ("cykelpumpar", "bicycle pumps"),
    ("laddstolpar", "charging points"),
    ("digitala blanketter", "digital forms"),
    ("lånecyklar", "shared bikes"),
    ("parklekar", "play parks"),
    ("sms-påminnelser", "text reminders"),
    ("öppna förskolor", "open pre-schools"),
    ("solceller", "solar panels"),
    ("träffpunkter för äldre", "meeting places for the elderly"),
    ("läxhjälp", "homework help"),
    ("återbruksstationer", "reuse stations"),
    ("belysta gångvägar", "lit footpaths"),
    ("e-tjänster", "e-services"),
    ("stadsodlingar", "urban gardens"),
    ("fritidsbussar", "leisure buses"),
    ("språkcaféer", "language cafés"),
    ("chattbotar", "chatbots"),
    ("mötesrum att låna", "meeting rooms to borrow"),
    ("väntrum med wifi", "waiting rooms with wifi"),
]
PLACES = [
    ("vid skolan", "at the school"),
    ("i centrum", "in the town centre"),
    ("längs älven", "along the river"),
    ("på biblioteket", "at the library"),
    ("vid badplatsen", "at the beach"),
    ("på äldreboendet", "at the care home"),
    ("i bostadsområdet", "in the housing estate"),
    ("på vårdcentralen", "at the health centre"),
    ("vid busshållplatsen", "at the bus stop"),
    ("i kommunhuset", "in the town hall"),
]
NEEDS = [
    ("Många har svårt att {verb} i dag.", "Many find it hard to {verb} today."),
    ("Det saknas ett enkelt sätt att {verb}.", "There is no simple way to {verb}."),
    ("Invånarna efterfrågar möjlighet att {verb}.", "Residents ask for a way to {verb}."),
    ("Medarbetarna lägger mycket tid på att {verb}.", "Co-workers spend a lot of time trying to {verb}."),
]
VERBS = [
    ("hitta information", "find information"),
    ("ta sig fram", "get around"),
    ("träffa andra", "meet others"),
    ("spara energi", "save energy"),
    ("boka tider", "book appointments"),
    ("lämna synpunkter", "give feedback"),
    ("få hjälp på kvällen", "get help in the evening"),
    ("minska avfallet", "reduce waste"),
]
THEMES = Theme.values

# Where an idea goes next from each stage type, with weights; None means it stays there.
NEXT = {
    StageType.NEW: [
        (StageType.SCREENING, 80),
        (StageType.CLOSED_NOT_PURSUED, 8),
        (StageType.PARKED, 4),
        (None, 8),
    ],
    StageType.SCREENING: [
        (StageType.DEVELOPMENT, 40),
        (StageType.CLOSED_NOT_PURSUED, 35),
        (StageType.IMPLEMENTATION, 5),
        (StageType.CLOSED_DONE, 4),
        (StageType.PARKED, 6),
        (None, 10),
    ],
    StageType.DEVELOPMENT: [
        (StageType.TEST, 45),
        (StageType.CLOSED_NOT_PURSUED, 25),
        (StageType.IMPLEMENTATION, 10),
        (StageType.PARKED, 8),
        (None, 12),
    ],
    StageType.TEST: [(StageType.IMPLEMENTATION, 55), (StageType.CLOSED_NOT_PURSUED, 25), (None, 20)],
    StageType.IMPLEMENTATION: [(StageType.SPREAD, 25), (StageType.CLOSED_DONE, 55), (None, 20)],
    StageType.SPREAD: [(StageType.CLOSED_DONE, 60), (None, 40)],
    StageType.PARKED: [(StageType.SCREENING, 20), (StageType.CLOSED_NOT_PURSUED, 50), (None, 30)],
}
MEAN_DAYS = {
    StageType.NEW: 12, StageType.SCREENING: 30, StageType.DEVELOPMENT: 60, StageType.TEST: 90,
    StageType.IMPLEMENTATION: 120, StageType.SPREAD: 180, StageType.PARKED: 150,
}  # fmt: skip
ANSWERS = {
    StageType.CLOSED_NOT_PURSUED: (
        "Tack för idén! Vi går inte vidare just nu eftersom {reason}.",
        "Thank you! We will not pursue it now because {reason}.",
    ),
    StageType.CLOSED_DONE: ("Idén är genomförd. Tack!", "The idea has been carried out. Thank you!"),
    StageType.SCREENING: ("Tack, vi tittar på idén.", "Thank you, we are looking at the idea."),
}
REASONS = [
    ("det redan finns en liknande lösning", "a similar solution already exists"),
    ("kostnaden är för hög", "the cost is too high"),
    ("det ligger utanför kommunens ansvar", "it is outside the municipality's remit"),
]


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _sluices(world: World) -> dict[int, int]:
    """One sluice per municipality (organisation id → sluice id), with stages and criteria."""
    organisations = list(
        Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
        .order_by("pk")
        .values_list("pk", "slug", "name")
    )
    taken = set(Sluice.objects.values_list("slug", flat=True))
    rows = []
    for pk, slug, name in organisations:
        sluice_slug = f"idesluss-{slug}"[:120]
        if sluice_slug in taken:
            continue
        rows.append(
            Sluice(
                organisation_id=pk,
                slug=sluice_slug,
                name=f"Idéslussen i {name}",
                description=f"Lämna dina idéer till {name}.",
            )
        )
    world.bulk_create(Sluice, rows, desc="idea sluices", total=len(rows))
    sluices = dict(
        Sluice.objects.filter(slug__in=[r.slug for r in rows]).values_list("organisation_id", "pk")
    )
    stages, criteria = [], []
    for index, sluice_id in enumerate(sorted(sluices.values())):
        own = index % 2 == 1
        for position, (sv, en, stage_type) in enumerate(DEFAULT_STAGES):
            if own:
                sv, en = OWN_NAMES[stage_type]
            stages.append(
                Stage(
                    sluice_id=sluice_id,
                    name_sv=sv,
                    name_en=en,
                    stage_type=stage_type,
                    position=(position + 1) * 10,
                )
            )
        for position, (sv, en, weight) in enumerate(DEFAULT_CRITERIA):
            criteria.append(
                Criterion(
                    sluice_id=sluice_id, name_sv=sv, name_en=en, weight=weight, position=(position + 1) * 10
                )
            )
    world.bulk_create(Stage, stages, desc="idea stages", total=len(stages))
    world.bulk_create(Criterion, criteria, desc="idea criteria", total=len(criteria))
    world.remember("ideas.sluice", sorted(sluices.values()))
    return sluices


def _history(world: World, rng, submitted) -> list[tuple[str, object, object]]:
    """(stage type, entered, left) stays from `submitted` until now or until closed."""
    stays, stage_type, entered = [], StageType.NEW, submitted
    for _step in range(8):
        following = _weighted(rng, NEXT[stage_type])
        left = entered + timedelta(days=rng.expovariate(1 / MEAN_DAYS[stage_type]), hours=rng.randrange(24))
        if following is None or left >= world.now:
            stays.append((stage_type, entered, None))
            return stays
        stays.append((stage_type, entered, left))
        stage_type, entered = following, left
        if stage_type in CLOSED_TYPES:
            stays.append((stage_type, entered, None))
            return stays
    stays.append((stage_type, entered, None))
    return stays


def _texts(rng, language: str) -> dict:
    i = 0 if language == "sv" else 1
    thing, place, need, verb = rng.choice(THINGS), rng.choice(PLACES), rng.choice(NEEDS), rng.choice(VERBS)
    title = f"{'Fler' if i == 0 else 'More'} {thing[i]} {place[i]}"
    return {
        "title": title[:1].upper() + title[1:],
        "need": need[i].format(verb=verb[i]),
        "description": (
            f"Vi föreslår {thing[0]} {place[0]} så att fler kan {verb[0]}."
            if i == 0
            else f"We propose {thing[1]} {place[1]} so that more people can {verb[1]}."
        ),
        "beneficiaries": "Alla som bor i kommunen." if i == 0 else "Everyone who lives here.",
    }


def generate(world: World) -> None:
    rng = world.rng_for("ideas")
    count = world.count("ideas")
    if not Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).exists():
        return
    sluices = _sluices(world)
    if not sluices:
        return
    municipalities = world.ids("organisations.municipality")
    if municipalities:
        sampler_key = "organisations.municipality"
    else:
        populations = dict(Organisation.objects.filter(pk__in=list(sluices)).values_list("pk", "population"))
        ordered = sorted(sluices)
        world.remember("ideas.municipality", ordered, [(populations.get(pk) or 1) ** 1.2 for pk in ordered])
        sampler_key = "ideas.municipality"
    stage_ids = {
        (sluice_id, stage_type): pk
        for pk, sluice_id, stage_type in Stage.objects.filter(sluice_id__in=sluices.values()).values_list(
            "pk", "sluice_id", "stage_type"
        )
    }
    users = world.ids("accounts.user")
    created_ids: list[int] = []
    with world.bar(desc="ideas and stage logs", total=count) as bar:
        done = 0
        while done < count:
            size = min(world.batch_size, count - done)
            ideas, histories = [], []
            for _ in range(size):
                organisation_id = world.pick(sampler_key, rng)
                sluice_id = sluices.get(organisation_id) or sluices[min(sluices)]
                language = "sv" if rng.random() < 0.85 else "en"
                submitted = world.random_datetime(rng, days_back=4 * 365)
                history = _history(world, rng, submitted)
                last_type, last_entered, _left = history[-1]
                answer = ""
                first_answer = None
                for stage_type, entered, _ in history:
                    if stage_type in ANSWERS and first_answer is None:
                        first_answer = entered
                if last_type in ANSWERS:
                    template = ANSWERS[last_type][0 if language == "sv" else 1]
                    reason = rng.choice(REASONS)[0 if language == "sv" else 1]
                    answer = template.format(reason=reason)
                origin = Origin.COWORKER if rng.random() < 0.3 else Origin.RESIDENT
                submitter = world.pick("accounts.user", rng) if users and rng.random() < 0.4 else None
                ideas.append(
                    Idea(
                        sluice_id=sluice_id,
                        stage_id=stage_ids[(sluice_id, last_type)],
                        theme=rng.choice(THEMES),
                        language=language,
                        origin=origin,
                        is_public=rng.random() < 0.9,
                        submitter_id=submitter,
                        follow_token=hashlib.blake2b(
                            f"{world.seed}:{done + len(ideas)}:{rng.random()}".encode(), digest_size=24
                        ).hexdigest(),
                        submitted_at=submitted,
                        stage_entered_at=last_entered,
                        first_answer_at=first_answer,
                        closed_at=last_entered if last_type in CLOSED_TYPES else None,
                        public_answer=answer,
                        **_texts(rng, language),
                    )
                )
                histories.append(history)
            with transaction.atomic():
                Idea.objects.bulk_create(ideas, batch_size=world.batch_size)
                logs = []
                for idea, history in zip(ideas, histories, strict=True):
                    previous = ""
                    for stage_type, entered, left in history:
                        logs.append(
                            StageLog(
                                idea_id=idea.pk,
                                sluice_id=idea.sluice_id,
                                stage_id=stage_ids[(idea.sluice_id, stage_type)],
                                stage_type=stage_type,
                                from_stage_type=previous,
                                entered_at=entered,
                                left_at=left,
                                answer=idea.public_answer if left is None else "",
                            )
                        )
                        previous = stage_type
                StageLog.objects.bulk_create(logs, batch_size=world.batch_size)
            created_ids += [idea.pk for idea in ideas]
            done += size
            bar.update(size)
    world.remember("ideas.idea", created_ids)
    _index(world, created_ids)


def _index(world: World, pks: list[int]) -> None:
    """Bulk-index the new ideas for search (and similar-idea suggestions)."""
    from spira.search.index import bulk_indexing, queue

    def index() -> None:
        with bulk_indexing():
            queue(Idea, pks)

    world.step("ideas search index", index)


def digest() -> str:
    """A fingerprint of the generated ideas (no ids), for determinism tests."""
    hasher = hashlib.sha256()
    rows = Idea.objects.order_by("sluice__slug", "submitted_at", "title").values_list(
        "sluice__slug", "stage__stage_type", "title", "origin", "submitted_at", "closed_at", "public_answer"
    )
    for row in rows:
        hasher.update(repr(row).encode())
    for row in StageLog.objects.order_by("sluice__slug", "entered_at", "stage_type").values_list(
        "stage_type", "entered_at", "left_at"
    ):
        hasher.update(repr(row).encode())
    return hasher.hexdigest()
