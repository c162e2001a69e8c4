"""The search page in Chromium: facets narrow the results in place with HTMX (keyboard only, focus
kept), and the same form works as a plain GET form with JavaScript turned off. axe-core checks
every page (see the `page` fixture in the root conftest.py)."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from spira.initiatives.choices import InitiativeStatus, Sector
from spira.initiatives.tests.factories import PublishedInitiativeFactory

pytestmark = [pytest.mark.e2e]


@pytest.fixture
def library(db):
    """Three published cases about care homes (two ongoing, one in education) and one about else."""
    return {
        "sensors": PublishedInitiativeFactory(
            title_sv="Trygga nätter på äldreboenden",
            summary_sv="Sensorer på äldreboenden larmar nattpersonalen.",
            status=InitiativeStatus.ONGOING,
            sector=Sector.HEALTH,
        ),
        "tablets": PublishedInitiativeFactory(
            title_sv="Surfplattor för äldreboenden",
            summary_sv="Videosamtal med anhöriga från äldreboendet.",
            status=InitiativeStatus.COMPLETED,
            sector=Sector.HEALTH,
        ),
        "pupils": PublishedInitiativeFactory(
            title_sv="Elever läser högt på äldreboende",
            summary_sv="Skolklasser besöker ett äldreboende varje vecka.",
            status=InitiativeStatus.ONGOING,
            sector=Sector.EDUCATION,
        ),
        "bikes": PublishedInitiativeFactory(
            title_sv="Lånecyklar i centrum",
            summary_sv="Cyklar för alla som bor i kommunen.",
            status=InitiativeStatus.ONGOING,
            sector=Sector.HEALTH,
        ),
    }


def hit_titles(page) -> list[str]:
    return sorted(page.locator("#search-results .search-hit h3").all_inner_texts())


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def wait_for_query(page, **expected: list[str] | None) -> None:
    """Wait until the address (pushed by HTMX after a swap) has these parameters; None: absent."""

    def matches(url: str) -> bool:
        query = parse_qs(urlsplit(url).query)
        return all(query.get(name) == value for name, value in expected.items())

    page.wait_for_url(matches)


def choose_with_keyboard(page, role: str, name: re.Pattern) -> str:
    """Focus a radio button or checkbox and press Space; returns its id."""
    control = page.get_by_role(role, name=name)
    # Read the id first: the HTMX swap that Space starts may relabel the control (its count).
    control_id = control.get_attribute("id")
    control.focus()
    page.keyboard.press("Space")
    return control_id


def test_facets_narrow_the_results_in_place_with_the_keyboard(page, axe_check, library):
    page.goto("/sok/?q=äldreboende")
    expect(page.locator("#search-status")).to_have_text("3 träffar för ”äldreboende”")
    # A mark on the window survives only if the page is never reloaded: the updates are HTMX swaps.
    page.evaluate("window.spiraNoReload = true")

    choose_with_keyboard(page, "radio", re.compile(r"^Initiativ \(3\)"))
    wait_for_query(page, type=["initiative"])
    expect(page.get_by_role("heading", name="Avgränsa")).to_be_visible()
    axe_check(page)

    ongoing_id = choose_with_keyboard(page, "checkbox", re.compile(r"^Pågående \(2\)"))
    wait_for_query(page, status=["ongoing"])
    expect(page.locator("#search-status")).to_have_text("2 träffar för ”äldreboende”")
    assert hit_titles(page) == ["Elever läser högt på äldreboende", "Trygga nätter på äldreboenden"]
    expect(page.get_by_role("checkbox", name=re.compile("^Pågående"))).to_be_checked()
    assert page.evaluate("document.activeElement.id") == ongoing_id
    axe_check(page)

    choose_with_keyboard(page, "checkbox", re.compile(r"^Utbildning \(1\)"))
    wait_for_query(page, status=["ongoing"], sector=["education"])
    expect(page.locator("#search-status")).to_have_text("1 träff för ”äldreboende”")
    assert hit_titles(page) == ["Elever läser högt på äldreboende"]
    axe_check(page)

    choose_with_keyboard(page, "checkbox", re.compile(r"^Pågående"))
    wait_for_query(page, status=None, sector=["education"])
    expect(page.locator("#search-status")).to_have_text("1 träff för ”äldreboende”")
    expect(page.get_by_role("checkbox", name=re.compile("^Pågående"))).not_to_be_checked()
    assert page.evaluate("window.spiraNoReload === true") is True

    page.get_by_role("link", name="Elever läser högt på äldreboende").click()
    page.wait_for_url(re.compile(rf"/initiativ/{library['pupils'].slug}/$"))
    axe_check(page)
    expect(page.locator("h1")).to_have_text("Elever läser högt på äldreboende")


def test_the_english_search_page_narrows_by_a_facet(page, axe_check, library):
    page.goto("/en/sok/?q=äldreboende&type=initiative")
    expect(page.locator("#search-status")).to_have_text("3 hits for “äldreboende”")

    choose_with_keyboard(page, "checkbox", re.compile(r"^Completed \(1\)"))
    wait_for_query(page, status=["completed"])

    expect(page.locator("#search-status")).to_have_text("1 hit for “äldreboende”")
    assert hit_titles(page) == ["Surfplattor för äldreboenden"]
    axe_check(page)


def test_facets_work_without_javascript_as_a_plain_get_form(page, browser, live_server, library):
    # axe-core cannot run where scripts are off (its promises never settle), so each page reached
    # without JavaScript is opened again in the checked `page`: the server sends the same HTML.
    context = browser.new_context(locale="sv-SE", base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(15_000)
    try:
        no_js = context.new_page()
        no_js.goto("/sok/")
        page.goto(no_js.url)

        no_js.get_by_label("Sökord").fill("äldreboende")
        with no_js.expect_navigation():
            no_js.get_by_label("Sökord").press("Enter")
        page.goto(no_js.url)
        expect(no_js.locator("#search-status")).to_have_text("3 träffar för ”äldreboende”")
        expect(no_js.get_by_role("heading", name="Avgränsa")).to_have_count(0)

        no_js.get_by_role("radio", name=re.compile(r"^Initiativ \(3\)")).check()
        with no_js.expect_navigation():
            no_js.get_by_role("button", name="Sök", exact=True).click()
        page.goto(no_js.url)
        assert query_of(no_js)["type"] == ["initiative"]
        expect(no_js.get_by_role("heading", name="Avgränsa")).to_be_visible()

        no_js.get_by_role("checkbox", name=re.compile(r"^Pågående \(2\)")).check()
        with no_js.expect_navigation():
            no_js.get_by_role("button", name="Använd filtren").click()
        page.goto(no_js.url)
        assert query_of(no_js)["status"] == ["ongoing"]
        expect(no_js.locator("#search-status")).to_have_text("2 träffar för ”äldreboende”")
        assert hit_titles(no_js) == ["Elever läser högt på äldreboende", "Trygga nätter på äldreboenden"]
        expect(no_js.get_by_role("checkbox", name=re.compile("^Pågående"))).to_be_checked()

        with no_js.expect_navigation():
            # One msgid, one translation for the whole site: "Clear filters" reads "Rensa filter".
            no_js.get_by_role("link", name=re.compile("^Rensa filter")).click()
        page.goto(no_js.url)
        assert query_of(no_js) == {"q": ["äldreboende"]}
        expect(no_js.locator("#search-status")).to_have_text("3 träffar för ”äldreboende”")
    finally:
        context.close()
