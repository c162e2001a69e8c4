"""The board's columns page on their own in Chromium, axe-checked: with the keyboard and HTMX
(the column's cards are replaced in place and get the focus), and without JavaScript (the link
loads the board with that column's next page)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from spira.ideas.choices import StageType
from spira.ideas.queries import BOARD_PAGE_SIZE
from spira.ideas.tests.factories import IdeaFactory, SluiceFactory, stage_of
from spira.ideas.tests.test_e2e import log_in
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory, UserFactory

pytestmark = [pytest.mark.e2e]
TOTAL = BOARD_PAGE_SIZE + 2


@pytest.fixture
def crowded_board(db):
    pitea = MunicipalityFactory(name="Piteå", full_name="Piteå kommun", slug="pitea-kommun")
    sluice = SluiceFactory(organisation=pitea, name="Piteås idésluss", slug="pitea")
    coordinator = UserFactory(display_name="Kim Koordinator")
    MembershipFactory(user=coordinator, organisation=pitea, role=MembershipRole.COORDINATOR)
    new = stage_of(sluice, StageType.NEW)
    now = timezone.now()
    for n in range(1, TOTAL + 1):
        IdeaFactory(sluice=sluice, stage=new, title=f"Idé {n}", submitted_at=now - timedelta(hours=n))
    return coordinator, new


def test_board_column_pages_in_place_with_the_keyboard(page, axe_check, crowded_board):
    coordinator, new = crowded_board
    log_in(page, coordinator, "/ideer/pitea/tavla/")
    column = page.locator(f"#column-{new.pk}")
    expect(column).to_contain_text(f"Idéer 1–{BOARD_PAGE_SIZE} av {TOTAL}")
    expect(column.locator(".ideas-card")).to_have_count(BOARD_PAGE_SIZE)

    column.get_by_role("link", name=re.compile(r"^Äldre idéer")).focus()
    page.keyboard.press("Enter")

    expect(column).to_contain_text(f"Idéer {BOARD_PAGE_SIZE + 1}–{TOTAL} av {TOTAL}")
    expect(column.locator(".ideas-card")).to_have_count(TOTAL - BOARD_PAGE_SIZE)
    expect(column).to_be_focused()
    assert page.url.endswith("/ideer/pitea/tavla/")
    axe_check(page)

    page.keyboard.press("Tab")
    expect(column.get_by_role("link", name=f"Idé {BOARD_PAGE_SIZE + 1}")).to_be_focused()
    column.get_by_role("link", name=re.compile(r"^Nyare idéer")).focus()
    page.keyboard.press("Enter")
    expect(column).to_contain_text(f"Idéer 1–{BOARD_PAGE_SIZE} av {TOTAL}")


def test_board_column_pages_without_javascript(page, browser, live_server, crowded_board):
    # axe-core cannot run where scripts are off, so the page reached without JavaScript is opened
    # again in the checked `page`: the server sends the same HTML.
    coordinator, new = crowded_board
    context = browser.new_context(locale="sv-SE", base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(15_000)
    try:
        no_js = context.new_page()
        log_in(no_js, coordinator, "/ideer/pitea/tavla/")

        with no_js.expect_navigation():
            no_js.locator(f"#column-{new.pk}").get_by_role("link", name=re.compile(r"^Äldre idéer")).click()

        assert no_js.url.endswith(f"/ideer/pitea/tavla/?page-{new.pk}=2#column-{new.pk}")
        column = no_js.locator(f"#column-{new.pk}")
        expect(column).to_contain_text(f"Idéer {BOARD_PAGE_SIZE + 1}–{TOTAL} av {TOTAL}")
        expect(column.get_by_role("link", name=f"Idé {TOTAL}")).to_be_visible()
        log_in(page, coordinator, "/ideer/pitea/tavla/")
        page.goto(no_js.url)
    finally:
        context.close()
