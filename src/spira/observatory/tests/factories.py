"""Factories of the observatory: an effect goal of a published initiative, from 40 to 20 days
(waiting time for a decision), and a complete portfolio self-assessment."""

import datetime
from decimal import Decimal

import factory

from spira.initiatives.tests.factories import PublishedInitiativeFactory
from spira.observatory.choices import PORTFOLIO_QUESTIONS, Unit
from spira.observatory.models import EffectGoal, Measurement, PortfolioAssessment
from spira.organisations.tests.factories import MunicipalityFactory


class EffectGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EffectGoal

    initiative = factory.SubFactory(PublishedInitiativeFactory)
    indicator = "Handläggningstid för bygglov"
    unit = Unit.DAYS
    baseline_value = Decimal("40")
    baseline_date = datetime.date(2023, 1, 1)
    target_value = Decimal("20")
    target_date = datetime.date(2026, 12, 31)


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    goal = factory.SubFactory(EffectGoalFactory)
    value = Decimal("30")
    unit = factory.LazyAttribute(lambda o: o.goal.unit)
    measured_on = datetime.date(2024, 6, 1)


class PortfolioAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PortfolioAssessment

    organisation = factory.SubFactory(MunicipalityFactory)
    answers = factory.LazyFunction(lambda: {key: 3 for key, _f, _t in PORTFOLIO_QUESTIONS})
    mission_oriented = 50
    enhancement_oriented = 50
    adaptive = 50
    anticipatory = 50


def all_answers(value: int = 4) -> dict[str, int]:
    return {key: value for key, _f, _t in PORTFOLIO_QUESTIONS}
