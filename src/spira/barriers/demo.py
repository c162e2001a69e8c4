"""The barriers part of `spira demo`: system barriers from the seed texts, with a whole trail.

From seed 002 (NATSAM): legal and structural obstacles outside the municipalities' mandate
(rådighet), taken to the regional and national level in a "Dialogverkstad för omställning". From
seed 003 (Innovation Week): procurement that prevents scaling. Piteå reports the procurement
barrier, nine municipalities say they have it too, it is discussed in a dialogue workshop,
escalated to Upphandlingsmyndigheten and answered. Everything goes through the services.
Idempotent: nothing is created when the first demo barrier exists.
"""

from datetime import timedelta

from django.utils import timezone

from spira.accounts.models import User
from spira.accounts.services import register_user
from spira.barriers import services
from spira.barriers.choices import AnswerDecision, BarrierKind, BarrierStatus, Level
from spira.barriers.models import Barrier, Escalation
from spira.initiatives.models import Initiative
from spira.organisations.choices import MembershipRole
from spira.organisations.models import Organisation
from spira.organisations.services import add_membership

DEMO_PASSWORD = "demo-lösenord-1"
PROCUREMENT_TITLE = "Upphandlingsregler hindrar att innovationer skalas upp"
ENDORSERS = ("2580", "2582", "2584", "2480", "1281", "1490", "1480", "0180", "2482")  # kommunkoder


def load_demo(out) -> None:
    if Barrier.objects.filter(title=PROCUREMENT_TITLE).exists():
        out.write("Barriers: already there.")
        return
    orgs = _organisations()
    if orgs is None:
        out.write("Barriers: reference data missing, skipped.")
        return
    people = {key: _person(key, org, role) for key, (org, role) in _roles(orgs).items()}
    _procurement(orgs, people)
    _legal_mandate(orgs, people)
    _data_structures(orgs, people)
    _funding(orgs, people)
    out.write(
        f"Barriers: 4 demo barriers with endorsements, a dialogue workshop, escalations and answers. "
        f"Accounts (password “{DEMO_PASSWORD}”): hinder.pitea@demo.spira.se (coordinator, Piteå), "
        "svar.upphandlingsmyndigheten@demo.spira.se (Upphandlingsmyndigheten)."
    )


def _organisations() -> dict | None:
    by_code = {o.municipality_code: o for o in Organisation.objects.filter(municipality_code__isnull=False)}
    agencies = {
        o.org_number: o
        for o in Organisation.objects.filter(
            org_number__in=["202100-6610", "202100-3989", "202100-6883", "202100-5216"]
        )
    }
    regions = {o.name: o for o in Organisation.objects.filter(kind="region")}
    if "2581" not in by_code or "202100-6610" not in agencies:
        return None
    return {
        "pitea": by_code["2581"],
        "lund": by_code.get("1281"),
        "umea": by_code.get("2480"),
        "kiruna": by_code.get("2584"),
        "endorsers": [by_code[code] for code in ENDORSERS if code in by_code],
        "uhm": agencies["202100-6610"],
        "boverket": agencies.get("202100-3989"),
        "digg": agencies.get("202100-6883"),
        "vinnova": agencies.get("202100-5216"),
        "norrbotten": regions.get("Region Norrbotten"),
        "vasterbotten": regions.get("Region Västerbotten"),
    }


def _roles(orgs: dict) -> dict:
    roles = {
        "pitea": (orgs["pitea"], MembershipRole.COORDINATOR),
        "uhm": (orgs["uhm"], MembershipRole.MEMBER),
    }
    for key in ("lund", "umea", "kiruna", "boverket", "digg", "vasterbotten"):
        if orgs.get(key) is not None:
            role = MembershipRole.COORDINATOR if key in {"lund", "umea", "kiruna"} else MembershipRole.MEMBER
            roles[key] = (orgs[key], role)
    for number, organisation in enumerate(orgs["endorsers"]):
        roles[f"endorser{number}"] = (organisation, MembershipRole.MEMBER)
    return roles


EMAILS = {"uhm": "svar.upphandlingsmyndigheten", "pitea": "hinder.pitea"}


def _person(key: str, organisation: Organisation, role: str) -> User:
    email = f"{EMAILS.get(key, 'hinder.' + key)}@demo.spira.se"
    user = User.objects.filter(email__iexact=email).first() or register_user(
        email=email, password=DEMO_PASSWORD, display_name=f"{organisation.display_name} (demo)"
    )
    if not user.memberships.filter(organisation=organisation).exists():
        add_membership(None, organisation, user, role, check=False)
    return user


def _backdate(escalation: Escalation, days_ago: int) -> None:
    """Demo data only: move an escalation into the past so that the demo shows an overdue answer."""
    created = timezone.now() - timedelta(days=days_ago)
    deadline = escalation.deadline - timedelta(days=days_ago)
    Escalation.objects.filter(pk=escalation.pk).update(created_at=created, deadline=deadline)
    Barrier.objects.filter(pk=escalation.barrier_id).update(answer_due=deadline)


def _procurement(orgs: dict, people: dict) -> None:
    pitea = people["pitea"]
    natsam = Initiative.objects.filter(title_sv__startswith="NATSAM").first()
    barrier = services.report_barrier(
        pitea,
        orgs["pitea"],
        title=PROCUREMENT_TITLE,
        description=(
            "Lösningar som tagits fram i samverkan med en kommun kan inte köpas av andra kommuner utan "
            "en ny upphandling. Innovationsarbetet och upphandlingen hänger inte ihop, så det som fungerar "
            "sprids inte."
        ),
        case_description=(
            "Piteå utvecklade en digital tjänst för hemtjänsten tillsammans med ett lokalt företag. "
            "När grannkommunerna ville använda den krävdes nya upphandlingar, och projektet stannade."
        ),
        kind=BarrierKind.PROCUREMENT,
        mandate_level=Level.NATIONAL,
        authority=orgs["uhm"],
        legal_reference="Lag (2016:1145) om offentlig upphandling",
        consequences="Dubbelarbete i varje kommun, och innovationer som dör efter pilotfasen.",
        proposed_change=(
            "Vägledning och avtalsmodeller för innovationsupphandling som låter fler kommuner avropa "
            "en lösning som tagits fram i samverkan."
        ),
        initiatives=[natsam] if natsam else [],
    )
    for number, organisation in enumerate(orgs["endorsers"]):
        services.endorse_barrier(
            people[f"endorser{number}"],
            barrier,
            organisation,
            f"Samma sak i {organisation.name}: en lyckad pilot kunde inte spridas utan ny upphandling.",
        )
    services.change_barrier_status(
        pitea, barrier, BarrierStatus.TRIAGED, "Berör många kommuner; tas till dialog."
    )
    organiser = orgs.get("lund") or orgs["pitea"]
    organiser_person = people.get("lund") or pitea
    start = (timezone.now() - timedelta(days=20)).replace(hour=9, minute=0, second=0, microsecond=0)
    workshop = services.create_workshop(
        organiser_person,
        organiser,
        title="Dialogverkstad för omställning: upphandling som skalar innovationer",
        starts_at=start,
        ends_at=start + timedelta(hours=4),
        location="Digitalt och i Lund",
        agenda=(
            "1. Hinder som kommunerna inte har rådighet över\n"
            "2. Upphandling som skalar innovationer\n"
            "3. Åtaganden och uppföljning"
        ),
        participant_organisations=[
            o for o in (orgs["uhm"], orgs["vinnova"], orgs["norrbotten"], orgs["pitea"], organiser) if o
        ],
        participants=[pitea, people["uhm"]],
    )
    item = services.add_barrier_to_workshop(organiser_person, workshop, barrier)
    services.record_workshop_outcome(
        organiser_person,
        item,
        recommendation="Ta fram nationell vägledning för att dela upphandlade innovationer mellan kommuner.",
        commitment="Upphandlingsmyndigheten prövar frågan formellt när den eskaleras.",
        committed_by=orgs["uhm"],
        follow_up_on=timezone.localdate() + timedelta(days=90),
    )
    escalation = services.escalate_barrier(
        pitea, barrier, orgs["uhm"], Level.NATIONAL, "Efter dialogverkstaden ber vi om ett formellt svar."
    )
    services.answer_escalation(
        people["uhm"],
        escalation,
        orgs["uhm"],
        AnswerDecision.ACCEPT,
        "Vi tar fram en vägledning om innovationsupphandling och gemensamma avtal under nästa år.",
    )


def _legal_mandate(orgs: dict, people: dict) -> None:
    if orgs.get("lund") is None or orgs.get("boverket") is None:
        return
    lund = people["lund"]
    barrier = services.report_barrier(
        lund,
        orgs["lund"],
        title="Juridiska hinder för omställning ligger utanför kommunal rådighet",
        description=(
            "Innovationsplattformarna i NATSAM möter hinder för omställning som kommunen saknar rådighet "
            "över: nationell lagstiftning och regionala strukturer."
        ),
        case_description="Future by Lund: försök med nya former för stadsutveckling stoppades av plan- och bygglagen.",
        kind=BarrierKind.LAW,
        mandate_level=Level.NATIONAL,
        authority=orgs["boverket"],
        legal_reference="Plan- och bygglag (2010:900)",
        proposed_change="Möjlighet till tidsbegränsade försök (regelsandlåda) för kommuner.",
    )
    services.change_barrier_status(lund, barrier, BarrierStatus.TRIAGED, "Lyfts i NATSAM.")
    escalation = services.escalate_barrier(lund, barrier, orgs["boverket"], Level.NATIONAL, "Ber om svar.")
    _backdate(escalation, 75)


def _data_structures(orgs: dict, people: dict) -> None:
    if orgs.get("umea") is None or orgs.get("vasterbotten") is None:
        return
    umea = people["umea"]
    barrier = services.report_barrier(
        umea,
        orgs["umea"],
        title="Regionala data går inte att dela med kommunerna",
        description="Data om resor och vård finns hos regionen men saknar gemensam struktur för delning.",
        kind=BarrierKind.DATA,
        mandate_level=Level.REGIONAL,
        authority=orgs["vasterbotten"],
    )
    services.change_barrier_status(umea, barrier, BarrierStatus.TRIAGED, "Tas upp med regionen.")
    escalation = services.escalate_barrier(umea, barrier, orgs["vasterbotten"], Level.REGIONAL)
    services.answer_escalation(
        people["vasterbotten"],
        escalation,
        orgs["vasterbotten"],
        AnswerDecision.REJECT,
        "Regionen saknar i dag rättslig grund för att dela personuppgifter på det sättet.",
    )


def _funding(orgs: dict, people: dict) -> None:
    if orgs.get("kiruna") is None:
        return
    services.report_barrier(
        people["kiruna"],
        orgs["kiruna"],
        title="Ettåriga statsbidrag gör långsiktig omställning svår",
        description="Riktade statsbidrag söks och redovisas år för år; omställning tar längre tid.",
        kind=BarrierKind.FUNDING,
        mandate_level=Level.NATIONAL,
    )
