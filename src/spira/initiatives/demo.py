"""The case library's part of `spira demo`: the seed project pages, the SweCRIS sample and NATSAM.

Idempotent: the importers change nothing the second time, NATSAM and the demo accounts are only
created when they are missing.
"""

from pathlib import Path

from django.conf import settings

from spira.accounts.models import User
from spira.accounts.services import register_user, set_platform_role
from spira.core.actors import COMMAND_LINE
from spira.initiatives import services
from spira.initiatives.choices import Origin
from spira.initiatives.importers.loader import import_records
from spira.initiatives.importers.matching import OrganisationMatcher
from spira.initiatives.importers.runs import records_from_path
from spira.initiatives.models import Initiative
from spira.organisations.choices import MembershipRole
from spira.organisations.models import Organisation
from spira.organisations.services import add_membership

SEED_PAGES = ("000", "001", "004")
DEMO_PASSWORD = "demo-lösenord-1"
MODERATOR_EMAIL = "moderator@demo.spira.se"
COORDINATOR_EMAIL = "samordnare.pitea@demo.spira.se"
NATSAM_TITLE = "NATSAM – Nationell samverkan mellan innovationsplattformar för hållbara attraktiva städer"
NATSAM_CITIES = ("Lund", "Göteborg", "Borås", "Stockholm", "Umeå", "Kiruna")


def load_demo(out) -> None:
    moderator = _demo_users(out)
    pages = [
        item
        for number in SEED_PAGES
        for path in sorted(Path(settings.SPIRA_SEED_DIR).glob(f"{number}_*.txt"))
        for item in records_from_path(Origin.VINNOVA_PAGE, path)
    ]
    _report(out, "Vinnova project pages", import_records(pages, Origin.VINNOVA_PAGE))
    sample = Path(settings.SPIRA_REFERENCE_DATA_DIR) / "swecris_vinnova_sample.json"
    _report(out, "SweCRIS sample", import_records(records_from_path(Origin.SWECRIS, sample), Origin.SWECRIS))
    created = _natsam(moderator)
    out.write(f"NATSAM: {'created' if created else 'already there'}.")
    out.write(
        f"Demo accounts (password “{DEMO_PASSWORD}”): {MODERATOR_EMAIL} (moderator), "
        f"{COORDINATOR_EMAIL} (innovation coordinator in Piteå kommun)."
    )


def _report(out, what: str, report) -> None:
    out.write(
        f"{what}: {report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.failed} failed."
    )


def _demo_users(out) -> User:
    """A moderator and an innovation coordinator in Piteå (unless another app's demo made them)."""
    moderator = _user(MODERATOR_EMAIL, "Moa Moderator")
    if moderator.platform_role != "moderator":
        set_platform_role(COMMAND_LINE, moderator, "moderator")
    coordinator = _user(COORDINATOR_EMAIL, "Sam Samordnare")
    pitea = Organisation.objects.filter(municipality_code="2581").first()
    if pitea is not None and not coordinator.memberships.filter(organisation=pitea).exists():
        add_membership(None, pitea, coordinator, MembershipRole.COORDINATOR, check=False)
    return moderator


def _user(email: str, display_name: str) -> User:
    user = User.objects.filter(email__iexact=email).first()
    return user or register_user(email=email, password=DEMO_PASSWORD, display_name=display_name)


def _natsam(moderator: User) -> bool:
    """The six innovation platforms' national collaboration, written from a news article (seed 002)."""
    if Initiative.objects.filter(title_sv=NATSAM_TITLE).exists():
        return False
    matcher = OrganisationMatcher(source="demo")
    rise = Organisation.objects.get(pk=matcher.match_or_create("RISE Research Institutes of Sweden"))
    matcher.commit()
    vinnova = Organisation.objects.filter(org_number="202100-5216").first()
    cities = [pk for name in NATSAM_CITIES if (pk := matcher.municipality(name)) is not None]
    partners = [(organisation, "partner") for organisation in Organisation.objects.filter(pk__in=cities)]
    initiative = services.create_initiative(
        moderator,
        note="Demo",
        original_language="sv",
        title_sv=NATSAM_TITLE,
        title_en="NATSAM – National collaboration between innovation platforms for sustainable, attractive cities",
        summary_sv=(
            "De sex statligt finansierade innovationsplattformarna i Lund, Göteborg, Borås, Stockholm, "
            "Umeå och Kiruna samverkar för att sprida omställningsförmåga i hela Sverige. Projektet "
            "leds av RISE, finansieras av Vinnova och pågick 2020–2023."
        ),
        summary_en=(
            "The six state-funded innovation platforms in Lund, Gothenburg, Borås, Stockholm, Umeå and "
            "Kiruna work together to spread the capacity for transition across Sweden. Led by RISE, "
            "funded by Vinnova, 2020–2023."
        ),
        overview_sv=(
            "Svenska kommuner står inför många utmaningar – klimatförändringar, en åldrande befolkning "
            "och en omvälvande kris i coronavirusets spår. Innovationsplattformarna arbetar med kommunernas "
            "innovations- och omställningsförmåga och samarbetar i NATSAM, som står för nationell samverkan. "
            "Projektet utgör den tredje och sista fasen i Vinnovas satsning på innovationsplattformar för "
            "hållbara attraktiva städer."
        ),
        purpose_sv=(
            "Projektet har fokus på att:\n"
            "- utveckla nya sätt att leda och organisera innovation i kommunal verksamhet;\n"
            "- förstärka den lokala nivåns inflytande på det regionala och nationella innovationsekosystemet;\n"
            "- bidra till metod- och policyutveckling för att undanröja systemhinder på lokal, regional "
            "och nationell nivå;\n"
            "- initiera ett tvärvetenskapligt forskningsfält om ledning och organisering av innovation "
            "och omställning i kommunala organisationer;\n"
            "- lägga grunden till en öppen nationell lärplattform för fördjupat lärande och stärkt "
            "innovationsförmåga och omställningskapacitet i Sveriges kommuner, för att uppnå Agenda 2030.\n\n"
            "Visionen är att projektet på sikt kan utvecklas till en svensk motsvarighet till OECD:s "
            "Observatory of Public Sector Innovation (OPSI)."
        ),
        approach_sv=(
            "Varje innovationsplattform är unik och har i de tidigare faserna tagit fram sina egna sätt att "
            "arbeta, ofta genom lokal samverkan. I NATSAM ser plattformarna uppåt i systemet, mot regional "
            "organisation och nationell lagstiftning. Ett nytt grepp är ”Dialogverkstad för omställning”: "
            "när barriärerna ligger utanför den kommunala rådigheten – juridiska eller strukturella hinder – "
            "sätts samtal upp med lämpliga aktörer på regional- eller riksnivå.\n\n"
            "I projektet ingår nationell följeforskning som samlar och sprider de medverkande städernas "
            "kunskap och bland annat följer hur städerna integrerar jämställdhet och jämlikhet i "
            "innovationsarbetet."
        ),
        status="completed",
        sector="general_public_services",
        government_level="multi_level",
        coordinator=rise,
        funder=vinnova,
        programme="Innovationsplattformar för hållbara attraktiva städer",
        start_month="2020-01",
        end_month="2023-12",
        participations=partners,
        tags=["innovationsplattform", "omställning", "dialogverkstad", "följeforskning", "systemhinder"],
        stages=["diffusing_lessons", "evaluation"],
        sdgs=[5, 9, 11, 17],
    )
    services.submit_for_review(moderator, initiative)
    services.publish(moderator, initiative)
    return True
