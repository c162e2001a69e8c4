"""The knowledge bank's part of `spira demo`: the playbooks and methods of Samverket, Innocities
and NATSAM, a finding of accompanying research on gender equality, and a collection, linked to
the seed initiatives that used or studied them. Idempotent."""

from django.db.models import Q

from spira.accounts.models import User
from spira.accounts.services import register_user
from spira.initiatives.models import Initiative
from spira.knowledge import services
from spira.knowledge.models import KnowledgeResource
from spira.networks.models import Network
from spira.organisations.models import Organisation

DEMO_PASSWORD = "demo-lösenord-1"
EDITOR_EMAIL = "kunskap@demo.spira.se"

RESOURCES = [
    {
        "values": {
            "type": "playbook",
            "title": "Samverkets playbook – starta en samverkansarena för offentlig sektor",
            "title_en": "Samverket's playbook – starting a coworking arena for the public sector",
            "summary": "Steg för steg från idé till öppnad hubb: affärsmodell, medlemskap, community management, "
            "lokaler och medlemsdrivna aktiviteter. Framtagen av Samverket i Stockholm och Östersund.",
            "summary_en": "Step by step from idea to an open hub: business model, membership, community "
            "management, premises and member-driven activities.",
            "discipline": "collaboration",
            "intended_user": "networks",
            "licence": "cc_by",
            "format": "document",
            "adaptability": "adaptable",
            "year": 2023,
        },
        "publisher": "Länsstyrelsen i Jämtlands län",
        "networks": ["samverket"],
        "initiatives": [("arenas", "produced")],
    },
    {
        "values": {
            "type": "method",
            "title": "Innocities partnerskapsmodell",
            "title_en": "The Innocities partnership model",
            "summary": "En systematisk innovationsprocess för små och medelstora kommuner: behovsanalys, "
            "kluster av kommuner och moduler om innovationskultur, strategi, osäkerhet och balans mellan "
            "förvaltning och innovation. Bygger på en norsk modell.",
            "discipline": "innovation_management",
            "intended_user": "innovation_teams",
            "licence": "all_rights",
            "format": "workshop",
            "adaptability": "expert",
            "year": 2023,
        },
        "publisher": "SI Communities AB",
        "networks": ["innocities"],
        "initiatives": [("Innocities", "produced")],
    },
    {
        "values": {
            "type": "report",
            "title": "Omställningsförmåga i svenska städer – lärdomar från NATSAM",
            "summary": "Hur sex innovationsplattformar arbetar med stadens innovations- och omställningsförmåga, "
            "och vad de lärt sig av att samverka nationellt.",
            "discipline": "systems",
            "intended_user": "managers",
            "licence": "cc_by",
            "format": "document",
            "adaptability": "adaptable",
            "year": 2024,
        },
        "publisher": "RISE Research Institutes of Sweden",
        "networks": ["natsam"],
        "initiatives": [("NATSAM", "produced")],
    },
    {
        "values": {
            "type": "research_finding",
            "title": "Jämställdhet i innovationsarbetet – resultat från följeforskning",
            "summary": "Följeforskningen visar att jämställdhet oftast integreras när den finns med från början "
            "i behovsanalysen, och sällan när den läggs till i slutet av ett projekt.",
            "discipline": "evaluation",
            "intended_user": "researchers",
            "licence": "cc_by",
            "format": "document",
            "adaptability": "ready",
            "year": 2024,
            "research_theme": "Jämställdhet",
        },
        "publisher": None,
        "publisher_name": "Följeforskningen för Samverket och Innocities",
        "networks": [],
        "initiatives": [("arenas", "studied"), ("Innocities", "studied")],
    },
    {
        "values": {
            "type": "toolkit",
            "title": "Dialogverkstad – verktyg för att lyfta systemhinder",
            "summary": "Mallar och övningar för att samla de som möter ett systemhinder och formulera det så att "
            "rätt nivå kan svara.",
            "discipline": "co_creation",
            "intended_user": "co_workers",
            "licence": "cc_by_sa",
            "format": "cards",
            "adaptability": "ready",
            "year": 2022,
        },
        "publisher": None,
        "publisher_name": "Spira",
        "networks": [],
        "initiatives": [],
    },
]


def _initiative(hint: str):
    return (
        Initiative.objects.published()
        .filter(Q(title_sv__icontains=hint) | Q(title_en__icontains=hint))
        .order_by("pk")
        .first()
    )


def load_demo(out) -> None:
    if KnowledgeResource.objects.filter(slug__startswith="samverkets-playbook").exists():
        out.write("Knowledge bank: already there.")
        return
    editor = User.objects.filter(email__iexact=EDITOR_EMAIL).first() or register_user(
        email=EDITOR_EMAIL, password=DEMO_PASSWORD, display_name="Karin Kunskap"
    )
    made, linked = [], 0
    for item in RESOURCES:
        values = dict(item["values"])
        if item["publisher"]:
            values["publisher"] = Organisation.objects.filter(name=item["publisher"]).first()
        if not values.get("publisher"):
            values["publisher_name"] = item.get("publisher_name") or item["publisher"] or "Spira"
        networks = list(Network.objects.filter(slug__in=item["networks"]))
        resource = services.create_resource(editor, networks=networks, **values)
        for hint, relation in item["initiatives"]:
            initiative = _initiative(hint)
            if initiative is not None:
                services.link_initiative(editor, resource, initiative, relation)
                linked += 1
        made.append(resource)
    collection = services.create_collection(
        editor, "Starta en hubb", "Det du behöver för att starta en samverkansarena på en ny ort."
    )
    for resource in made[:1] + made[3:4]:
        services.add_to_collection(editor, collection, resource)
    services.write_review(
        editor,
        made[0],
        rating=5,
        strengths="Konkret: mallar för medlemsavtal och en tydlig första månad.",
        limitations="Skriven för större orter; små kommuner behöver en enklare affärsmodell.",
    )
    out.write(f"Knowledge bank: {len(made)} resources, {linked} links to initiatives, 1 collection.")
