"""Factories for barriers. No surprises: a BarrierFactory is a freshly reported law barrier of a
municipality, with the mandate at the national level and no authority named yet; an
EscalationFactory is an open escalation to a government agency, due in 60 days."""

from datetime import timedelta

import factory
from django.utils import timezone

from spira.barriers.choices import BarrierKind, BarrierStatus, EscalationState, Level
from spira.barriers.models import (
    Barrier,
    BarrierSubscription,
    Endorsement,
    Escalation,
    StatusChange,
    Workshop,
    WorkshopBarrier,
)
from spira.organisations.choices import OrganisationKind
from spira.organisations.tests.factories import MunicipalityFactory, OrganisationFactory, UserFactory


class AgencyFactory(OrganisationFactory):
    kind = OrganisationKind.AGENCY
    name = factory.Sequence(lambda n: f"Testverket {n}")
    slug = factory.Sequence(lambda n: f"testverket-{n}")
    is_reference = True


class RegionFactory(OrganisationFactory):
    kind = OrganisationKind.REGION
    name = factory.Sequence(lambda n: f"Region Test {n}")
    slug = factory.Sequence(lambda n: f"region-test-{n}")
    org_number = None
    population = 250_000
    is_reference = True


class BarrierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Barrier

    title = factory.Sequence(lambda n: f"Hinder {n}")
    description = "Lagen hindrar oss från att dela data mellan förvaltningar."
    kind = BarrierKind.LAW
    mandate_level = Level.NATIONAL
    current_level = Level.LOCAL
    status = BarrierStatus.REPORTED
    reporter_organisation = factory.SubFactory(MunicipalityFactory)
    affected_population = factory.LazyAttribute(lambda o: o.reporter_organisation.population or 0)


class StatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusChange

    barrier = factory.SubFactory(BarrierFactory)
    from_status = ""
    to_status = BarrierStatus.REPORTED


class EndorsementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Endorsement

    barrier = factory.SubFactory(BarrierFactory)
    organisation = factory.SubFactory(MunicipalityFactory)
    case_description = "Samma sak hos oss."


class EscalationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Escalation

    barrier = factory.SubFactory(BarrierFactory, status=BarrierStatus.ESCALATED, current_level=Level.NATIONAL)
    from_level = Level.LOCAL
    to_level = Level.NATIONAL
    addressed_to = factory.SubFactory(AgencyFactory)
    state = EscalationState.OPEN
    deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    title = factory.Sequence(lambda n: f"Dialogverkstad {n}")
    organiser = factory.SubFactory(MunicipalityFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))


class WorkshopBarrierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopBarrier

    workshop = factory.SubFactory(WorkshopFactory)
    barrier = factory.SubFactory(BarrierFactory, status=BarrierStatus.IN_DIALOGUE)


class BarrierSubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BarrierSubscription

    user = factory.SubFactory(UserFactory)
    kind = BarrierKind.LAW
