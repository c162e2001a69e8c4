"""End-to-end tests of the foundation in Chromium: layout, languages, organisations, error pages.

Every page visited is checked with axe-core (see the `page` fixture in the root conftest.py).
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e]

ENGLISH_HEADING = "Find what others have already tried – and share what you learn"


def tab_to(page, predicate_js: str, max_presses: int = 30) -> None:
    """Press Tab until the focused element satisfies `predicate_js` (a JS expression on `el`)."""
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return !!(el && ({predicate_js})); }})()"
        ):
            return
    pytest.fail(f"No element matching {predicate_js!r} within {max_presses} Tab presses.")


def focused(page, expression: str):
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {expression}; }})()")


def test_home_page_is_swedish_and_switches_to_english_and_back_with_the_keyboard(page, axe_check):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    swedish_heading = page.locator("h1").inner_text()
    assert swedish_heading != ENGLISH_HEADING

    tab_to(page, "el.matches('.language-switch a[hreflang=\"en\"]')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/$"))
    axe_check(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(ENGLISH_HEADING)

    tab_to(page, "el.matches('.language-switch a[hreflang=\"sv\"]')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^[^?#]*://[^/]+/$"))
    axe_check(page)
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("h1")).to_have_text(swedish_heading)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page):
    page.goto("/")

    page.keyboard.press("Tab")
    assert focused(page, "el.classList.contains('skip-link')") is True
    assert focused(page, "el.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")

    assert focused(page, "el.id") == "main"
    assert focused(page, "el.tagName") == "MAIN"


def test_organisation_list_filtered_by_kind_and_county_shows_pitea(page, reference_data):
    page.goto("/organisationer/?kind=municipality&county=25")

    results = page.locator("#results")
    expect(results.get_by_role("link", name="Piteå kommun")).to_be_visible()
    expect(results.get_by_role("link", name="Kiruna kommun")).to_be_visible()
    expect(results.get_by_role("link", name="Umeå kommun")).to_have_count(0)
    expect(results.get_by_role("link", name="Region Norrbotten")).to_have_count(0)
    expect(results.locator(".result-count")).to_contain_text("14")


def test_organisation_filters_work_in_the_form_without_typing_urls(page, axe_check, reference_data):
    page.goto("/organisationer/")
    filters = page.locator("form.filters")

    filters.locator("input[name=kind][value=municipality]").check()
    filters.locator("select[name=county]").select_option("25")
    filters.locator("button[type=submit]").click()

    expect(page.locator("#results").get_by_role("link", name="Piteå kommun")).to_be_visible()
    expect(page.locator("#results .result-count")).to_contain_text("14")
    axe_check(page)


def test_organisation_detail_page_shows_the_official_facts(page, axe_check, reference_data):
    page.goto("/organisationer/?kind=municipality&county=25")

    page.locator("#results").get_by_role("link", name="Piteå kommun").click()
    page.wait_for_url(re.compile(r"/organisationer/pitea-kommun/$"))
    axe_check(page)

    expect(page.locator("h1")).to_have_text("Piteå kommun")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("2581")
    expect(facts).to_contain_text("Norrbotten")
    expect(page.locator("nav.breadcrumbs")).to_be_visible()


def test_accessibility_statement_is_reachable_from_the_footer(page, axe_check):
    page.goto("/")

    page.locator("footer").get_by_role("link", name=re.compile("[Tt]illgänglighet|[Aa]ccessibility")).click()
    page.wait_for_url(re.compile(r"/tillganglighet/$"))
    axe_check(page)

    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("main")).to_contain_text("DOS-lagen")


def test_unknown_page_answers_404_with_a_way_home(page):
    response = page.goto("/det-har-finns-inte/")

    assert response.status == 404
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("main").get_by_role("link", name=re.compile("[Ss]tart"))).to_have_attribute(
        "href", "/"
    )
