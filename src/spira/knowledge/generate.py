"""Knowledge resources of a generated world (`spira generate`, see spira.core.generate):
`world.count("knowledge")` resources published by organisations drawn by size, linked to the
generated initiatives and networks, with marks as used and reviews by generated users."""

from __future__ import annotations

from spira.core.generate import World
from spira.knowledge.choices import (
    Adaptability,
    Discipline,
    InitiativeRelation,
    IntendedUser,
    Licence,
    ResourceFormat,
    ResourceType,
)
from spira.knowledge.models import KnowledgeResource, ResourceInitiative, ResourceUse, Review

TOPICS = [
    ("samskapande med invånare", "co-creation with residents"),
    ("tjänstedesign i vården", "service design in care"),
    ("idéslussar", "idea sluices"),
    ("att sprida lösningar", "spreading solutions"),
    ("jämställd innovation", "gender-equal innovation"),
    ("att starta en hubb", "starting a hub"),
]


def generate(world: World) -> None:
    rng = world.rng_for("knowledge")
    total = world.count("knowledge")
    if not total or not world.ids("organisations.organisation"):
        return
    resources = []
    for index in range(total):
        kind = rng.choice(ResourceType.values)
        topic_sv, topic_en = rng.choice(TOPICS)
        resources.append(
            KnowledgeResource(
                type=kind,
                title=f"{ResourceType(kind).label.capitalize()}: {topic_sv} ({index + 1})",
                title_en=f"{topic_en.capitalize()} ({index + 1})",
                slug=f"resurs-{index + 1}",
                summary=f"Erfarenheter och steg för {topic_sv}.",
                summary_en=f"Lessons and steps for {topic_en}.",
                language="sv" if rng.random() < 0.8 else "en",
                publisher_id=world.pick("organisations.organisation", rng),
                discipline=rng.choice(Discipline.values),
                intended_user=rng.choice(IntendedUser.values),
                licence=rng.choice(Licence.values),
                country="SE" if rng.random() < 0.85 else rng.choice(["NO", "DK", "FI", "GB", "NL"]),
                format=rng.choice(ResourceFormat.values),
                adaptability=rng.choice(Adaptability.values),
                year=2015 + rng.randrange(11),
                research_theme="Jämställdhet"
                if kind == ResourceType.RESEARCH_FINDING and rng.random() < 0.5
                else "",
            )
        )
    world.bulk_create(KnowledgeResource, resources, desc="knowledge resources", total=total)
    ids = list(
        KnowledgeResource.objects.filter(slug__startswith="resurs-").order_by("pk").values_list("pk", "type")
    )
    initiatives = world.ids("initiatives.initiative")
    if initiatives:
        links = [
            ResourceInitiative(
                resource_id=pk,
                initiative_id=initiative,
                relation=InitiativeRelation.STUDIED
                if kind == ResourceType.RESEARCH_FINDING
                else InitiativeRelation.USED,
            )
            for pk, kind in ids
            for initiative in sorted(
                set(rng.sample(initiatives, min(len(initiatives), int(rng.paretovariate(1.3)))))
            )
        ]
        world.bulk_create(ResourceInitiative, links, desc="resources ↔ initiatives", total=len(links))
    networks = world.ids("networks.network")
    if networks:
        through = KnowledgeResource.networks.through
        rows = [
            through(knowledgeresource_id=pk, network_id=rng.choice(networks))
            for pk, _kind in ids
            if rng.random() < 0.3
        ]
        world.bulk_create(through, rows, desc="resources ↔ networks", total=len(rows))
    users = world.ids("accounts.user")
    if users:
        uses, reviews = [], []
        for pk, _kind in ids:
            people = world.sampler("accounts.user").pick_distinct(
                rng, min(int(rng.paretovariate(1.2)) - 1, 50)
            )
            for n, user in enumerate(people):
                uses.append(ResourceUse(resource_id=pk, user_id=user))
                if n % 3 == 0:
                    reviews.append(
                        Review(
                            resource_id=pk,
                            author_id=user,
                            rating=rng.randint(2, 5),
                            strengths="Användbar och konkret.",
                        )
                    )
        world.bulk_create(ResourceUse, uses, desc="marks as used", total=len(uses))
        world.bulk_create(Review, reviews, desc="reviews", total=len(reviews))
        counts = {}
        for use in uses:
            counts.setdefault(use.resource_id, [0, 0])[0] += 1
        for review in reviews:
            counts[review.resource_id][1] += 1
        objects = [KnowledgeResource(pk=pk, use_count=c[0], review_count=c[1]) for pk, c in counts.items()]
        KnowledgeResource.objects.bulk_update(objects, ["use_count", "review_count"], batch_size=1000)
