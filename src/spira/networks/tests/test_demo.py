import io

import pytest

from spira.knowledge import demo as knowledge_demo
from spira.knowledge.models import KnowledgeResource
from spira.networks import demo
from spira.networks.models import Booking, Network, ProgrammePlan

pytestmark = pytest.mark.django_db


def test_demo_builds_natsam_samverket_and_innocities_once(reference_data):
    demo.load_demo(io.StringIO())
    knowledge_demo.load_demo(io.StringIO())
    demo.load_demo(io.StringIO())
    knowledge_demo.load_demo(io.StringIO())

    natsam = Network.objects.get(slug="natsam")
    platforms = sorted(m.member_network.name for m in natsam.memberships.filter(member_network__isnull=False))
    samverket = Network.objects.get(slug="samverket")
    innocities = Network.objects.get(slug="innocities")

    assert platforms == sorted(name for name, _city, _code in demo.PLATFORMS)
    assert natsam.coordinator.name == "RISE Research Institutes of Sweden"
    assert sorted(samverket.locations.values_list("name", flat=True)) == [
        "Samverket Stockholm",
        "Samverket Östersund",
    ]
    assert samverket.locations.get(name="Samverket Östersund").resources.count() == 4
    assert innocities.modules.count() == 4
    assert ProgrammePlan.objects.filter(network=innocities).count() == 1
    assert KnowledgeResource.objects.filter(type="playbook", networks=samverket).count() == 1
    assert Booking.objects.count() == 0
