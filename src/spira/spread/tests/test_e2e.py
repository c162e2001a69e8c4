"""Spread in Chromium, axe-checked on every page, in Swedish and in English: Östersund marks interest
in a Stockholm solution, pilots it, puts it in use, both confirm, and the map, the timeline and the
national view show it. Also: linking initiatives with the keyboard (and without JavaScript), and
uploading a publiccode.yml."""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from spira.accounts.services import COMMAND_LINE
from spira.accounts.tests.factories import PASSWORD
from spira.initiatives.models import Initiative
from spira.initiatives.tests.factories import PublishedInitiativeFactory
from spira.organisations.models import Organisation
from spira.organisations.tests.factories import MembershipFactory
from spira.search.index import index_objects
from spira.spread import services
from spira.spread.models import Adoption, Solution

pytestmark = [pytest.mark.e2e]

IN_USE_FILL = "#1d5b8f"


@dataclass(frozen=True)
class Words:
    """What the pages say, in one language."""

    prefix: str
    interested: str
    interest_registered: str
    change_status: str
    new_status: str
    status_changed: str
    confirm_for: str
    other_asked: str
    verified_message: str
    verified: str
    learned_from: str
    where_used: str
    per_county: str


SWEDISH = Words(
    prefix="",
    interested="Vi är intresserade",
    interest_registered="Ert intresse är registrerat",
    change_status="Ändra status",
    new_status="Ny status",
    status_changed="Statusen har ändrats.",
    confirm_for="Bekräfta för",
    other_asked="Den andra organisationen ombeds bekräfta",
    verified_message="införandet är verifierat",
    verified="Bekräftad",
    learned_from="lärde sig av",
    where_used="Var den används",
    per_county="Spridning per län",
)
ENGLISH = Words(
    prefix="/en",
    interested="We are interested",
    interest_registered="Your interest was registered",
    change_status="Change status",
    new_status="New status",
    status_changed="The status was changed.",
    confirm_for="Confirm for",
    other_asked="The other organisation is asked to confirm",
    verified_message="the adoption is verified",
    verified="Verified",
    learned_from="learned from",
    where_used="Where it is used",
    per_county="Spread per county",
)


def log_in(page, user, next_url: str) -> None:
    page.context.clear_cookies()
    page.goto(f"/konto/logga-in/?next={next_url}")
    page.locator("input[name=username]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(next_url) + "$"))


def change_status(page, axe_check, words: Words, status: str) -> None:
    page.get_by_role("link", name=re.compile("^" + words.change_status)).click()
    axe_check(page)
    page.get_by_label(words.new_status).select_option(status)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_text(words.status_changed)).to_be_visible()


@pytest.mark.parametrize("words", [SWEDISH, ENGLISH], ids=["sv", "en"])
def test_ostersund_adopts_a_stockholm_solution(page, axe_check, reference_data, words):
    stockholm = Organisation.objects.municipalities().get(name="Stockholm")
    ostersund = Organisation.objects.municipalities().get(name="Östersund")
    stockholm_member = MembershipFactory(organisation=stockholm).user
    ostersund_member = MembershipFactory(organisation=ostersund).user
    solution = services.create_solution(
        COMMAND_LINE,
        stockholm,
        name="Samverkets playbook",
        summary="Så startar ni ett samverkansnav.",
        kind="playbook",
    )
    url = words.prefix + solution.get_absolute_url()

    # Östersund finds the solution and says it is interested (one click).
    log_in(page, ostersund_member, words.prefix + "/spridning/")
    page.get_by_role("link", name="Samverkets playbook").click()
    axe_check(page)
    page.get_by_role("button", name=words.interested).click()
    expect(page.get_by_text(words.interest_registered)).to_be_visible()
    axe_check(page)

    # It pilots the solution, then puts it in use, and confirms.
    change_status(page, axe_check, words, "piloting")
    change_status(page, axe_check, words, "in_use")
    page.get_by_role("button", name=re.compile("^" + words.confirm_for)).click()
    expect(page.get_by_text(words.other_asked)).to_be_visible()
    axe_check(page)

    # Stockholm confirms: the adoption is verified.
    log_in(page, stockholm_member, url)
    page.get_by_role("button", name=re.compile("^" + words.confirm_for)).click()
    expect(page.get_by_text(words.verified_message)).to_be_visible()
    axe_check(page)
    adoption = Adoption.objects.get()
    assert adoption.is_verified
    assert adoption.status == "in_use"

    # The map shades Östersund, the timeline lists the three steps, the table says verified.
    expect(page.get_by_role("heading", name=words.where_used)).to_be_visible()
    expect(page.locator(f"svg.spread-map path[fill='{IN_USE_FILL}']")).to_have_count(1)
    expect(page.locator(".spread-timeline-list li")).to_have_count(3)
    expect(page.locator(f"#adoption-{adoption.pk}")).to_contain_text(words.verified)
    expect(page.locator(".spread-learned-list")).to_contain_text(words.learned_from)

    # The national view counts it, on the county map and in the table per county.
    page.goto(words.prefix + "/spridning/oversikt/")
    expect(page.get_by_role("link", name="Samverkets playbook")).to_be_visible()
    expect(page.get_by_role("heading", name=words.per_county)).to_be_visible()
    expect(page.locator("table").nth(1)).to_contain_text(ostersund.county.name)
    county = page.locator(f"svg.spread-map path[data-county='{ostersund.county.code}']")
    expect(county).not_to_have_attribute("fill", "#f1f3f5")

    # Östersund's organisation page shows what it adopted.
    page.goto(f"{words.prefix}/spridning/organisation/{ostersund.slug}/adopterat/")
    expect(page.get_by_role("link", name="Samverkets playbook")).to_be_visible()


def test_initiatives_are_linked_with_the_keyboard_alone(page, axe_check, reference_data):
    stockholm = Organisation.objects.municipalities().get(name="Stockholm")
    member = MembershipFactory(organisation=stockholm).user
    own = PublishedInitiativeFactory(title_sv="Samverket i Stockholm", coordinator=stockholm)
    other = PublishedInitiativeFactory(title_sv="Cykelbibliotek i Umeå", summary_sv="Lånecyklar för alla.")
    index_objects(Initiative, [own.pk, other.pk])

    log_in(page, member, "/spridning/dela/")
    axe_check(page)
    page.get_by_label(re.compile("^Namn")).fill("Cykelpool")
    page.get_by_label(re.compile("^Sammanfattning")).fill("Kommunen lånar ut cyklar till invånarna.")
    page.get_by_label(re.compile("^Typ")).select_option("method")
    expect(page.get_by_role("checkbox", name="Samverket i Stockholm")).to_be_visible()

    # Typing finds the initiative; Enter searches at once instead of saving; Tab and Space tick it.
    search = page.get_by_role("searchbox", name="Hitta ett initiativ")
    search.focus()
    page.keyboard.type("cykelbibliotek")
    page.keyboard.press("Enter")
    found = page.locator("#initiative-found").get_by_role("checkbox", name="Cykelbibliotek i Umeå")
    expect(found).to_be_visible()
    assert Solution.objects.count() == 0
    axe_check(page)
    found.focus()
    page.keyboard.press("Space")
    expect(found).to_be_checked()

    page.get_by_label("Adress", exact=True).first.fill("https://example.org/handbok.pdf")
    page.get_by_label("Titel", exact=True).first.fill("Handbok")
    page.get_by_role("button", name="Spara", exact=True).click()

    expect(page.get_by_role("heading", name="Cykelpool")).to_be_visible()
    expect(page.get_by_role("link", name="Cykelbibliotek i Umeå")).to_be_visible()
    expect(page.get_by_role("link", name="Handbok")).to_be_visible()
    solution = Solution.objects.get()
    assert list(solution.initiatives.all()) == [other]


def test_initiatives_are_found_without_javascript(browser, live_server, reference_data):
    """The Find button re-shows the form with the matches to tick. (axe-core cannot run where
    scripts are off; the same form with JavaScript is checked in the test above.)"""
    stockholm = Organisation.objects.municipalities().get(name="Stockholm")
    member = MembershipFactory(organisation=stockholm).user
    other = PublishedInitiativeFactory(title_sv="Cykelbibliotek i Umeå")
    index_objects(Initiative, [other.pk])
    context = browser.new_context(locale="sv-SE", base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        log_in(page, member, "/spridning/dela/")
        page.get_by_label(re.compile("^Namn")).fill("Cykelpool")
        page.get_by_role("searchbox", name="Hitta ett initiativ").fill("cykelbibliotek")
        page.get_by_role("button", name="Hitta initiativ").click()

        expect(page.get_by_text("Inget har sparats ännu")).to_be_visible()
        expect(page.get_by_label(re.compile("^Namn"))).to_have_value("Cykelpool")
        page.get_by_role("checkbox", name="Cykelbibliotek i Umeå").check()
        page.get_by_label(re.compile("^Sammanfattning")).fill("Kommunen lånar ut cyklar till invånarna.")
        page.get_by_label(re.compile("^Typ")).select_option("method")
        page.get_by_role("button", name="Spara", exact=True).click()

        expect(page.get_by_role("heading", name="Cykelpool")).to_be_visible()
        assert list(Solution.objects.get().initiatives.all()) == [other]
    finally:
        context.close()


def test_publiccode_upload_lists_problems_then_creates_the_solution(
    page, axe_check, reference_data, tmp_path
):
    stockholm = Organisation.objects.municipalities().get(name="Stockholm")
    member = MembershipFactory(organisation=stockholm).user
    bad, good = tmp_path / "bad" / "publiccode.yml", tmp_path / "good" / "publiccode.yml"
    bad.parent.mkdir()
    good.parent.mkdir()
    bad.write_text("publiccodeYmlVersion: '0'\nname: Medusa\n", encoding="utf-8")
    good.write_text(
        (
            Path(__file__).parent
            / "publiccode"
            / "spec-examples"
            / "publiccodeyml__standard-example__publiccode.yml"
        ).read_text(encoding="utf-8"),
        encoding="utf-8",
    )

    log_in(page, member, "/spridning/importera/")
    page.get_by_label(re.compile(r"^publiccode\.yml")).set_input_files(str(bad))
    page.get_by_role("button", name="Kontrollera och spara").click()

    problems = page.locator("#publiccode-problems")
    expect(problems).to_contain_text("Inget sparades")
    expect(problems.get_by_role("row", name=re.compile(r"^url obligatoriskt"))).to_be_visible()
    axe_check(page)
    assert Solution.objects.count() == 0

    page.get_by_label(re.compile(r"^publiccode\.yml")).set_input_files(str(good))
    page.get_by_role("button", name="Kontrollera och spara").click()

    expect(page.get_by_role("heading", name="Lösningen har skapats")).to_be_visible()
    axe_check(page)
    solution = Solution.objects.get()
    page.get_by_role("link", name=solution.name).click()
    expect(page.get_by_role("link", name="Ladda ner publiccode.yml")).to_be_visible()
