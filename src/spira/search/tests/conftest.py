import datetime
from types import SimpleNamespace

import pytest

from spira.initiatives.choices import InitiativeStatus, PublicationState, Sector
from spira.initiatives.models import Initiative
from spira.organisations.choices import OrganisationKind
from spira.search import index

from .factories import CountyFactory, InitiativeFactory, OrganisationFactory, SdgFactory, StageFactory


@pytest.fixture
def reindex(db):
    """Index every initiative now (the test's transaction never commits, so on_commit never runs)."""

    def run():
        return index.reindex(Initiative)

    return run


@pytest.fixture
def corpus(reindex):
    """A small library with known words; every search test asserts exact hit lists on it, so that
    the SQLite and the PostgreSQL runs check the same thing."""
    stockholm = CountyFactory(code="01", name="Stockholms län")
    skane = CountyFactory(code="12", name="Skåne län")
    norrby = OrganisationFactory(name="Norrby", slug="norrby", county=stockholm)
    soderby = OrganisationFactory(name="Söderby", slug="soderby", kind=OrganisationKind.REGION, county=skane)
    verket = OrganisationFactory(name="Verket", slug="verket", kind=OrganisationKind.AGENCY, county=stockholm)
    implementation = StageFactory(code="implementation", order=4)
    evaluation = StageFactory(code="evaluation", order=5)
    health_goal = SdgFactory(number=3, name_sv="God hälsa", name_en="Good health")
    elderly = InitiativeFactory(
        slug="trygghet",
        title_sv="Trygghet på äldreboenden",
        summary_sv="Sensorer i äldreomsorgen ger trygga nätter.",
        overview_sv="Personalen får larm när någon behöver hjälp.",
        status=InitiativeStatus.ONGOING,
        sector=Sector.HEALTH,
        coordinator=norrby,
        start_month=datetime.date(2021, 3, 1),
    )
    elderly.stages.set([implementation, evaluation])
    elderly.sdgs.set([health_goal])
    digital = InitiativeFactory(
        slug="digital",
        original_language="en",
        title_sv="",
        title_en="Digital services for municipalities",
        summary_en="Municipalities share open data about their services.",
        status=InitiativeStatus.COMPLETED,
        sector=Sector.GENERAL_PUBLIC_SERVICES,
        coordinator=soderby,
        funder=verket,
        start_month=datetime.date(2022, 1, 1),
    )
    digital.stages.set([implementation])
    meals = InitiativeFactory(
        slug="maltider",
        title_sv="Skolmåltider utan matsvinn",
        summary_sv="Skolor minskar matsvinnet.",
        overview_sv="Idén kom från ett äldreboende där köket redan vägde maten.",
        status=InitiativeStatus.ONGOING,
        sector=Sector.EDUCATION,
        coordinator=soderby,
        start_month=datetime.date(2022, 9, 1),
    )
    sharing = InitiativeFactory(
        slug="delar-data",
        title_sv="Kommunerna delar data",
        summary_sv="Öppna data om skolor och vård.",
        status=InitiativeStatus.PLANNED,
        sector=Sector.GENERAL_PUBLIC_SERVICES,
        coordinator=verket,
        start_month=datetime.date(2023, 5, 1),
    )
    draft = InitiativeFactory(
        slug="utkast",
        title_sv="Hemligt äldreboende",
        summary_sv="Kommunerna delar data om trygghet på äldreboenden.",
        state=PublicationState.DRAFT,
        published_at=None,
        coordinator=verket,
    )
    reindex()
    return SimpleNamespace(
        elderly=elderly,
        digital=digital,
        meals=meals,
        sharing=sharing,
        draft=draft,
        norrby=norrby,
        soderby=soderby,
        verket=verket,
    )
