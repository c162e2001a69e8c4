import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from spira.accounts.tests.factories import UserFactory
from spira.core.models import ActivityLogEntry
from spira.initiatives.choices import InnovationFacet
from spira.initiatives.tests.factories import PublishedInitiativeFactory
from spira.observatory import services
from spira.observatory.models import EffectGoal, Measurement, PortfolioAssessment
from spira.observatory.queries import goal_state, goals_with_latest, similar_portfolio_average
from spira.observatory.tests.factories import EffectGoalFactory, PortfolioAssessmentFactory, all_answers
from spira.organisations.tests.factories import MunicipalityFactory

GOAL = {
    "indicator": "Väntetid för beslut",
    "unit": "days",
    "baseline_value": "40",
    "baseline_date": datetime.date(2023, 1, 1),
    "target_value": "20",
    "target_date": datetime.date(2026, 12, 31),
}

pytestmark = pytest.mark.django_db


def test_create_effect_goal_by_owner_logs_on_initiative(initiative):
    goal = services.create_effect_goal(initiative.owner, initiative, **GOAL)

    assert goal.baseline_value == Decimal("40")
    assert ActivityLogEntry.objects.filter(action="observatory.effectgoal.created").count() == 1


def test_create_effect_goal_by_coordinator_of_coordinating_organisation(initiative, coordinator):
    goal = services.create_effect_goal(coordinator, initiative, **GOAL)

    assert goal.initiative == initiative


def test_create_effect_goal_refuses_stranger(initiative):
    with pytest.raises(PermissionDenied):
        services.create_effect_goal(UserFactory(), initiative, **GOAL)
    assert EffectGoal.objects.count() == 0


def test_create_effect_goal_rejects_target_before_baseline(initiative):
    with pytest.raises(ValidationError) as error:
        services.create_effect_goal(
            initiative.owner, initiative, **{**GOAL, "target_date": datetime.date(2022, 1, 1)}
        )

    assert "target_date" in error.value.message_dict
    assert EffectGoal.objects.count() == 0


def test_create_effect_goal_rejects_target_equal_to_baseline(initiative):
    with pytest.raises(ValidationError) as error:
        services.create_effect_goal(initiative.owner, initiative, **{**GOAL, "target_value": "40"})

    assert list(error.value.message_dict) == ["target_value"]


def test_record_measurement_after_completion_shows_progress(initiative):
    goal = EffectGoalFactory(initiative=initiative)
    initiative.status = "completed"
    initiative.save()

    services.record_measurement(initiative.owner, goal, "30", "days", datetime.date(2024, 6, 1))

    goal = goals_with_latest(EffectGoal.objects.filter(pk=goal.pk)).get()
    assert goal.progress(goal.latest_value) == 0.5
    assert goal_state(goal) == "on_the_way"


def test_record_measurement_rejects_wrong_unit_and_changes_nothing(initiative, english):
    goal = EffectGoalFactory(initiative=initiative, unit="days")

    with pytest.raises(ValidationError) as error:
        services.record_measurement(initiative.owner, goal, "30", "percent", datetime.date(2024, 6, 1))

    assert error.value.message_dict["unit"] == [
        "This goal is measured in days: give the value in that unit (you gave per cent)."
    ]
    assert Measurement.objects.count() == 0


@pytest.mark.parametrize(
    ("value", "day", "field"),
    [
        ("abc", datetime.date(2024, 6, 1), "value"),
        ("30", datetime.date(2022, 6, 1), "measured_on"),
        ("30", datetime.date(2999, 1, 1), "measured_on"),
        ("1e40", datetime.date(2024, 6, 1), "value"),
    ],
)
def test_record_measurement_rejects_bad_input(initiative, value, day, field):
    goal = EffectGoalFactory(initiative=initiative)

    with pytest.raises(ValidationError) as error:
        services.record_measurement(initiative.owner, goal, value, "days", day)

    assert field in error.value.message_dict
    assert Measurement.objects.count() == 0


def test_record_measurement_refuses_member_who_is_not_author(initiative, member):
    goal = EffectGoalFactory(initiative=initiative)

    with pytest.raises(PermissionDenied):
        services.record_measurement(member, goal, "30", "days", datetime.date(2024, 6, 1))


def test_submit_portfolio_assessment_scores_each_facet(pitea, coordinator):
    answers = {**all_answers(5), "n1": 1, "n2": 1, "n3": 1}

    assessment = services.submit_portfolio_assessment(coordinator, pitea, answers)

    assert assessment.scores() == {
        "mission_oriented": 100,
        "enhancement_oriented": 100,
        "adaptive": 100,
        "anticipatory": 0,
    }


def test_submit_portfolio_assessment_replaces_current_one(pitea, coordinator):
    services.submit_portfolio_assessment(coordinator, pitea, all_answers(2))
    services.submit_portfolio_assessment(coordinator, pitea, all_answers(4))

    assert PortfolioAssessment.objects.filter(organisation=pitea, is_current=True).count() == 1
    assert PortfolioAssessment.objects.count() == 2


def test_submit_portfolio_assessment_with_missing_answers_changes_nothing(pitea, coordinator):
    answers = all_answers(3)
    del answers["a2"]

    with pytest.raises(ValidationError) as error:
        services.submit_portfolio_assessment(coordinator, pitea, answers)

    assert list(error.value.message_dict) == ["a2"]
    assert PortfolioAssessment.objects.count() == 0


def test_submit_portfolio_assessment_refuses_plain_member(pitea, member):
    with pytest.raises(PermissionDenied):
        services.submit_portfolio_assessment(member, pitea, all_answers(3))


def test_map_initiative_facets_goes_through_initiative_service(pitea, coordinator, initiative):
    changed = services.map_initiative_facets(coordinator, pitea, {initiative.pk: InnovationFacet.ADAPTIVE})

    initiative.refresh_from_db()
    assert changed == 1
    assert initiative.facet == "adaptive"
    assert ActivityLogEntry.objects.filter(action="initiatives.initiative.updated").count() == 1


def test_map_initiative_facets_rejects_initiative_of_other_organisation(pitea, coordinator):
    other = PublishedInitiativeFactory(coordinator=MunicipalityFactory())

    with pytest.raises(ValidationError):
        services.map_initiative_facets(coordinator, pitea, {other.pk: InnovationFacet.ADAPTIVE})
    other.refresh_from_db()
    assert other.facet == ""


def test_similar_average_hidden_below_three_and_shown_from_three(pitea):
    for _ in range(2):
        PortfolioAssessmentFactory(organisation=MunicipalityFactory(population=30_000), adaptive=80)
    assert similar_portfolio_average(pitea) == (None, 2)

    PortfolioAssessmentFactory(organisation=MunicipalityFactory(population=30_000), adaptive=20)

    average, n = similar_portfolio_average(pitea)
    assert n == 3
    assert average["adaptive"] == 60.0
