"""The whole life of an idea in Chromium, axe-checked on every page, in Swedish and English:
a resident hands in an idea without an account and sees similar ones while typing; a coordinator
assigns a coach, a reviewer scores it, it moves through the stages (also on the board) and
becomes an initiative; the resident follows every step on the secret link and gets the answer;
the analytics show it."""

import re

import pytest
from playwright.sync_api import expect

from spira.accounts.tests.factories import PASSWORD
from spira.ideas.choices import StageType
from spira.ideas.models import Idea
from spira.ideas.tests.factories import IdeaFactory, SluiceFactory
from spira.initiatives.tests.factories import PublishedInitiativeFactory
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory, UserFactory

pytestmark = [pytest.mark.e2e]


def log_in(page, user, next_url: str) -> None:
    page.context.clear_cookies()
    page.goto(f"/konto/logga-in/?next={next_url}")
    page.locator("input[name=username]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(next_url) + "$"))


def move(page, axe_check, url: str, stage_label: str, answer: str = "") -> None:
    page.locator("#id_move_stage").select_option(label=stage_label)
    if answer:
        page.locator("#id_move_answer").fill(answer)
    page.get_by_role("button", name="Flytta", exact=True).click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    axe_check(page)


def test_idea_from_resident_to_initiative_and_answer(page, axe_check):
    pitea = MunicipalityFactory(name="Piteå", full_name="Piteå kommun", slug="pitea-kommun")
    sluice = SluiceFactory(organisation=pitea, name="Piteås idésluss", slug="pitea")
    coordinator = UserFactory(display_name="Kim Koordinator")
    MembershipFactory(user=coordinator, organisation=pitea, role=MembershipRole.COORDINATOR)
    MembershipFactory(organisation=pitea, user=UserFactory(display_name="Cleo Coach"))
    reviewer = MembershipFactory(organisation=pitea, user=UserFactory(display_name="Rut Bedömare")).user
    IdeaFactory(
        sluice=SluiceFactory(name="Lunds idésluss"),
        title="Cykelpump vid stationen",
        need="Cyklister behöver pumpa däcken.",
    )
    PublishedInitiativeFactory(
        title_sv="Offentliga cykelpumpar i hela kommunen", summary_sv="Cykelpumpar för alla cyklister."
    )

    # A resident without an account hands in an idea and sees similar ones while typing.
    page.goto("/ideer/pitea/")
    page.get_by_role("link", name="Lämna en idé").first.click()
    page.wait_for_url(re.compile(r"/ideer/pitea/lamna-in/$"))
    axe_check(page)
    page.get_by_label("Titel").press_sequentially("Cykelpump vid biblioteket", delay=10)
    expect(page.locator("#similar-ideas")).to_contain_text("Cykelpump vid stationen")
    expect(page.locator("#similar-ideas")).to_contain_text("Offentliga cykelpumpar i hela kommunen")
    axe_check(page)
    page.get_by_label("Behovet eller problemet").fill("Cyklister har ingenstans att pumpa däcken i centrum.")
    page.get_by_label("Din idé").fill("Sätt upp en offentlig cykelpump vid biblioteket.")
    page.get_by_label("Din e-postadress (frivillig)").fill("robin@example.se")
    page.get_by_role("button", name="Lämna in idén").click()
    page.wait_for_url(re.compile(r"/ideer/kvitto/[\w-]+/$"))
    axe_check(page)
    follow_url = page.locator(".ideas-follow-link").get_attribute("href")
    idea = Idea.objects.get(title="Cykelpump vid biblioteket")
    assert follow_url == idea.get_follow_url()
    url = idea.get_absolute_url()

    # The coordinator assigns a coach, asks for a review and moves the idea on.
    log_in(page, coordinator, url)
    axe_check(page)
    expect(page.locator("main")).to_contain_text("robin@example.se")
    page.locator("#id_coach").select_option(label="Cleo Coach")
    page.get_by_role("button", name="Spara coachen").click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    move(page, axe_check, url, "Bedömning (bedömning)", "Tack! Vi tittar på hur en pump kan placeras.")
    page.get_by_label("Rut Bedömare").check()
    page.get_by_role("button", name="Fråga bedömarna").click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))

    # Closing without an answer is refused with a message; nothing changes.
    page.locator("#id_move_stage").select_option(label="Går inte vidare (avslutad: går inte vidare)")
    page.get_by_role("button", name="Flytta", exact=True).click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    expect(page.locator(".messages")).to_contain_text("offentligt svar")
    assert Idea.objects.get(pk=idea.pk).closed_at is None

    # The reviewer scores it (the review round belongs to the screening stage).
    idea.refresh_from_db()
    log_in(page, reviewer, "/ideer/mina/")
    page.get_by_role("link", name="Cykelpump vid biblioteket").click()
    axe_check(page)
    for criterion in sluice.criteria.all():
        page.locator(f"input[name=score_{criterion.pk}][value='4']").check()
    page.get_by_role("button", name="Spara bedömningen").click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    assert Idea.objects.get(pk=idea.pk).score == 75.0

    # The coordinator moves it on, once from the board, and makes it an initiative.
    log_in(page, coordinator, url)
    move(page, axe_check, url, "Utveckling (utveckling)")
    page.goto("/ideer/pitea/tavla/")
    card = page.locator(".ideas-card", has_text="Cykelpump vid biblioteket")
    card.get_by_label("Flytta till").select_option(label="Test")
    card.get_by_role("button").click()
    page.wait_for_url(re.compile(r"/ideer/pitea/tavla/$"))
    axe_check(page)
    page.goto(url)
    move(page, axe_check, url, "Genomförande (genomförande)")
    page.get_by_role("button", name="Gör den till ett initiativ").click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    expect(page.locator("main")).to_contain_text("Initiativ i fallbiblioteket")
    idea.refresh_from_db()
    assert idea.initiative is not None
    move(
        page,
        axe_check,
        url,
        "Genomförd (avslutad: genomförd)",
        "Pumpen är på plats vid biblioteket. Tack för idén!",
    )

    # The resident follows every step on the secret link and gets the answer, in Swedish and English.
    page.context.clear_cookies()
    page.goto(follow_url)
    trail = page.locator(".ideas-trail")
    for stage in ("Inkommen", "Bedömning", "Utveckling", "Test", "Genomförande", "Genomförd"):
        expect(trail).to_contain_text(stage)
    expect(page.locator(".ideas-answer-box")).to_contain_text("Pumpen är på plats")
    page.goto("/en" + follow_url)
    expect(page.locator(".ideas-trail")).to_contain_text("Implementation")
    expect(page.locator("h2", has_text="The answer")).to_be_visible()

    # The analytics show it, in both languages.
    page.goto("/ideer/pitea/analys/")
    expect(page.locator("table").first).to_contain_text("Genomförande")
    expect(page.locator("svg title").first).to_have_text("Tratt: idéer som nådde varje stegtyp")
    page.goto("/en/ideer/pitea/analys/")
    expect(page.locator("h1")).to_contain_text("Analytics of Piteås idésluss")
    page.goto("/en/ideer/pitea/")
    expect(page.locator("main")).to_contain_text("Cykelpump vid biblioteket")
    page.goto("/en/ideer/pitea/lamna-in/")
    assert Idea.objects.get(pk=idea.pk).stage.stage_type == StageType.CLOSED_DONE
