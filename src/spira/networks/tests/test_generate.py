import pytest

from spira.core.generate import World
from spira.initiatives.tests.factories import PublishedInitiativeFactory
from spira.knowledge import generate as knowledge_generate
from spira.knowledge.models import KnowledgeResource
from spira.networks import generate
from spira.networks.models import Booking, BookingSlot, Network, NetworkMembership, ProgrammePlan
from spira.networks.queries import member_network_tree
from spira.organisations.tests.factories import MunicipalityFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def small_world() -> World:
    world = World(scale="small", seed=7, progress=False)
    municipalities = [MunicipalityFactory().pk for _ in range(6)]
    world.remember("organisations.municipality", municipalities)
    world.remember(
        "organisations.organisation", municipalities + [OrganisationFactory().pk for _ in range(6)]
    )
    world.remember("accounts.user", [UserFactory().pk for _ in range(5)])
    world.remember("initiatives.initiative", [PublishedInitiativeFactory().pk for _ in range(3)])
    return world


def digest() -> list:
    return list(
        Network.objects.order_by("slug").values_list("slug", "kind", "name", "coordinator_id")
    ) + list(
        NetworkMembership.objects.order_by(
            "network__slug", "organisation_id", "member_network_id"
        ).values_list("network__slug", "organisation_id", "member_network__slug", "plan")
    )


def test_generate_makes_every_kind_without_cycles_or_double_bookings():
    world = small_world()

    generate.generate(world)
    knowledge_generate.generate(world)

    assert Network.objects.count() == world.count("networks")
    assert set(Network.objects.values_list("kind", flat=True)) >= {
        "coworking_hub",
        "partnership_programme",
        "national_collaboration",
    }
    assert all(n.pk not in member_network_tree(n) for n in Network.objects.all())
    assert BookingSlot.objects.count() == 2 * Booking.objects.count()
    assert ProgrammePlan.objects.exists()
    assert KnowledgeResource.objects.count() == world.count("knowledge")


def test_generate_is_deterministic_for_a_seed():
    world = small_world()
    generate.generate(world)
    first = digest()
    Network.objects.all().delete()

    generate.generate(world)

    second = digest()
    assert [row[1:] for row in first] == [row[1:] for row in second]
