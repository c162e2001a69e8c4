"""Factories for organisations. No surprises: an OrganisationFactory is a company that a user
registered, with a valid organisation number; reference organisations have their own factories."""

import factory

from spira.accounts.tests.factories import UserFactory
from spira.organisations.choices import MembershipRole, OrganisationKind
from spira.organisations.models import County, Membership, Organisation, Sdg


def luhn_check_digit(digits: str) -> str:
    """The digit that makes `digits` + it pass the Luhn check (as in organisation numbers)."""
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def org_number_for(n: int) -> str:
    """A valid organisation number built from `n` (556..., as limited companies have; never a personal number)."""
    first_nine = f"556{n:06d}"
    return f"{first_nine[:6]}-{first_nine[6:]}{luhn_check_digit(first_nine)}"


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{90 + n % 10:02d}")
    letter = ""
    name = factory.LazyAttribute(lambda o: f"Testlän {o.code}")
    short_name = factory.LazyAttribute(lambda o: f"Test {o.code}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A company registered by a user (not from reference data)."""

    class Meta:
        model = Organisation

    kind = OrganisationKind.COMPANY
    name = factory.Sequence(lambda n: f"Testbolaget {n} AB")
    slug = factory.Sequence(lambda n: f"testbolaget-{n}-ab")
    org_number = factory.Sequence(org_number_for)
    is_reference = False


class MunicipalityFactory(OrganisationFactory):
    """A reference municipality with a county, population and coordinates."""

    kind = OrganisationKind.MUNICIPALITY
    name = factory.Sequence(lambda n: f"Testby {n}")
    full_name = factory.LazyAttribute(lambda o: f"{o.name} kommun")
    slug = factory.Sequence(lambda n: f"testby-{n}-kommun")
    county = factory.SubFactory(CountyFactory)
    municipality_code = factory.LazyAttributeSequence(lambda o, n: f"{o.county.code}{n % 100:02d}")
    org_number = None
    population = 25_000
    population_year = 2024
    is_reference = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER


class SdgFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sdg
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n % 17 + 1)
    name_sv = factory.LazyAttribute(lambda o: f"Mål {o.number}")
    name_en = factory.LazyAttribute(lambda o: f"Goal {o.number}")
    color = "#E5243B"
