"""Barriers of a generated world (`spira generate`, see spira.core.generate).

5,000 barriers at national scale, reported mostly by municipalities (weighted by population^1.2,
so Stockholm reports far more than Bjurholm), some by regions and agencies; endorsements by other
municipalities (a few barriers are shared by dozens), escalations to agencies and regions with
answers for those that were answered, and the first status change of each barrier. Rows are
written with bulk_create; the counts (`affected_*`, `answer_due`) are computed on the way.
"""

from __future__ import annotations

import random
from datetime import timedelta

from spira.barriers.choices import (
    AnswerDecision,
    BarrierKind,
    BarrierStatus,
    EscalationState,
    Level,
    answer_days,
)
from spira.barriers.models import Barrier, Endorsement, Escalation, EscalationAnswer, StatusChange
from spira.core.generate import World
from spira.organisations.models import Organisation

KIND_WEIGHTS = [
    (BarrierKind.LAW, 24),
    (BarrierKind.FUNDING, 18),
    (BarrierKind.PROCUREMENT, 16),
    (BarrierKind.GOVERNANCE, 12),
    (BarrierKind.DATA, 16),
    (BarrierKind.COMPETENCE, 8),
    (BarrierKind.OTHER, 6),
]
LEVEL_WEIGHTS = [(Level.LOCAL, 10), (Level.REGIONAL, 20), (Level.NATIONAL, 60), (Level.EU, 10)]
STATUS_WEIGHTS = [
    (BarrierStatus.REPORTED, 22),
    (BarrierStatus.TRIAGED, 15),
    (BarrierStatus.IN_DIALOGUE, 12),
    (BarrierStatus.ESCALATED, 20),
    (BarrierStatus.ANSWERED, 16),
    (BarrierStatus.RESOLVED, 8),
    (BarrierStatus.CLOSED_UNRESOLVED, 7),
]
REPORTER_KINDS = [("municipality", 85), ("region", 10), ("agency", 5)]
SUBJECTS = [
    ("Sekretessregler hindrar delning av {x}", "Confidentiality rules prevent sharing {x}", "data"),
    ("Statsbidrag för {x} är ettåriga", "Grants for {x} last one year only", "funding"),
    ("Upphandling stoppar spridning av {x}", "Procurement stops the spread of {x}", "procurement"),
    ("Lagen tillåter inte försök med {x}", "The law does not allow trials of {x}", "law"),
    ("Ansvaret för {x} är otydligt mellan huvudmän", "Responsibility for {x} is unclear", "governance"),
    ("Kompetens saknas för {x}", "Skills are missing for {x}", "competence"),
]
TOPICS = [
    "välfärdsteknik", "hemtjänstens digitala tjänster", "skolans data", "energidelning",
    "självkörande bussar", "vårddata", "öppna geodata", "cirkulära byggmaterial", "AI-stöd i handläggning",
    "medborgardialog", "delad mobilitet", "matavfall", "klimatdata", "bredband på landsbygden",
]  # fmt: skip


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _ids(kind: str) -> list[tuple[int, int]]:
    rows = Organisation.objects.filter(kind=kind).order_by("pk").values_list("pk", "population")
    return [(pk, population or 0) for pk, population in rows]


def generate(world: World) -> None:
    rng = world.rng_for("barriers")
    count = world.count("barriers")
    municipalities = _ids("municipality")
    regions, agencies = _ids("region"), _ids("agency")
    if not municipalities or not agencies or count == 0:
        return
    population = dict(municipalities + regions + agencies)
    municipality_weights = [max(p, 1) ** 1.2 for _, p in municipalities]
    authorities = [pk for pk, _ in agencies] + [pk for pk, _ in regions]
    region_ids = {pk for pk, _ in regions}
    start = Barrier.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    plans = []
    for number in range(count):
        reporter_kind = _weighted(rng, REPORTER_KINDS)
        if reporter_kind == "municipality" or not regions:
            reporter = rng.choices(municipalities, weights=municipality_weights)[0][0]
            level = Level.LOCAL
        elif reporter_kind == "region":
            reporter, level = rng.choice(regions)[0], Level.REGIONAL
        else:
            reporter, level = rng.choice(agencies)[0], Level.NATIONAL
        subject_sv, subject_en, _ = rng.choice(SUBJECTS)
        topic = rng.choice(TOPICS)
        status = _weighted(rng, STATUS_WEIGHTS)
        reported_at = world.random_datetime(rng, days_back=3 * 365)
        authority = rng.choice(authorities) if rng.random() < 0.8 else None
        endorsers = []
        shared = rng.random()
        n_endorsers = 0 if shared < 0.35 else rng.randint(1, 4) if shared < 0.85 else rng.randint(5, 40)
        for _ in range(n_endorsers):
            pk = rng.choices(municipalities, weights=municipality_weights)[0][0]
            if pk != reporter and pk not in endorsers:
                endorsers.append(pk)
        plan = {
            "barrier": Barrier(
                title=f"{subject_sv.format(x=topic)} ({number + 1})"[:200],
                description=(
                    f"{subject_sv.format(x=topic)}. {subject_en.format(x=topic)}. "
                    "Hindret ligger utanför den rapporterande organisationens rådighet."
                ),
                kind=_weighted(rng, KIND_WEIGHTS),
                mandate_level=_weighted(rng, LEVEL_WEIGHTS),
                current_level=level,
                authority_id=authority,
                status=status,
                reporter_organisation_id=reporter,
                reported_at=reported_at,
                affected_organisations=1 + len(endorsers),
                affected_population=population.get(reporter, 0)
                + sum(population.get(e, 0) for e in endorsers),
            ),
            "endorsers": endorsers,
            "escalated": status in {BarrierStatus.ESCALATED, BarrierStatus.ANSWERED, BarrierStatus.RESOLVED}
            and rng.random() < 0.9,
            "decision": _weighted(rng, [(AnswerDecision.ACCEPT, 45), (AnswerDecision.REJECT, 55)]),
        }
        if plan["escalated"]:
            target = authority or rng.choice(authorities)
            plan["barrier"].authority_id = target
            to_level = Level.REGIONAL if target in region_ids else Level.NATIONAL
            if to_level == level:
                to_level = Level.EU if level == Level.NATIONAL else Level.NATIONAL
            if status == BarrierStatus.ESCALATED:
                # Open escalations are recent, so about half are overdue at world.now.
                created = world.now - timedelta(days=rng.randint(1, 2 * answer_days()))
            else:
                created = reported_at + timedelta(days=rng.randint(5, 120))
            deadline = created.date() + timedelta(days=answer_days())
            plan["escalation"] = Escalation(
                from_level=level,
                to_level=to_level,
                addressed_to_id=target,
                state=EscalationState.OPEN if status == BarrierStatus.ESCALATED else EscalationState.ANSWERED,
                created_at=created,
                deadline=deadline,
                message="Vi ber om ett svar inom svarstiden.",
            )
            plan["barrier"].current_level = to_level
            if status == BarrierStatus.ESCALATED:
                plan["barrier"].answer_due = deadline
        plans.append(plan)

    world.bulk_create(Barrier, (p["barrier"] for p in plans), desc="barriers", total=count)
    ids = list(Barrier.objects.filter(pk__gt=start).order_by("pk").values_list("pk", flat=True))
    for plan, pk in zip(plans, ids, strict=True):
        plan["barrier"].pk = pk
    world.bulk_create(
        StatusChange,
        (
            StatusChange(
                barrier_id=p["barrier"].pk,
                to_status=BarrierStatus.REPORTED,
                created_at=p["barrier"].reported_at,
            )
            for p in plans
        ),
        desc="barrier status changes",
        total=count,
    )
    total_endorsements = sum(len(p["endorsers"]) for p in plans)
    world.bulk_create(
        Endorsement,
        (
            Endorsement(
                barrier_id=p["barrier"].pk,
                organisation_id=organisation,
                case_description="Vi har samma hinder.",
                created_at=p["barrier"].reported_at + timedelta(days=rng.randint(1, 200)),
            )
            for p in plans
            for organisation in p["endorsers"]
        ),
        desc="barrier endorsements",
        total=total_endorsements,
    )
    escalated = [p for p in plans if p["escalated"]]
    for plan in escalated:
        plan["escalation"].barrier_id = plan["barrier"].pk
    world.bulk_create(
        Escalation, (p["escalation"] for p in escalated), desc="barrier escalations", total=len(escalated)
    )
    escalation_ids = dict(
        Escalation.objects.filter(barrier_id__in=[p["barrier"].pk for p in escalated]).values_list(
            "barrier_id", "pk"
        )
    )
    answered = [p for p in escalated if p["escalation"].state == EscalationState.ANSWERED]
    world.bulk_create(
        EscalationAnswer,
        (
            EscalationAnswer(
                escalation_id=escalation_ids[p["barrier"].pk],
                organisation_id=p["escalation"].addressed_to_id,
                decision=p["decision"],
                text="Vi har prövat frågan."
                if p["decision"] == AnswerDecision.ACCEPT
                else "Frågan ryms inte i vårt mandat.",
                created_at=p["escalation"].created_at + timedelta(days=rng.randint(3, answer_days() + 30)),
            )
            for p in answered
        ),
        desc="barrier answers",
        total=len(answered),
    )
    world.remember("barriers.barrier", ids)
