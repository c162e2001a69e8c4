"""The ideas app's part of `spira demo`: the idea sluices of Piteå and Skellefteå with ideas in
every stage, coaches, reviews, a merged duplicate and an idea that became an initiative.
Everything goes through the services, so the stage log and activity log are real. Idempotent."""

from django.contrib.auth.models import AnonymousUser

from spira.accounts.models import User
from spira.accounts.services import register_user
from spira.ideas import services
from spira.ideas.choices import StageType
from spira.ideas.models import Sluice
from spira.organisations.choices import MembershipRole
from spira.organisations.models import Organisation
from spira.organisations.services import add_membership

DEMO_PASSWORD = "demo-lösenord-1"
MUNICIPALITIES = {"2581": "pitea", "2482": "skelleftea"}

# (title, need, idea, theme, stage type to end in, answer)
IDEAS = [
    (
        "Fler bänkar längs älvpromenaden",
        "Äldre orkar inte gå hela promenaden utan att vila.",
        "Sätt upp bänkar var tvåhundrade meter.",
        "environment",
        StageType.NEW,
        "",
    ),
    (
        "Sms när tömningen av soptunnan ändras",
        "Man missar ändrade tömningsdagar.",
        "Ett frivilligt sms-utskick när schemat ändras.",
        "digital",
        StageType.SCREENING,
        "Tack! Vi undersöker vad det skulle kosta.",
    ),
    (
        "Läxhjälp på biblioteket på kvällar",
        "Elever saknar hjälp med läxor hemma.",
        "Volontärer och lärarstudenter ger läxhjälp två kvällar i veckan.",
        "education",
        StageType.DEVELOPMENT,
        "",
    ),
    (
        "Lånecyklar för hemtjänsten",
        "Hemtjänsten står i bilköer i centrum.",
        "Elcyklar för korta besök i centrum.",
        "welfare",
        StageType.TEST,
        "Vi testar med fem elcyklar under sommaren.",
    ),
    (
        "Digital blankett för bygglovsfrågor",
        "Många ringer med samma frågor om bygglov.",
        "En guide med frågor som leder till rätt blankett.",
        "digital",
        StageType.IMPLEMENTATION,
        "Guiden byggs nu av kommunens e-tjänstgrupp.",
    ),
    (
        "Återbruksstation vid återvinningscentralen",
        "Fungerande saker slängs.",
        "En hylla där man lämnar och tar saker gratis.",
        "environment",
        StageType.SPREAD,
        "Stationen är i drift och sprids nu till fler orter.",
    ),
    (
        "Isbana på torget",
        "Barn saknar en plats att åka skridskor i centrum.",
        "Spola is på torget på vintern.",
        "culture",
        StageType.CLOSED_DONE,
        "Isbanan öppnade i december. Tack för idén!",
    ),
    (
        "Gratis buss till badplatsen",
        "Unga utan bil kommer inte till badet.",
        "Gratis sommarbuss två gånger om dagen.",
        "transport",
        StageType.CLOSED_NOT_PURSUED,
        "Tack! Vi går inte vidare: länstrafiken kör redan en sommarlinje dit.",
    ),
    (
        "Språkcafé för nyanlända",
        "Nyanlända har få tillfällen att prata svenska.",
        "Ett språkcafé varje vecka med frivilliga.",
        "democracy",
        StageType.PARKED,
        "Vi väntar på besked om föreningsbidrag.",
    ),
]
STEPS = {
    StageType.NEW: [],
    StageType.SCREENING: [StageType.SCREENING],
    StageType.DEVELOPMENT: [StageType.SCREENING, StageType.DEVELOPMENT],
    StageType.TEST: [StageType.SCREENING, StageType.DEVELOPMENT, StageType.TEST],
    StageType.IMPLEMENTATION: [
        StageType.SCREENING,
        StageType.DEVELOPMENT,
        StageType.TEST,
        StageType.IMPLEMENTATION,
    ],
    StageType.SPREAD: [StageType.SCREENING, StageType.IMPLEMENTATION, StageType.SPREAD],
    StageType.CLOSED_DONE: [StageType.SCREENING, StageType.IMPLEMENTATION, StageType.CLOSED_DONE],
    StageType.CLOSED_NOT_PURSUED: [StageType.SCREENING, StageType.CLOSED_NOT_PURSUED],
    StageType.PARKED: [StageType.SCREENING, StageType.PARKED],
}


def _person(email: str, name: str, organisation=None, role=MembershipRole.MEMBER) -> User:
    user = User.objects.filter(email__iexact=email).first() or register_user(
        email=email, password=DEMO_PASSWORD, display_name=name
    )
    if organisation is not None and not user.memberships.filter(organisation=organisation).exists():
        add_membership(None, organisation, user, role, check=False)
    return user


def _sluice(organisation, key: str) -> tuple[Sluice, User, User]:
    coordinator = _person(
        f"ideer.{key}@demo.spira.se",
        f"Idésamordnare {organisation.name}",
        organisation,
        MembershipRole.COORDINATOR,
    )
    coach = _person(f"coach.{key}@demo.spira.se", f"Coach {organisation.name}", organisation)
    sluice = services.create_sluice(
        coordinator,
        organisation,
        name=f"Idéslussen {organisation.name}",
        description=f"Har du en idé som kan göra {organisation.name} bättre? Lämna den här – alla idéer får svar.",
    )
    services.create_challenge(
        coordinator,
        sluice,
        title="Hur kan vi göra det enklare att använda kommunens e-tjänster?",
        strategy="Digitaliseringsstrategin",
    )
    return sluice, coordinator, coach


def _fill(sluice: Sluice, coordinator: User, coach: User, key: str) -> None:
    stages = {s.stage_type: s for s in sluice.stages.all()}
    resident = AnonymousUser()
    ideas = []
    for number, (title, need, text, theme, end, answer) in enumerate(IDEAS):
        idea = services.submit_idea(
            resident,
            sluice,
            ip=f"demo-{key}-{number}",
            title=title,
            need=need,
            description=text,
            theme=theme,
            contact_email=f"invanare{number}.{key}@example.se" if number % 2 == 0 else "",
        )
        if end != StageType.NEW:
            services.assign_coach(coordinator, idea, coach)
        steps = STEPS[end]
        for index, stage_type in enumerate(steps):
            last = index == len(steps) - 1
            services.move_idea(coordinator, idea, stages[stage_type], answer if last else "")
        ideas.append(idea)
    reviewer = _person(
        f"bedomare.{key}@demo.spira.se", f"Bedömare {sluice.organisation.name}", sluice.organisation
    )
    idea = ideas[2]
    idea.refresh_from_db()
    review_round = services.open_review_round(coordinator, idea, [reviewer, coach])
    criteria = list(sluice.criteria.all())
    for review, value in zip(review_round.reviews.order_by("id"), (4, 3), strict=False):
        services.submit_review(review.reviewer, review, {c.pk: value for c in criteria}, comment="Lovande.")
    duplicate = services.submit_idea(
        resident,
        sluice,
        ip=f"demo-{key}-dup",
        title="Bänkar vid älven",
        need="Det behövs fler sittplatser.",
        description="Fler bänkar vid älven.",
    )
    services.merge_ideas(coordinator, duplicate, ideas[0])
    implemented = ideas[4]
    implemented.refresh_from_db()
    services.graduate_idea(coordinator, implemented)


def load_demo(out) -> None:
    organisations = {
        o.municipality_code: o for o in Organisation.objects.filter(municipality_code__in=MUNICIPALITIES)
    }
    if len(organisations) < len(MUNICIPALITIES):
        out.write("Ideas: reference data missing, skipped.")
        return
    made = []
    for code, key in MUNICIPALITIES.items():
        organisation = organisations[code]
        if Sluice.objects.filter(organisation=organisation, name=f"Idéslussen {organisation.name}").exists():
            continue
        sluice, coordinator, coach = _sluice(organisation, key)
        _fill(sluice, coordinator, coach, key)
        made.append(sluice.name)
    if not made:
        out.write("Ideas: already there.")
        return
    out.write(
        f"Ideas: {', '.join(made)} with ideas in every stage, reviews, a merged duplicate and a graduated "
        f"initiative. Accounts (password “{DEMO_PASSWORD}”): ideer.pitea@demo.spira.se, ideer.skelleftea@demo.spira.se."
    )
