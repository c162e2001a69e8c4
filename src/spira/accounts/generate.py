"""Users of a generated world (`spira generate`, see spira.core.generate).

Names are Swedish for most people and English for some (who then prefer English). Everyone gets
the same password, hashed once: `spira-generated-world` (synthetic data for load tests only). A
few are moderators and administrators. Accounts comes before organisations in INSTALLED_APPS, so
the memberships are made by spira.organisations.generate.

Shares with later apps: "accounts.user" (every generated user, weighted by activity: a few are
very active, most are not).
"""

from __future__ import annotations

import unicodedata

from django.contrib.auth.hashers import make_password

from spira.accounts.choices import Language, PlatformRole
from spira.accounts.models import User
from spira.core.generate import World

PASSWORD = "spira-generated-world"
EMAIL_DOMAIN = "generated.example"
ENGLISH_SHARE = 0.12

SWEDISH_FIRST = [
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kerstin", "Emma", "Ingrid", "Marie", "Elin",
    "Linnéa", "Maja", "Ebba", "Alva", "Astrid", "Sofia", "Fatima", "Amira", "Johanna", "Malin",
    "Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Nils", "Mikael", "Jan", "Hans", "Peter",
    "Olof", "Gunnar", "Fredrik", "Oskar", "Hugo", "Elias", "Axel", "Ali", "Mohammed", "Björn",
    "Åsa", "Göran", "Jörgen", "Örjan",
]  # fmt: skip
SWEDISH_LAST = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson",
    "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Olofsson", "Lindqvist", "Lindgren", "Berg",
    "Axelsson", "Bergström", "Lundberg", "Lundqvist", "Mattsson", "Berglund", "Sandberg", "Forsberg",
    "Sjöberg", "Wallin", "Engström", "Eklund", "Håkansson", "Björk", "Holm", "Nyström", "Söderberg",
    "Ali", "Mohammed", "Hassan", "Nordström", "Öberg", "Åberg",
]  # fmt: skip
ENGLISH_FIRST = [
    "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Susan", "Thomas", "Sarah", "Emily", "Oliver", "Charlotte", "Jack",
    "Amelia", "Harry", "Olivia", "George", "Noah", "Ava", "Leo", "Mia", "Arthur", "Grace",
]  # fmt: skip
ENGLISH_LAST = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
    "Clarke", "Murphy", "O'Brien", "Kelly", "Walsh", "Byrne", "Campbell",
]  # fmt: skip


def already_generated() -> bool:
    return User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum())


def generate(world: World) -> None:
    rng = world.rng_for("accounts")
    total = world.count("users")
    password = make_password(PASSWORD)
    moderators = max(2, total // 1000)
    administrators = max(1, total // 20_000)

    def users():
        for index in range(total):
            english = rng.random() < ENGLISH_SHARE
            first = rng.choice(ENGLISH_FIRST if english else SWEDISH_FIRST)
            last = rng.choice(ENGLISH_LAST if english else SWEDISH_LAST)
            if index < administrators:
                role = PlatformRole.ADMINISTRATOR
            elif index < administrators + moderators:
                role = PlatformRole.MODERATOR
            else:
                role = PlatformRole.NONE
            yield User(
                email=f"{_ascii(first)}.{_ascii(last)}.{index}@{EMAIL_DOMAIN}",
                display_name=f"{first} {last}",
                preferred_language=Language.ENGLISH if english else Language.SWEDISH,
                platform_role=role,
                password=password,
                date_joined=world.random_datetime(rng),
            )

    world.bulk_create(User, users(), desc="users", total=total)
    user_ids = list(
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        .order_by("date_joined", "email")
        .values_list("id", flat=True)
    )
    # A few people do most of the work: activity weights follow a heavy-tailed (Pareto) draw.
    world.remember("accounts.user", user_ids, [rng.paretovariate(1.5) for _ in user_ids])
