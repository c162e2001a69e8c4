"""Networks of a generated world (`spira generate`, see spira.core.generate).

`world.count("networks")` networks of every kind, coordinated by organisations drawn by size; their
members are drawn the same way (a few networks have hundreds of members, most a dozen); some
networks are members of networks made before them (so never a cycle). Hubs get locations with
opening hours, bookable rooms, desks and equipment, and bookings in the coming weeks; partnership
programmes get modules, questions, participating municipalities, needs assessments and plans.

Shares "networks.network" (ids) and "networks.hub" with later apps.
"""

from __future__ import annotations

import datetime

from spira.core.generate import World
from spira.networks.choices import MemberRole, MembershipPlan, NetworkKind, ResourceKind
from spira.networks.models import (
    AssessmentAnswer,
    AssessmentQuestion,
    BookableResource,
    Booking,
    BookingSlot,
    HubLocation,
    NeedsAssessment,
    Network,
    NetworkMembership,
    OpeningHours,
    PlanModule,
    ProgrammeModule,
    ProgrammePlan,
)

KIND_WEIGHTS = [
    (NetworkKind.INNOVATION_PLATFORM, 3),
    (NetworkKind.CLUSTER, 3),
    (NetworkKind.COWORKING_HUB, 2),
    (NetworkKind.PARTNERSHIP_PROGRAMME, 2),
    (NetworkKind.REFERENCE_GROUP, 1),
    (NetworkKind.NATIONAL_COLLABORATION, 1),
]
NAMES = {
    NetworkKind.INNOVATION_PLATFORM: ("Innovationsplattform", "Innovation platform"),
    NetworkKind.CLUSTER: ("Kluster för", "Cluster for"),
    NetworkKind.COWORKING_HUB: ("Samverkanshubb", "Coworking hub"),
    NetworkKind.PARTNERSHIP_PROGRAMME: ("Partnerskapsprogram", "Partnership programme"),
    NetworkKind.REFERENCE_GROUP: ("Referensgrupp", "Reference group"),
    NetworkKind.NATIONAL_COLLABORATION: ("Nationell samverkan", "National collaboration"),
}
THEMES = [
    ("välfärdsteknik", "welfare technology"),
    ("hållbara städer", "sustainable cities"),
    ("digital förvaltning", "digital public services"),
    ("landsbygdens utveckling", "rural development"),
    ("klimatomställning", "climate transition"),
    ("skola och lärande", "schools and learning"),
]
MODULES = [
    ("innovationskultur", "Innovationskultur", "Innovation culture"),
    ("strategi", "Strategi", "Strategy"),
    ("osakerhet", "Att hantera osäkerhet", "Managing uncertainty"),
    ("balans", "Förvaltning och innovation i balans", "Balancing administration and innovation"),
]


def generate(world: World) -> None:
    rng = world.rng_for("networks")
    total = world.count("networks")
    organisations = world.ids("organisations.organisation")
    if not total or not organisations:
        return
    kinds = [k for k, w in KIND_WEIGHTS for _ in range(w)]
    networks = []
    for index in range(total):
        kind = kinds[index % len(kinds)] if index < len(kinds) else rng.choice(kinds)
        theme_sv, theme_en = rng.choice(THEMES)
        prefix_sv, prefix_en = NAMES[kind]
        networks.append(
            Network(
                kind=kind,
                name=f"{prefix_sv} {theme_sv} {index + 1}",
                name_en=f"{prefix_en} {theme_en} {index + 1}",
                slug=f"natverk-{index + 1}",
                description=f"Ett nätverk för {theme_sv} där offentliga organisationer lär av varandra.",
                description_en=f"A network for {theme_en} where public organisations learn from each other.",
                coordinator_id=world.pick("organisations.organisation", rng),
                open_to_join=kind == NetworkKind.COWORKING_HUB,
            )
        )
    world.bulk_create(Network, networks, desc="networks", total=total)
    ids = list(Network.objects.filter(slug__startswith="natverk-").order_by("pk").values_list("pk", "kind"))
    _memberships(world, rng, ids)
    hubs = [pk for pk, kind in ids if kind == NetworkKind.COWORKING_HUB]
    programmes = [pk for pk, kind in ids if kind == NetworkKind.PARTNERSHIP_PROGRAMME]
    _hubs(world, rng, hubs)
    _programmes(world, rng, programmes)
    world.remember("networks.network", [pk for pk, _ in ids])
    world.remember("networks.hub", hubs)


def _memberships(world: World, rng, ids) -> None:
    start = world.now.date() - datetime.timedelta(days=5 * 365)
    rows = []
    for position, (pk, kind) in enumerate(ids):
        size = min(int(rng.paretovariate(1.1) * 8), 400)
        key = (
            "organisations.municipality"
            if kind == NetworkKind.PARTNERSHIP_PROGRAMME
            else "organisations.organisation"
        )
        for organisation in world.sampler(key).pick_distinct(rng, size):
            rows.append(
                NetworkMembership(
                    network_id=pk,
                    organisation_id=organisation,
                    role=MemberRole.PARTICIPANT
                    if kind == NetworkKind.PARTNERSHIP_PROGRAMME
                    else MemberRole.MEMBER,
                    plan=rng.choice(MembershipPlan.values[1:]) if kind == NetworkKind.COWORKING_HUB else "",
                    starts_on=start + datetime.timedelta(days=rng.randrange(4 * 365)),
                )
            )
        # National collaborations gather earlier networks: always earlier ones, so never a cycle.
        if kind == NetworkKind.NATIONAL_COLLABORATION and position:
            for member, _kind in rng.sample(ids[:position], min(6, position)):
                rows.append(NetworkMembership(network_id=pk, member_network_id=member, starts_on=start))
    world.bulk_create(NetworkMembership, rows, desc="network memberships", total=len(rows))


def _hubs(world: World, rng, hubs) -> None:
    locations = []
    for pk in hubs:
        for number in range(rng.randint(1, 3)):
            municipality = world.pick_municipality(rng)
            locations.append(
                HubLocation(
                    network_id=pk,
                    name=f"Plats {number + 1}",
                    slug=f"plats-{number + 1}",
                    address=f"Storgatan {rng.randint(1, 80)}",
                    municipality_id=municipality,
                )
            )
    world.bulk_create(HubLocation, locations, desc="hub locations", total=len(locations))
    location_ids = list(
        HubLocation.objects.filter(network_id__in=hubs).order_by("pk").values_list("pk", flat=True)
    )
    world.bulk_create(
        OpeningHours,
        (
            OpeningHours(location_id=location, weekday=day, opens=datetime.time(8), closes=datetime.time(17))
            for location in location_ids
            for day in range(5)
        ),
        desc="opening hours",
        total=len(location_ids) * 5,
    )
    resources = [
        BookableResource(location_id=location, name=f"{label} {n + 1}", kind=kind, capacity=capacity)
        for location in location_ids
        for n, (label, kind, capacity) in enumerate(
            [
                ("Rum", ResourceKind.ROOM, 8),
                ("Rum", ResourceKind.ROOM, 4),
                ("Skrivbord", ResourceKind.DESK, 1),
            ][: rng.randint(2, 3)]
        )
    ]
    world.bulk_create(BookableResource, resources, desc="bookable resources", total=len(resources))
    users = world.ids("accounts.user")
    if not users:
        return
    day0 = world.now.replace(hour=7, minute=0, second=0, microsecond=0)  # 08:00 in Stockholm (UTC+1)
    bookings = []
    for resource in (
        BookableResource.objects.filter(location_id__in=location_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    ):
        for day in range(1, 15):
            start = day0 + datetime.timedelta(days=day)
            if start.weekday() >= 5 or rng.random() < 0.5:
                continue
            hour = rng.randint(0, 7)
            bookings.append(
                Booking(
                    resource_id=resource,
                    booked_by_id=world.pick("accounts.user", rng),
                    starts_at=start + datetime.timedelta(hours=hour),
                    ends_at=start + datetime.timedelta(hours=hour + 1),
                )
            )
    world.bulk_create(Booking, bookings, desc="bookings", total=len(bookings))
    slots = [
        BookingSlot(
            resource_id=b.resource_id, booking_id=b.pk, starts_at=b.starts_at + datetime.timedelta(minutes=m)
        )
        for b in Booking.objects.filter(resource__location_id__in=location_ids).order_by("pk")
        for m in (0, 30)
    ]
    world.bulk_create(BookingSlot, slots, desc="booking slots", total=len(slots))


def _programmes(world: World, rng, programmes) -> None:
    world.bulk_create(
        ProgrammeModule,
        (
            ProgrammeModule(
                network_id=pk,
                code=code,
                name=name,
                name_en=name_en,
                position=n,
                milestones="Start\nUppföljning",
            )
            for pk in programmes
            for n, (code, name, name_en) in enumerate(MODULES)
        ),
        desc="programme modules",
        total=len(programmes) * len(MODULES),
    )
    modules = list(ProgrammeModule.objects.filter(network_id__in=programmes).order_by("pk"))
    world.bulk_create(
        AssessmentQuestion,
        (
            AssessmentQuestion(
                network_id=m.network_id,
                module_id=m.pk,
                text=f"Påstående {q + 1} om {m.name.lower()}",
                position=m.position * 2 + q,
            )
            for m in modules
            for q in range(2)
        ),
        desc="assessment questions",
        total=len(modules) * 2,
    )
    questions: dict[int, list[AssessmentQuestion]] = {}
    for question in AssessmentQuestion.objects.filter(network_id__in=programmes).order_by("pk"):
        questions.setdefault(question.network_id, []).append(question)
    participants = list(
        NetworkMembership.objects.filter(network_id__in=programmes, organisation__isnull=False)
        .order_by("pk")
        .values_list("network_id", "organisation_id")
    )
    chosen = [p for p in participants if rng.random() < 0.6]
    world.bulk_create(
        NeedsAssessment,
        (
            NeedsAssessment(network_id=n, organisation_id=o, status="submitted", submitted_at=world.now)
            for n, o in chosen
        ),
        desc="needs assessments",
        total=len(chosen),
    )
    assessments = list(NeedsAssessment.objects.filter(network_id__in=programmes).order_by("pk"))
    world.bulk_create(
        AssessmentAnswer,
        (
            AssessmentAnswer(assessment_id=a.pk, question_id=q.pk, value=rng.randint(1, 5))
            for a in assessments
            for q in questions.get(a.network_id, [])
        ),
        desc="assessment answers",
        total=sum(len(questions.get(a.network_id, [])) for a in assessments),
    )
    with_plan = [a for a in assessments if rng.random() < 0.7]
    world.bulk_create(
        ProgrammePlan,
        (
            ProgrammePlan(network_id=a.network_id, organisation_id=a.organisation_id, assessment_id=a.pk)
            for a in with_plan
        ),
        desc="programme plans",
        total=len(with_plan),
    )
    by_network: dict[int, list[ProgrammeModule]] = {}
    for module in modules:
        by_network.setdefault(module.network_id, []).append(module)
    plan_modules = [
        PlanModule(plan_id=plan.pk, module_id=m.pk, status=rng.choice(["planned", "in_progress", "done"]))
        for plan in ProgrammePlan.objects.filter(network_id__in=programmes).order_by("pk")
        for m in rng.sample(by_network[plan.network_id], rng.randint(1, 3))
    ]
    world.bulk_create(PlanModule, plan_modules, desc="plan modules", total=len(plan_modules))
