"""The case library (issue 3) in Chromium: a coordinator in Piteå kommun writes an initiative
through the five-step form and submits it, a moderator publishes it from the review queue, and
visitors find it on the search page in Swedish and in English by other forms of the words.
axe-core checks every page on the way (see the `page` fixture in the root conftest.py)."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from spira.accounts.tests.factories import PASSWORD
from spira.initiatives.choices import PublicationState
from spira.initiatives.models import Initiative
from spira.initiatives.tests.factories import MembershipFactory, UserFactory
from spira.organisations.choices import MembershipRole
from spira.organisations.models import Organisation

pytestmark = [pytest.mark.e2e]

TITLE_SV = "Digital tillsyn på äldreboende i Piteå"
TITLE_EN = "Digital night-time supervision in a care home"
SUMMARY_SV = (
    "Nattpersonalen på kommunens äldreboende tittar till de boende med digital tillsyn i stället för "
    "att öppna dörren, så att de boende får sova ostört."
)
SUMMARY_EN = (
    "The municipality's night staff look in on residents of a care home with digital supervision "
    "instead of opening the door, so that they can sleep undisturbed."
)
OVERVIEW_SV = (
    "Piteå kommun prövade kameror med låg upplösning på ett äldreboende under ett år, tillsammans "
    "med de boende, deras anhöriga och nattpersonalen."
)


def wait_for_path(page, path: str) -> None:
    """Wait until the page is at `path` (a regular expression for the whole path, query aside)."""
    page.wait_for_url(lambda url: re.fullmatch(path, urlsplit(url).path) is not None)


def log_in(page, axe_check, user) -> None:
    page.goto("/initiativ/")
    page.get_by_role("navigation", name="Konto").get_by_role("link", name="Logga in").click()
    wait_for_path(page, "/konto/logga-in/")
    axe_check(page)
    page.get_by_label(re.compile("^E-postadress")).fill(user.email)
    page.get_by_label(re.compile("^Lösenord")).fill(PASSWORD)
    page.keyboard.press("Enter")
    wait_for_path(page, "/initiativ/")
    axe_check(page)


def log_out(page, axe_check) -> None:
    page.get_by_role("navigation", name="Konto").get_by_role("button", name="Logga ut").click()
    wait_for_path(page, "/")
    axe_check(page)
    expect(page.get_by_role("navigation", name="Konto").get_by_role("link", name="Logga in")).to_be_visible()


def press_button(page, axe_check, name: str | re.Pattern) -> None:
    """Reach a form's button with the keyboard and press it."""
    button = page.get_by_role("button", name=name, exact=True)
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page)


def search(page, axe_check, words: str) -> None:
    """Type into the search box and press Enter; HTMX swaps in the results."""
    box = page.get_by_role("searchbox")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q="))
    axe_check(page)


def write_the_initiative(page, axe_check) -> None:
    page.get_by_role("link", name="Beskriv ett initiativ").click()
    wait_for_path(page, "/initiativ/nytt/")
    axe_check(page)

    # Step 1: basics, in Swedish and English.
    expect(page.get_by_role("heading", level=2)).to_have_text("Steg 1: Grunduppgifter")
    page.get_by_label(re.compile(r"^Titel \(på svenska\)")).fill(TITLE_SV)
    page.get_by_label(re.compile(r"^Kort sammanfattning \(på svenska\)")).fill(SUMMARY_SV)
    page.get_by_label(re.compile(r"^Titel \(på engelska\)")).fill(TITLE_EN)
    page.get_by_label(re.compile(r"^Kort sammanfattning \(på engelska\)")).fill(SUMMARY_EN)
    page.get_by_label(re.compile("^Status")).select_option("ongoing")
    page.get_by_label(re.compile("^Startmånad")).fill("2024-03")
    press_button(page, axe_check, "Spara och fortsätt")
    wait_for_path(page, r"/initiativ/[\w-]+/redigera/2/")
    expect(page.locator(".messages")).to_contain_text("Utkastet har sparats.")

    # Step 2: the coordinator is one's own municipality.
    page.get_by_label(re.compile("^Koordinator")).select_option(label="Piteå kommun")
    page.get_by_label(re.compile("^Partner")).fill("Region Norrbotten")
    press_button(page, axe_check, "Spara och fortsätt")
    wait_for_path(page, r"/initiativ/[\w-]+/redigera/3/")

    # Step 3: the story.
    page.get_by_label(re.compile(r"^Översikt \(på svenska\)")).fill(OVERVIEW_SV)
    press_button(page, axe_check, "Spara och fortsätt")
    wait_for_path(page, r"/initiativ/[\w-]+/redigera/4/")

    # Step 4: classification.
    page.get_by_label(re.compile("^Taggar")).fill("välfärdsteknik, nattillsyn")
    press_button(page, axe_check, "Spara och fortsätt")
    wait_for_path(page, r"/initiativ/[\w-]+/redigera/5/")

    # Step 5: links, then submit for review.
    page.get_by_label(re.compile("^Adress")).first.fill("https://www.pitea.se/digital-tillsyn")
    press_button(page, axe_check, "Spara och skicka in för granskning")
    wait_for_path(page, r"/initiativ/[\w-]+/")
    expect(page.locator(".messages")).to_contain_text("har skickats till moderatorerna")
    expect(page.locator("h1")).to_have_text(TITLE_SV)


def test_coordinator_drafts_moderator_publishes_and_visitors_find_it_in_both_languages(
    page, axe_check, reference_data
):
    pitea = Organisation.objects.get(slug="pitea-kommun")
    coordinator = UserFactory(display_name="Kim Koordinator")
    MembershipFactory(user=coordinator, organisation=pitea, role=MembershipRole.COORDINATOR)
    moderator = UserFactory(display_name="Mo Moderator", platform_role="moderator")

    # The coordinator writes the case and submits it.
    log_in(page, axe_check, coordinator)
    write_the_initiative(page, axe_check)
    initiative = Initiative.objects.get(title_sv=TITLE_SV)
    assert (initiative.state, initiative.owner, initiative.coordinator) == (
        PublicationState.IN_REVIEW,
        coordinator,
        pitea,
    )
    assert [tag.name for tag in initiative.tags.order_by("name")] == ["nattillsyn", "välfärdsteknik"]
    log_out(page, axe_check)

    # Nobody finds it before it is published.
    page.goto("/sok/")
    search(page, axe_check, "äldreboenden")
    expect(page.locator("#search-status")).to_have_text("0 träffar för ”äldreboenden”")
    expect(page.locator("#search-results")).not_to_contain_text(TITLE_SV)

    # The moderator publishes it from the review queue.
    log_in(page, axe_check, moderator)
    page.get_by_role("link", name="Granskningskö").click()
    wait_for_path(page, "/initiativ/granskning/")
    axe_check(page)
    expect(page.locator(".review-item")).to_have_count(1)
    expect(page.locator(".review-item")).to_contain_text(TITLE_SV)
    # The button names its initiative for screen readers ("Publicera: <title>", the title hidden).
    press_button(page, axe_check, re.compile(rf"^Publicera\s*: {re.escape(TITLE_SV)}$"))
    wait_for_path(page, "/initiativ/granskning/")
    expect(page.locator(".messages")).to_contain_text("Initiativet har publicerats.")
    expect(page.locator("main")).to_contain_text("Inget väntar på granskning.")
    initiative.refresh_from_db()
    assert initiative.state == PublicationState.PUBLISHED
    log_out(page, axe_check)

    # A Swedish visitor finds it by another form of the word and opens it.
    page.goto("/sok/")
    search(page, axe_check, "äldreboenden")
    hits = page.locator("#search-results .search-hit")
    expect(hits).to_have_count(1)
    expect(page.locator("#search-status")).to_have_text("1 träff för ”äldreboenden”")
    hits.get_by_role("link", name=TITLE_SV).click()
    wait_for_path(page, f"/initiativ/{initiative.slug}/")
    axe_check(page)
    expect(page.locator("h1")).to_have_text(TITLE_SV)
    expect(page.locator("main")).to_contain_text(OVERVIEW_SV)

    # An English visitor finds it by the English text, also in another form, and opens it.
    page.goto("/en/sok/")
    search(page, axe_check, "municipalities")
    hits = page.locator("#search-results .search-hit")
    expect(hits).to_have_count(1)
    expect(page.locator("#search-status")).to_have_text("1 hit for “municipalities”")
    hits.get_by_role("link", name=TITLE_EN).click()
    wait_for_path(page, f"/en/initiativ/{initiative.slug}/")
    axe_check(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(TITLE_EN)
    expect(page.locator("main")).to_contain_text(SUMMARY_EN)
