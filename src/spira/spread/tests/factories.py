"""Factories for spread. No surprises: a SolutionFactory is a method at pilot maturity shared by a
municipality; an AdoptionFactory is another municipality's interest registered today, learned from
the owner, confirmed by no one."""

import factory
from django.utils import timezone

from spira.organisations.tests.factories import MunicipalityFactory
from spira.spread.choices import AdoptionStatus, Maturity, SolutionKind
from spira.spread.models import Adoption, Solution


class SolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Solution

    name = factory.Sequence(lambda n: f"Lösning {n}")
    slug = factory.Sequence(lambda n: f"losning-{n}")
    summary = "Ett arbetssätt för att pröva idéer snabbt tillsammans med invånarna."
    kind = SolutionKind.METHOD
    maturity = Maturity.PILOT
    owner = factory.SubFactory(MunicipalityFactory)


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adoption

    solution = factory.SubFactory(SolutionFactory)
    adopter = factory.SubFactory(MunicipalityFactory)
    source = factory.LazyAttribute(lambda o: o.solution.owner)
    status = AdoptionStatus.INTERESTED
    interested_on = factory.LazyFunction(timezone.localdate)
    started_on = factory.LazyAttribute(lambda o: o.interested_on)
