"""The spread part of `spira demo`: solutions from the seed initiatives and their spread.

Samverket's playbook (the public-sector coworking hubs in Stockholm and Östersund) is taken up at
new locations; Innocities' partnership programme model is taken up by municipalities. Everything
goes through the services, as the command-line operator. Idempotent: a solution that exists is
left alone.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from spira.core.actors import COMMAND_LINE
from spira.initiatives.models import Initiative
from spira.organisations.models import Organisation
from spira.spread import services
from spira.spread.choices import AdoptionStatus, CostBand, Effort, Maturity, SolutionKind
from spira.spread.models import Solution

PLAYBOOK_NAME = "Samverkets playbook för offentliga coworkingnav"
INNOCITIES_NAME = "Innocities programmodell för kommuner"


def _municipality(name: str):
    return Organisation.objects.municipalities().filter(name=name).first()


def _initiative(text: str):
    return (
        Initiative.objects.filter(Q(title_sv__icontains=text) | Q(title_en__icontains=text))
        .order_by("pk")
        .first()
    )


def _adopt(solution, organisation, steps, source=None, confirm=False):
    """Register `organisation`'s adoption and walk it through `steps` [(status, days ago)]."""
    if organisation is None:
        return None
    today = timezone.localdate()
    first_status, first_ago = steps[0]
    adoption = services.register_adoption(
        COMMAND_LINE,
        solution,
        organisation,
        status=first_status,
        source=source,
        on=today - timedelta(days=first_ago),
    )
    for status, ago in steps[1:]:
        adoption = services.change_adoption_status(
            COMMAND_LINE, adoption, status, on=today - timedelta(days=ago)
        )
    if confirm:
        services.confirm_adoption(COMMAND_LINE, adoption, adoption.adopter)
        services.confirm_adoption(COMMAND_LINE, adoption, adoption.source)
    return adoption


def load_demo(out) -> None:
    stockholm, ostersund = _municipality("Stockholm"), _municipality("Östersund")
    if stockholm is None or ostersund is None:
        out.write("Spread: reference data missing, nothing added.")
        return
    made = [_samverket(stockholm, ostersund), _innocities()]
    out.write(
        f"Spread: {sum(1 for m in made if m)} demo solutions added ({Solution.objects.count()} in all)."
    )


def _samverket(stockholm, ostersund) -> bool:
    if Solution.objects.filter(name=PLAYBOOK_NAME).exists():
        return False
    initiative = _initiative("Samverket")
    solution = services.create_solution(
        COMMAND_LINE,
        stockholm,
        initiatives=[initiative] if initiative else [],
        name=PLAYBOOK_NAME,
        summary="Så startar och driver ni ett samverkansnav där offentliga organisationer arbetar, lär och samskapar tillsammans.",
        description=(
            "Playbooken sammanfattar affärsmodell, medlemskap, värdskap och aktiviteter från naven i "
            "Stockholm och Östersund, så att fler orter kan starta ett eget Samverket."
        ),
        kind=SolutionKind.PLAYBOOK,
        maturity=Maturity.PROVEN,
        cost_band=CostBand.MEDIUM,
        effort=Effort.MONTHS,
        competences="Värdskap, medlemsrekrytering, lokalförsörjning.",
        licence="CC-BY-4.0",
    )
    _adopt(solution, ostersund, [(AdoptionStatus.PILOTING, 900), (AdoptionStatus.IN_USE, 700)], confirm=True)
    sundsvall = _municipality("Sundsvall")
    _adopt(
        solution,
        sundsvall,
        [(AdoptionStatus.INTERESTED, 200), (AdoptionStatus.PILOTING, 90)],
        source=ostersund,
    )
    _adopt(solution, _municipality("Umeå"), [(AdoptionStatus.INTERESTED, 60)])
    return True


def _innocities() -> bool:
    if Solution.objects.filter(name=INNOCITIES_NAME).exists():
        return False
    initiative = _initiative("Innocities")
    owner = initiative.coordinator if initiative and initiative.coordinator else _municipality("Göteborg")
    solution = services.create_solution(
        COMMAND_LINE,
        owner,
        initiatives=[initiative] if initiative else [],
        name=INNOCITIES_NAME,
        summary="Ett innovationspartnerskap i kluster, med program som anpassas efter varje kommuns behov.",
        description="Bygger på en norsk modell från Smart Innovation Norway, anpassad till svenska förhållanden.",
        kind=SolutionKind.ORGANISATIONAL_MODEL,
        maturity=Maturity.IN_USE,
        cost_band=CostBand.LOW,
        effort=Effort.YEAR,
        procurement_requirements="Krav på processtöd, klustermöten och behovsanalys per kommun.",
    )
    first = _municipality("Ljusdal")
    _adopt(solution, first, [(AdoptionStatus.PILOTING, 700), (AdoptionStatus.IN_USE, 500)], confirm=True)
    _adopt(solution, _municipality("Vännäs"), [(AdoptionStatus.PILOTING, 300)], source=first)
    _adopt(solution, _municipality("Sala"), [(AdoptionStatus.INTERESTED, 30)])
    return True
