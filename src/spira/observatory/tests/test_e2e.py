"""The observatory in Chromium, axe-checked on every page, in Swedish and English: a visitor
filters the national dashboard to Norrbotten and smaller municipalities and shares the link; an
initiative's owner reports a measured value and sees the progress; a municipality completes the
portfolio exploration."""

import re

import pytest
from playwright.sync_api import expect

from spira.accounts.tests.factories import PASSWORD
from spira.initiatives.tests.factories import PublishedInitiativeFactory
from spira.observatory.choices import PORTFOLIO_QUESTIONS
from spira.observatory.models import PortfolioAssessment
from spira.observatory.tests.factories import EffectGoalFactory
from spira.organisations.choices import MembershipRole
from spira.organisations.models import Organisation
from spira.organisations.tests.factories import MembershipFactory

pytestmark = [pytest.mark.e2e]


def log_in(page, user, next_url: str) -> None:
    page.context.clear_cookies()
    page.goto(f"/konto/logga-in/?next={next_url}")
    page.locator("input[name=username]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(next_url) + "$"))


@pytest.fixture
def pitea(reference_data):
    return Organisation.objects.get(municipality_code="2581")


def test_visitor_filters_dashboard_and_shares_the_link(page, axe_check, pitea):
    PublishedInitiativeFactory(coordinator=pitea, sector="health", gender_equality="fully")
    PublishedInitiativeFactory(coordinator=Organisation.objects.get(municipality_code="0180"))

    page.goto("/observatoriet/")
    page.get_by_label("Län", exact=True).select_option(label="Norrbottens län")
    page.get_by_label("Storlek (invånare)", exact=True).select_option(label="under 50 000 invånare")
    page.get_by_role("button", name="Använd filtren").click()
    page.wait_for_url(re.compile(r"county=25"))
    axe_check(page)

    shared = page.get_by_label("Länk till den här vyn (dela den):").input_value()
    assert "county=25" in shared
    assert "size=small" in shared
    expect(page.get_by_role("img", name=re.compile("Initiativ efter status"))).to_be_visible()
    page.get_by_text("Visa som tabell").first.click()

    page.goto(shared)
    expect(page.get_by_label("Län", exact=True)).to_have_value("25")
    expect(page.get_by_label("Storlek (invånare)", exact=True)).to_have_value("small")

    page.goto(shared.replace("/observatoriet/", "/en/observatoriet/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Observatory of Swedish public-sector innovation"
    )
    expect(page.get_by_label("County", exact=True)).to_have_value("25")


def test_owner_reports_a_measured_value_and_sees_progress(page, axe_check, pitea):
    initiative = PublishedInitiativeFactory(coordinator=pitea)
    goal = EffectGoalFactory(initiative=initiative)
    url = f"/observatoriet/initiativ/{initiative.slug}/effektmal/"

    log_in(page, initiative.owner, url)
    page.locator(f"#id_m{goal.pk}-value").fill("30")
    page.locator(f"#id_m{goal.pk}-unit").select_option("percent")
    page.locator(f"#id_m{goal.pk}-measured_on").fill("2024-06-01")
    page.get_by_role("button", name="Rapportera värdet").click()
    axe_check(page)
    expect(page.get_by_text(re.compile("Målet mäts i dagar"))).to_be_visible()

    page.locator(f"#id_m{goal.pk}-unit").select_option("days")
    page.get_by_role("button", name="Rapportera värdet").click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    axe_check(page)
    expect(page.get_by_text("50 % av vägen till målet")).to_be_visible()

    page.goto(url.replace("/observatoriet/", "/en/observatoriet/"))
    expect(page.get_by_text("50 % of the way to the target")).to_be_visible()


def test_municipality_completes_the_portfolio_exploration(page, axe_check, pitea):
    coordinator = MembershipFactory(organisation=pitea, role=MembershipRole.COORDINATOR).user
    initiative = PublishedInitiativeFactory(coordinator=pitea, title_sv="Digital hemtjänst")
    url = f"/observatoriet/organisationer/{pitea.slug}/portfolj/"

    log_in(page, coordinator, url)
    for key, _facet, _text in PORTFOLIO_QUESTIONS[:-1]:
        page.locator(f"input[name={key}][value='4']").check()
    page.get_by_role("button", name="Spara självskattningen").click()
    axe_check(page)
    expect(page.get_by_text("Svara på påståendet (1 till 5).")).to_be_visible()
    assert PortfolioAssessment.objects.count() == 0

    page.locator(f"input[name={PORTFOLIO_QUESTIONS[-1][0]}][value='2']").check()
    page.get_by_role("button", name="Spara självskattningen").click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    expect(page.get_by_text("Självskattningen är sparad.")).to_be_visible()
    expect(
        page.get_by_role("img", name=re.compile("Innovationsportföljen på de fyra facetterna"))
    ).to_be_visible()

    page.get_by_label("Digital hemtjänst").select_option("adaptive")
    page.get_by_role("button", name="Spara facetterna").click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    initiative.refresh_from_db()
    assert initiative.facet == "adaptive"

    page.goto(url.replace("/observatoriet/", "/en/observatoriet/"))
    expect(page.get_by_role("heading", name="Innovation portfolio", exact=True)).to_be_visible()
