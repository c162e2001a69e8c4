"""Factories for the search tests: published initiatives with a coordinator, nothing else."""

import datetime

import factory
from django.utils import timezone

from spira.initiatives.choices import InitiativeStatus, PublicationState, Sector
from spira.initiatives.models import Initiative, Stage
from spira.organisations.choices import OrganisationKind
from spira.organisations.models import County, Organisation, Sdg


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{(n % 90) + 10:02d}")
    name = factory.LazyAttribute(lambda county: f"Län {county.code}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.MUNICIPALITY
    name = factory.Sequence(lambda n: f"Kommun {n}")
    slug = factory.Sequence(lambda n: f"kommun-{n}")
    county = factory.SubFactory(CountyFactory)


class SdgFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sdg
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: (n % 17) + 1)
    name_sv = factory.LazyAttribute(lambda sdg: f"Mål {sdg.number}")
    name_en = factory.LazyAttribute(lambda sdg: f"Goal {sdg.number}")
    color = "#000000"


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage
        django_get_or_create = ("code",)

    code = "implementation"
    order = 4


class InitiativeFactory(factory.django.DjangoModelFactory):
    """A published Swedish initiative; pass texts, state and classification as needed."""

    class Meta:
        model = Initiative

    slug = factory.Sequence(lambda n: f"initiativ-{n}")
    original_language = "sv"
    title_sv = factory.Sequence(lambda n: f"Initiativ {n}")
    status = InitiativeStatus.ONGOING
    sector = Sector.HEALTH
    coordinator = factory.SubFactory(OrganisationFactory)
    state = PublicationState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    start_month = datetime.date(2023, 1, 1)
