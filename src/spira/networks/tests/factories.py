"""Factories for networks. No surprises: a NetworkFactory is an innovation platform with no
members; a HubFactory is a coworking hub open to join; a LocationFactory is open weekdays
08:00–17:00; a ResourceFactory is a room members may book up to 30 days ahead, 4 hours at most,
in steps of 30 minutes."""

import datetime

import factory

from spira.accounts.tests.factories import UserFactory
from spira.networks.choices import MemberRole, NetworkKind, PersonRole
from spira.networks.models import (
    AssessmentQuestion,
    BookableResource,
    HubLocation,
    Network,
    NetworkMembership,
    NetworkPerson,
    NetworkPost,
    OpeningHours,
    ProgrammeCluster,
    ProgrammeModule,
)
from spira.organisations.tests.factories import MunicipalityFactory, OrganisationFactory

__all__ = ["MunicipalityFactory", "OrganisationFactory", "UserFactory"]


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    kind = NetworkKind.INNOVATION_PLATFORM
    name = factory.Sequence(lambda n: f"Nätverk {n}")
    slug = factory.Sequence(lambda n: f"natverk-{n}")
    description = "Ett nätverk för offentlig innovation."


class HubFactory(NetworkFactory):
    kind = NetworkKind.COWORKING_HUB
    name = factory.Sequence(lambda n: f"Hubb {n}")
    slug = factory.Sequence(lambda n: f"hubb-{n}")
    open_to_join = True


class ProgrammeFactory(NetworkFactory):
    kind = NetworkKind.PARTNERSHIP_PROGRAMME
    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MemberRole.MEMBER


class NetworkPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkPerson

    network = factory.SubFactory(NetworkFactory)
    user = factory.SubFactory(UserFactory)
    role = PersonRole.ADMIN


class NetworkPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkPost

    network = factory.SubFactory(NetworkFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Inlägg {n}")
    body = "Hej alla medlemmar."


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubLocation
        skip_postgeneration_save = True

    network = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"Plats {n}")
    slug = factory.Sequence(lambda n: f"plats-{n}")
    address = "Storgatan 1, 831 30 Östersund"
    city = "Östersund"

    @factory.post_generation
    def hours(location, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        for weekday in range(5):
            OpeningHours.objects.create(
                location=location, weekday=weekday, opens=datetime.time(8), closes=datetime.time(17)
            )


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookableResource

    location = factory.SubFactory(LocationFactory)
    name = factory.Sequence(lambda n: f"Rum {n}")
    capacity = 8


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeModule

    network = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"modul-{n}")
    name = factory.Sequence(lambda n: f"Modul {n}")
    milestones = "Workshop genomförd\nTillämpat i egen verksamhet"
    position = factory.Sequence(lambda n: n)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentQuestion

    module = factory.SubFactory(ModuleFactory)
    network = factory.LazyAttribute(lambda o: o.module.network)
    text = factory.Sequence(lambda n: f"Påstående {n}")
    position = factory.Sequence(lambda n: n)


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeCluster

    network = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Kluster {n}")


def next_weekday_at(hour: int, minute: int = 0, days_ahead: int = 1) -> datetime.datetime:
    """An aware datetime on a weekday at least `days_ahead` days from now, in Stockholm time."""
    from django.utils import timezone

    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
