"""Factories for the case library. No surprises: an InitiativeFactory is a Swedish draft with an
owner, a title and a summary and nothing else; PublishedInitiativeFactory is the same, published.
Stages come from the data migration (`stage("implementation")`)."""

import datetime

import factory
from django.utils import timezone

from spira.accounts.tests.factories import UserFactory
from spira.initiatives.choices import InitiativeStatus, OrganisationRole, PublicationState
from spira.initiatives.models import (
    CoAuthorInvitation,
    Initiative,
    InitiativeLink,
    InitiativeOrganisation,
    InitiativeRevision,
    Stage,
    Tag,
)
from spira.organisations.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    SdgFactory,
)

__all__ = [
    "CoAuthorInvitationFactory",
    "InitiativeFactory",
    "InitiativeLinkFactory",
    "InitiativeOrganisationFactory",
    "InitiativeRevisionFactory",
    "MembershipFactory",
    "MunicipalityFactory",
    "OrganisationFactory",
    "PublishedInitiativeFactory",
    "SdgFactory",
    "TagFactory",
    "UserFactory",
    "stage",
]


def stage(code: str) -> Stage:
    return Stage.objects.get(code=code)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"initiativ-{n}")
    original_language = "sv"
    title_sv = factory.Sequence(lambda n: f"Idésluss nummer {n}")
    summary_sv = "En gemensam väg från idé till genomförd förändring."
    status = InitiativeStatus.ONGOING
    owner = factory.SubFactory(UserFactory)
    state = PublicationState.DRAFT


class PublishedInitiativeFactory(InitiativeFactory):
    state = PublicationState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    start_month = datetime.date(2021, 6, 1)


class InitiativeOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeOrganisation

    initiative = factory.SubFactory(InitiativeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = OrganisationRole.PARTNER


class InitiativeLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeLink

    initiative = factory.SubFactory(InitiativeFactory)
    url = factory.Sequence(lambda n: f"https://example.se/projekt/{n}")
    title = factory.Sequence(lambda n: f"Projektsida {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"tagg {n}")
    slug = factory.Sequence(lambda n: f"tagg-{n}")


class InitiativeRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeRevision

    initiative = factory.SubFactory(InitiativeFactory)
    number = factory.Sequence(lambda n: n + 1)
    data = factory.LazyFunction(dict)


class CoAuthorInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoAuthorInvitation

    initiative = factory.SubFactory(InitiativeFactory)
    email = factory.Sequence(lambda n: f"inbjuden{n}@example.se")
    invited_by = factory.LazyAttribute(lambda o: o.initiative.owner)
