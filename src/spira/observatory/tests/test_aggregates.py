"""The aggregates behind the dashboards stay equal to a direct count whatever happens to the
counted rows: creates, edits, deletes, many-to-many changes, effect goals, and organisations
that move county, change kind or grow past a size band."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spira.barriers.tests.factories import AgencyFactory
from spira.initiatives.choices import GenderIntegration, InitiativeStatus, PublicationState, Sector
from spira.initiatives.models import Initiative
from spira.initiatives.tests.factories import PublishedInitiativeFactory, stage
from spira.observatory.models import Aggregate, EffectGoal
from spira.observatory.tests.direct import assert_aggregates_agree
from spira.observatory.tests.factories import EffectGoalFactory, MeasurementFactory
from spira.organisations.choices import OrganisationKind
from spira.organisations.tests.factories import CountyFactory, MunicipalityFactory, SdgFactory

pytestmark = pytest.mark.django_db

STAGES = ("identifying_problems", "generating_ideas", "implementation")
POPULATIONS = (None, 5_000, 42_000, 80_000, 300_000)
KINDS = (OrganisationKind.MUNICIPALITY, OrganisationKind.REGION, OrganisationKind.AGENCY)


@pytest.fixture
def world(pitea, lulea):
    stockholm = MunicipalityFactory(
        name="Stockholm", county=CountyFactory(code="01"), municipality_code="0180", population=980_000
    )
    counties = [pitea.county, stockholm.county]
    organisations = [pitea, lulea, stockholm, AgencyFactory(), None]
    sdgs = [SdgFactory(number=number) for number in (3, 5, 11)]
    return {"organisations": organisations, "counties": counties, "sdgs": sdgs}


initiative_values = st.fixed_dictionaries(
    {
        "coordinator": st.integers(0, 4),
        "status": st.sampled_from(InitiativeStatus.values),
        "sector": st.sampled_from(["", Sector.values[0], Sector.values[1]]),
        "gender_equality": st.sampled_from(GenderIntegration.values),
        "year": st.one_of(st.none(), st.integers(2018, 2022)),
        "published": st.booleans(),
        "stages": st.sets(st.sampled_from(STAGES), max_size=2),
        "sdgs": st.sets(st.integers(0, 2), max_size=2),
        "call": st.sampled_from(["", "Utmaningsdriven innovation", "Innovativa kommuner"]),
        "funding": st.one_of(st.none(), st.integers(0, 5_000_000)),
    }
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("create"), initiative_values),
        st.tuples(st.just("edit"), st.integers(0, 20), initiative_values),
        st.tuples(st.just("delete"), st.integers(0, 20)),
        st.tuples(st.just("goal"), st.integers(0, 20), st.sampled_from([None, "40", "30", "20"])),
        st.tuples(st.just("drop_goal"), st.integers(0, 20)),
        st.tuples(
            st.just("organisation"),
            st.integers(0, 3),
            st.sampled_from(POPULATIONS),
            st.integers(0, 1),
            st.sampled_from(KINDS),
        ),
    ),
    max_size=6,
)


def _apply_values(initiative: Initiative, values: dict, world) -> None:
    initiative.coordinator = world["organisations"][values["coordinator"]]
    initiative.status = values["status"]
    initiative.sector = values["sector"]
    initiative.gender_equality = values["gender_equality"]
    initiative.start_month = datetime.date(values["year"], 3, 1) if values["year"] else None
    initiative.state = PublicationState.PUBLISHED if values["published"] else PublicationState.DRAFT
    initiative.call = values["call"]
    initiative.funding_sek = values["funding"]
    initiative.save()
    initiative.stages.set([stage(code) for code in values["stages"]])
    initiative.sdgs.set([world["sdgs"][index] for index in values["sdgs"]])


def _nth(queryset, index):
    rows = list(queryset.order_by("pk"))
    return rows[index % len(rows)] if rows else None


def _apply(operation, world) -> None:
    name, *arguments = operation
    if name == "create":
        _apply_values(PublishedInitiativeFactory(), arguments[0], world)
    elif name == "edit" and (initiative := _nth(Initiative.objects.all(), arguments[0])):
        _apply_values(initiative, arguments[1], world)
    elif name == "delete" and (initiative := _nth(Initiative.objects.all(), arguments[0])):
        initiative.delete()
    elif name == "goal" and (initiative := _nth(Initiative.objects.all(), arguments[0])):
        goal = EffectGoalFactory(initiative=initiative)
        if arguments[1] is not None:
            MeasurementFactory(goal=goal, value=Decimal(arguments[1]))
    elif name == "drop_goal" and (goal := _nth(EffectGoal.objects.all(), arguments[0])):
        goal.delete()
    elif name == "organisation":
        index, population, county, kind = arguments
        organisation = world["organisations"][index]
        organisation.population = population
        organisation.county = world["counties"][county]
        organisation.kind = kind
        organisation.save()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=operations)
def test_initiative_aggregates_equal_direct_counts_after_any_changes(world, steps):
    for step in steps:
        _apply(step, world)

    assert_aggregates_agree("initiatives")


def test_created_initiative_is_counted_in_its_cell_and_every_roll_up(world):
    pitea = world["organisations"][0]

    PublishedInitiativeFactory(coordinator=pitea, start_month=datetime.date(2022, 5, 1), status="completed")

    rows = Aggregate.objects.filter(measure="initiatives", chart="status")
    assert sorted((row.county, row.kind, row.band, row.year, row.a, row.n) for row in rows) == sorted(
        (county, kind, band, 2022, "completed", 1)
        for county in (pitea.county_id, -1)
        for kind in ("municipality", "*")
        for band in ("10k_50k", "*")
    )


def test_unpublishing_removes_the_initiative_from_every_aggregate(world):
    initiative = PublishedInitiativeFactory(coordinator=world["organisations"][1])
    initiative.stages.set([stage("implementation")])

    initiative.state = PublicationState.DRAFT
    initiative.save()

    assert Aggregate.objects.filter(measure="initiatives").count() == 0


def test_moving_an_organisation_to_another_county_moves_its_counts(world):
    pitea, _lulea, stockholm, *_ = world["organisations"]
    PublishedInitiativeFactory.create_batch(2, coordinator=pitea)

    pitea.county = stockholm.county
    pitea.save()

    assert_aggregates_agree("initiatives")
    assert {row.county for row in Aggregate.objects.filter(measure="initiatives")} == {
        stockholm.county_id,
        -1,
    }


def test_saving_an_organisation_without_changing_its_cell_refreshes_nothing(world, django_assert_num_queries):
    pitea = world["organisations"][0]
    PublishedInitiativeFactory(coordinator=pitea)
    pitea.website = "https://www.pitea.se"

    # The update, and one read of the stored county, kind, population and kommunkod.
    with django_assert_num_queries(2):
        pitea.save()
