"""Aggregates of ideas, adoptions, barriers and events follow every change of their rows, and the
rebuild command and task count again what bulk writes (which send no signals) left out."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spira.barriers.choices import BarrierKind, EscalationState
from spira.barriers.models import Escalation
from spira.barriers.tests.factories import AgencyFactory, BarrierFactory, EscalationFactory
from spira.events.choices import ActivityFormat, ActivityStatus
from spira.events.tests.factories import ActivityFactory
from spira.ideas.choices import StageType, Theme
from spira.ideas.models import Idea, StageLog
from spira.ideas.tests.factories import IdeaFactory, SluiceFactory, stage_of
from spira.initiatives.models import Initiative
from spira.initiatives.tests.factories import PublishedInitiativeFactory
from spira.observatory.models import Aggregate
from spira.observatory.registry import registry
from spira.observatory.tasks import rebuild_aggregates
from spira.observatory.tests.direct import assert_aggregates_agree
from spira.organisations.tests.factories import CountyFactory, MunicipalityFactory
from spira.spread.choices import AdoptionStatus
from spira.spread.tests.factories import AdoptionFactory, SolutionFactory

pytestmark = pytest.mark.django_db
DASHBOARD = "/observatoriet/"


@pytest.fixture
def stockholm(db):
    return MunicipalityFactory(
        name="Stockholm", county=CountyFactory(code="01"), municipality_code="0180", population=980_000
    )


def _log(idea, stage_type):
    stage = stage_of(idea.sluice, stage_type)
    StageLog.objects.create(idea=idea, sluice=idea.sluice, stage=stage, stage_type=stage_type)
    idea.stage = stage
    idea.save()


idea_steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("submit"), st.integers(0, 1), st.sampled_from(Theme.values), st.integers(2019, 2022)
        ),
        st.tuples(
            st.just("move"), st.integers(0, 20), st.sampled_from([StageType.SCREENING, StageType.DEVELOPMENT])
        ),
        st.tuples(st.just("hide"), st.integers(0, 20), st.booleans()),
        st.tuples(st.just("delete"), st.integers(0, 20)),
        st.tuples(st.just("move_sluice"), st.integers(0, 1), st.integers(0, 1)),
    ),
    max_size=6,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=idea_steps)
def test_idea_aggregates_equal_direct_counts_after_any_changes(pitea, stockholm, steps):
    sluices = [SluiceFactory(organisation=pitea), SluiceFactory(organisation=stockholm)]
    organisations = [pitea, stockholm]
    for name, *arguments in steps:
        ideas = list(Idea.objects.order_by("pk"))
        if name == "submit":
            sluice, theme, year = arguments
            IdeaFactory(
                sluice=sluices[sluice],
                theme=theme,
                submitted_at=datetime.datetime(year, 5, 1, tzinfo=datetime.UTC),
            )
        elif name == "move" and ideas:
            _log(ideas[arguments[0] % len(ideas)], arguments[1])
        elif name == "hide" and ideas:
            idea = ideas[arguments[0] % len(ideas)]
            idea.is_hidden = arguments[1]
            idea.save()
        elif name == "delete" and ideas:
            ideas[arguments[0] % len(ideas)].delete()
        elif name == "move_sluice":
            sluice = sluices[arguments[0]]
            sluice.organisation = organisations[arguments[1]]
            sluice.save()

    assert_aggregates_agree("ideas")


def test_adoption_aggregates_follow_status_changes_and_deletes(pitea, lulea, stockholm):
    solution = SolutionFactory(owner=stockholm)
    adoptions = [AdoptionFactory(solution=solution, adopter=adopter) for adopter in (pitea, lulea)]
    AdoptionFactory(solution=SolutionFactory(owner=pitea), adopter=stockholm, status=AdoptionStatus.IN_USE)

    adoptions[0].status = AdoptionStatus.PILOTING
    adoptions[0].save()
    adoptions[1].delete()

    assert_aggregates_agree("adoptions")
    assert_aggregates_agree("adoptions_given")


def test_barrier_aggregates_follow_escalations_answers_and_hiding(pitea, stockholm):
    agency = AgencyFactory()
    escalation = EscalationFactory(barrier__reporter_organisation=pitea, addressed_to=agency)
    EscalationFactory(barrier__reporter_organisation=stockholm, addressed_to=agency)
    hidden = BarrierFactory(reporter_organisation=stockholm, kind=BarrierKind.FUNDING)
    assert_aggregates_agree("barriers")

    escalation.state = EscalationState.ANSWERED
    escalation.save()
    hidden.is_hidden = True
    hidden.save()

    assert_aggregates_agree("barriers")


def test_a_row_changed_without_signals_is_put_right_when_it_is_next_saved(pitea):
    escalation = EscalationFactory(barrier__reporter_organisation=pitea)
    # As when a barrier is closed: its open escalations are withdrawn in bulk, then it is saved.
    Escalation.objects.filter(pk=escalation.pk).update(state=EscalationState.WITHDRAWN)
    barrier = escalation.barrier

    barrier.save()

    assert_aggregates_agree("barriers")


def test_event_aggregates_follow_the_municipality_even_when_it_is_deleted(pitea, stockholm):
    gone = MunicipalityFactory(county=stockholm.county, population=8_000)
    ActivityFactory(municipality=pitea, format=ActivityFormat.WORKSHOP)
    ActivityFactory(municipality=gone)
    ActivityFactory(municipality=stockholm, status=ActivityStatus.PROPOSED)

    gone.delete()

    assert_aggregates_agree("events")


def test_rebuild_counts_rows_written_in_bulk(pitea):
    Initiative.objects.bulk_create([PublishedInitiativeFactory.build(coordinator=pitea, owner=None)])
    with pytest.raises(CommandError):
        call_command("observatory_aggregates", "check", stdout=io.StringIO())

    call_command("observatory_aggregates", "rebuild", stdout=io.StringIO())

    call_command("observatory_aggregates", "check", stdout=io.StringIO())
    assert_aggregates_agree("initiatives")


def test_rebuild_task_counts_again_and_is_safe_twice(pitea):
    Initiative.objects.bulk_create([PublishedInitiativeFactory.build(coordinator=pitea, owner=None)])

    first = rebuild_aggregates.enqueue(["initiatives"]).return_value
    second = rebuild_aggregates.enqueue(["initiatives"]).return_value

    assert first == second == {"initiatives": Aggregate.objects.filter(measure="initiatives").count()}
    assert_aggregates_agree("initiatives")


def test_rebuild_command_rejects_unknown_measure():
    with pytest.raises(CommandError, match="Unknown measure: nothing"):
        call_command("observatory_aggregates", "rebuild", "--measure", "nothing")


def test_uncached_dashboard_reads_aggregates_not_counted_rows(client, pitea, stockholm):
    PublishedInitiativeFactory(coordinator=pitea)
    IdeaFactory(sluice=SluiceFactory(organisation=pitea))
    AdoptionFactory(adopter=stockholm, status=AdoptionStatus.IN_USE)
    EscalationFactory(barrier__reporter_organisation=pitea)
    ActivityFactory(municipality=pitea, starts_at=timezone.now())
    counted = {measure.queryset().model._meta.db_table for measure in registry.measures()}
    counted |= {StageLog._meta.db_table, "barriers_escalation", "observatory_effectgoal"}

    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD, {"county": "25", "size": "small", "layer": "ideas"})

    assert response.status_code == 200
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "observatory_aggregate" in sql
    assert [table for table in sorted(counted) if f'"{table}"' in sql] == []
