"""The networks' part of `spira demo`: NATSAM with its six platforms (led by RISE), Samverket's
hubs in Stockholm and Östersund, and Innocities with a cluster of municipalities, their needs
assessments and plans (seed texts 000, 002 and 004). Idempotent: nothing is made twice.

The hub's member activities are made by the events app's demo (series owned by the host
organisations "Samverket Stockholm" and "Samverket Östersund", which this demo makes hosts of
the hub, so that the hub's activities tab shows them).
"""

import datetime

from django.utils import timezone

from spira.accounts.models import User
from spira.accounts.services import register_user
from spira.networks import services
from spira.networks.choices import MemberRole, NetworkKind, PersonRole
from spira.networks.models import Network, ProgrammeCluster
from spira.organisations import services as organisation_services
from spira.organisations.choices import MembershipRole
from spira.organisations.models import Organisation

DEMO_PASSWORD = "demo-lösenord-1"
NETWORK_EMAIL = "natverk@demo.spira.se"
HUB_EMAIL = "samverket@demo.spira.se"
PROGRAMME_EMAIL = "innocities@demo.spira.se"
PLATFORMS = [
    ("Future by Lund", "Lund", "1281"),
    ("Innovationsplattform Göteborg", "Göteborg", "1480"),
    ("Innovationsplattform Borås", "Borås", "1490"),
    ("Innovationsplattform Stockholm", "Stockholm", "0180"),
    ("Innovationsplattform Umeå", "Umeå", "2480"),
    ("Innovationsplattform Kiruna", "Kiruna", "2584"),
]
HUB_MEMBERS = [("2380", "full_time"), ("0180", "part_time"), ("2361", "drop_in"), ("2326", "drop_in")]
MODULES = [
    (
        "innovationskultur",
        "Innovationskultur",
        "Innovation culture",
        "Att bygga en kultur där nya idéer prövas och misslyckanden är lärande.",
        [
            "Kulturworkshop med ledningsgruppen",
            "Idéflöde i minst en förvaltning",
            "Uppföljning efter sex månader",
        ],
        [
            "Vi saknar ett gemensamt sätt att ta vara på medarbetarnas idéer.",
            "Chefer uppmuntrar sällan försök som kan misslyckas.",
        ],
    ),
    (
        "strategi",
        "Strategi för innovation",
        "Innovation strategy",
        "Att koppla innovationsarbetet till kommunens mål och budget.",
        ["Nulägesanalys", "Beslutad innovationsstrategi"],
        [
            "Innovation finns inte med i våra styrdokument.",
            "Vi vet inte vilka av våra mål innovation ska bidra till.",
        ],
    ),
    (
        "osakerhet",
        "Att hantera osäkerhet",
        "Managing uncertainty",
        "Metoder för att fatta beslut och pröva lösningar när utfallet är osäkert.",
        ["Scenarioövning", "Ett försök med tydlig utvärdering"],
        [
            "Vi undviker att starta sådant vi inte vet hur det slutar.",
            "Vi saknar metoder för att pröva lösningar i liten skala.",
        ],
    ),
    (
        "balans",
        "Förvaltning och innovation i balans",
        "Balancing administration and innovation",
        "Att ge utrymme för utveckling utan att tappa den dagliga driften.",
        ["Tid avsatt för utveckling i verksamhetsplanen", "Gemensam portfölj över utvecklingsarbetet"],
        [
            "Den dagliga driften tar all tid.",
            "Det är oklart vem som får lägga tid på utveckling.",
        ],
    ),
]
CLUSTER_CODES = ["2581", "2482", "2580", "2584"]
REFERENCE_GROUP_CODES = ["2581", "2482", "2580", "2584", "2380", "2361", "1490", "0680", "1980", "2262"]


def load_demo(out) -> None:
    if Network.objects.filter(slug="natsam").exists():
        out.write("Networks: already there.")
        return
    by_code = {o.municipality_code: o for o in Organisation.objects.filter(municipality_code__isnull=False)}
    natsam = _natsam(by_code)
    hub = _samverket(by_code)
    programme = _innocities(by_code)
    out.write(
        f"Networks: {natsam.name} with {natsam.memberships.count()} platforms, {hub.name} with "
        f"{hub.locations.count()} locations, {programme.name} with {programme.memberships.count()} members. "
        f"Accounts (password “{DEMO_PASSWORD}”): {NETWORK_EMAIL} (NATSAM), {HUB_EMAIL} (Samverket), "
        f"{PROGRAMME_EMAIL} (Innocities)."
    )


def _person(email: str, name: str) -> User:
    user = User.objects.filter(email__iexact=email).first()
    return user or register_user(email=email, password=DEMO_PASSWORD, display_name=name)


def _organisation(actor, name: str, kind: str, **values) -> Organisation:
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing is None:
        existing = organisation_services.create_organisation(actor, name=name, kind=kind, **values)
    elif not existing.memberships.filter(user=actor).exists():
        organisation_services.add_membership(actor, existing, actor, MembershipRole.COORDINATOR, check=False)
    return existing


def _natsam(by_code) -> Network:
    lead = _person(NETWORK_EMAIL, "Nora Nätverk")
    rise = _organisation(lead, "RISE Research Institutes of Sweden", "academia", city="Göteborg")
    natsam = services.create_network(
        lead,
        kind=NetworkKind.NATIONAL_COLLABORATION,
        name="NATSAM",
        name_en="NATSAM – national collaboration",
        description=(
            "Sveriges sex statligt finansierade innovationsplattformar – i Lund, Göteborg, Borås, Stockholm, "
            "Umeå och Kiruna – samarbetar i NATSAM, nationell samverkan, för att öka takten i omställningen "
            "och sprida innovations- och omställningsförmåga i hela Sverige. Samverkan leds av RISE."
        ),
        description_en=(
            "Sweden's six state-funded innovation platforms, in Lund, Göteborg, Borås, Stockholm, Umeå and "
            "Kiruna, work together in NATSAM to spread the capacity for innovation and transition across "
            "Sweden. The collaboration is led by RISE."
        ),
        coordinator=rise,
    )
    for name, city, code in PLATFORMS:
        platform = services.create_network(
            lead,
            kind=NetworkKind.INNOVATION_PLATFORM,
            name=name,
            description=f"Innovationsplattformen i {city}: staden, akademin, näringslivet och civilsamhället "
            "arbetar tillsammans för en attraktiv och hållbar stad.",
            coordinator=by_code.get(code),
        )
        services.add_member_network(lead, natsam, platform, starts_on=datetime.date(2021, 1, 1))
        if by_code.get(code):
            services.add_member(lead, platform, by_code[code], MemberRole.LEAD)
    services.add_member(lead, natsam, rise, MemberRole.LEAD)
    return natsam


def _samverket(by_code) -> Network:
    manager = _person(HUB_EMAIL, "Sam Samverket")
    jamtland = Organisation.objects.filter(name="Länsstyrelsen i Jämtlands län").first()
    hub = services.create_network(
        manager,
        kind=NetworkKind.COWORKING_HUB,
        name="Samverket",
        name_en="Samverket – public sector coworking",
        description=(
            "Samverket är coworking för offentlig sektor: medarbetare från myndigheter, regioner och kommuner "
            "arbetar, lär och samskapar sida vid sida i Stockholm och Östersund. Konceptet sprids till nya orter "
            "genom Samverkets playbook."
        ),
        description_en=(
            "Samverket is coworking for the public sector: people from agencies, regions and municipalities "
            "work, learn and co-create side by side in Stockholm and Östersund. The concept spreads to new "
            "places through Samverket's playbook."
        ),
        coordinator=jamtland,
        open_to_join=True,
    )
    services.add_person(manager, hub, manager, PersonRole.COMMUNITY_MANAGER, "Community manager")
    today = timezone.localdate()
    for name, city, code, address in (
        ("Samverket Stockholm", "Stockholm", "0180", "Drottninggatan 33, 111 51 Stockholm"),
        ("Samverket Östersund", "Östersund", "2380", "Prästgatan 50, 831 34 Östersund"),
    ):
        host = _organisation(manager, name, "network", city=city)
        services.add_member(manager, hub, host, MemberRole.HOST, starts_on=datetime.date(2021, 6, 1))
        location = services.add_location(
            manager,
            hub,
            name=name,
            address=address,
            city=city,
            municipality=by_code.get(code),
            community_manager=manager,
        )
        services.set_opening_hours(
            manager, location, {day: (datetime.time(8), datetime.time(17)) for day in range(5)}
        )
        for resource in (
            {"name": "Storsjön" if city == "Östersund" else "Riddarfjärden", "kind": "room", "capacity": 10},
            {"name": "Fyran", "kind": "room", "capacity": 4, "max_minutes": 120},
            {"name": "Flexplatser", "kind": "desk", "capacity": 12, "max_minutes": 480, "slot_minutes": 60},
            {"name": "Projektor och mötesljud", "kind": "equipment", "max_days_ahead": 14},
        ):
            services.add_resource(manager, location, **resource)
    for code, plan in HUB_MEMBERS:
        if code in by_code:
            services.add_member(
                manager, hub, by_code[code], plan=plan, starts_on=today - datetime.timedelta(days=200)
            )
    if jamtland is not None:
        services.add_member(
            manager, hub, jamtland, MemberRole.LEAD, plan="partner", starts_on=datetime.date(2021, 6, 1)
        )
    return hub


def _innocities(by_code) -> Network:
    lead = _person(PROGRAMME_EMAIL, "Ines Innocities")
    si = _organisation(lead, "SI Communities AB", "company", city="Stockholm")
    programme = services.create_network(
        lead,
        kind=NetworkKind.PARTNERSHIP_PROGRAMME,
        name="Innocities",
        description=(
            "Innocities är ett partnerskapsprogram för smart och hållbar samhällsutveckling genom innovation och "
            "samhandling. Kommuner deltar i kluster och följer ett program anpassat efter varje kommuns behov, "
            "tillsammans med näringsliv, akademi och civilsamhälle. Programmet bygger på en norsk modell från "
            "Smart Innovation Norway och togs fram med en referensgrupp av tio svenska kommuner."
        ),
        description_en=(
            "Innocities is a partnership programme for smart, sustainable development through innovation and "
            "collaboration. Municipalities take part in clusters and follow a programme adapted to each one's "
            "needs, with business, academia and civil society."
        ),
        coordinator=si,
    )
    modules = []
    for code, name, name_en, description, milestones, questions in MODULES:
        module = services.add_module(
            lead,
            programme,
            code,
            name,
            name_en=name_en,
            description=description,
            milestones="\n".join(milestones),
        )
        for text in questions:
            services.add_question(lead, module, text)
        modules.append(module)
    for name, kind in (
        ("Smart Innovation Norway", "company"),
        ("Mittuniversitetet", "academia"),
        ("Coompanion Norrbotten", "civil_society"),
    ):
        services.add_member(lead, programme, _organisation(lead, name, kind), MemberRole.PARTNER)
    cluster = ProgrammeCluster.objects.create(network=programme, name="Norrlandsklustret")
    participants = [by_code[c] for c in CLUSTER_CODES if c in by_code]
    for municipality in participants:
        services.add_member(
            lead,
            programme,
            municipality,
            MemberRole.PARTICIPANT,
            cluster=cluster,
            starts_on=datetime.date(2022, 9, 1),
        )
    reference = services.create_network(
        lead,
        kind=NetworkKind.REFERENCE_GROUP,
        name="Innocities referensgrupp",
        description="Tio svenska kommuner som bidrog med erfarenheter när programmet anpassades till svenska förhållanden.",
        coordinator=si,
    )
    for code in REFERENCE_GROUP_CODES:
        if code in by_code:
            services.add_member(lead, reference, by_code[code])
    services.add_member_network(lead, programme, reference)
    # Two participants have answered: one has a plan, the other waits for one.
    questions = list(programme.questions.order_by("position"))
    for index, municipality in enumerate(participants[:2]):
        assessment = services.start_assessment(lead, programme, municipality)
        answers = {q.pk: (5 - (q.position + index) % 4) for q in questions}
        services.answer_assessment(lead, assessment, answers)
        services.submit_assessment(lead, assessment)
        if index == 0:
            plan = services.create_plan(lead, assessment)
            first = plan.plan_modules.first()
            if first is not None:
                for milestone in first.milestones.all()[:1]:
                    services.set_milestone_done(lead, milestone, True)
    return programme
