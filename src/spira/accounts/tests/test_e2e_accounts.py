"""The foundation (issue 2) in Chromium, as a person does it: browse Sweden's municipalities, regions
and agencies in Swedish and English, then register, log out and in, switch to English, create an API
token, download the personal data and erase the account. Forms are filled and sent with the
keyboard; axe-core checks every page (see the `page` fixture in the root conftest.py)."""

import json
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from spira.accounts.models import ApiToken, User, hash_token
from spira.accounts.tests.factories import UserFactory
from spira.organisations.choices import MembershipRole
from spira.organisations.models import Membership, Organisation

pytestmark = [pytest.mark.e2e]

EMAIL = "Karin.Lind@Example.se"
NEW_PASSWORD = "Norrsken-over-Pite-2025"


def wait_for_path(page, path: str) -> None:
    """Wait until the page is at `path` (a regular expression for the whole path, query aside)."""
    page.wait_for_url(lambda url: re.fullmatch(path, urlsplit(url).path) is not None)


def results(page):
    return page.locator("#results")


HTMX_QUIET_JS = """() => {
    const now = performance.now();
    if (document.querySelector('.htmx-request')) { window.spiraQuietSince = undefined; return false; }
    if (window.spiraQuietSince === undefined) { window.spiraQuietSince = now; return false; }
    return now - window.spiraQuietSince > 700;
}"""


def wait_for_htmx(page) -> None:
    """Wait until no HTMX request has been in flight for 0.7 s (the name box waits 0.4 s after the
    last key), so that the results are not swapped again under the keyboard focus."""
    page.evaluate("window.spiraQuietSince = undefined")
    page.wait_for_function(HTMX_QUIET_JS, polling=100)


def type_and_leave(page, label: str, text: str) -> None:
    """Type into a filter box and Tab out of it, as a person does; the list updates as one types."""
    page.get_by_label(label).press_sequentially(text)
    page.keyboard.press("Tab")
    wait_for_htmx(page)


def check_with_keyboard(page, label: str) -> None:
    """Focus a checkbox by its label and tick it with the space bar (HTMX updates the results)."""
    checkbox = page.get_by_role("checkbox", name=label, exact=True)
    checkbox.focus()
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()
    wait_for_htmx(page)


def open_link(page, axe_check, name: str, url_pattern: str) -> None:
    """Follow a link with the keyboard: focus it and press Enter."""
    results(page).get_by_role("link", name=name, exact=True).focus()
    page.keyboard.press("Enter")
    wait_for_path(page, url_pattern)
    axe_check(page)


def api_email(page, base_url: str, key: str) -> str:
    """The e-mail address the API sees for this key, asked from a context without the session."""
    context = page.context.browser.new_context(base_url=base_url)
    try:
        response = context.request.get("/api/v1/accounts/me/", headers={"Authorization": f"Token {key}"})
        assert response.status == 200
        return response.json()["email"]
    finally:
        context.close()


def log_in(page, axe_check, email: str, password: str) -> None:
    page.get_by_role("navigation", name=re.compile("Konto|Account")).get_by_role(
        "link", name=re.compile("^(Logga in|Log in)$")
    ).click()
    wait_for_path(page, r"(/en)?/konto/logga-in/")
    axe_check(page)
    page.get_by_label(re.compile("^(E-postadress|E-mail address)")).fill(email)
    page.get_by_label(re.compile("^(Lösenord|Password)")).fill(password)
    page.keyboard.press("Enter")


def test_municipalities_regions_and_agencies_can_be_browsed_in_swedish_and_english(
    page, axe_check, reference_data
):
    page.goto("/organisationer/")
    expect(page.locator("h1")).to_have_text("Organisationer")

    check_with_keyboard(page, "Region")
    expect(results(page).locator(".result-count")).to_have_text("21 organisationer")
    expect(results(page).get_by_role("link", name="Piteå kommun")).to_have_count(0)
    open_link(page, axe_check, "Region Norrbotten", r"/organisationer/region-norrbotten/")
    expect(page.locator("h1")).to_have_text("Region Norrbotten")
    expect(page.locator("dl.facts")).to_contain_text("Norrbottens län")

    page.goto("/organisationer/")
    check_with_keyboard(page, "Kommun")
    expect(results(page).locator(".result-count")).to_have_text("290 organisationer")
    check_with_keyboard(page, "Statlig myndighet")
    type_and_leave(page, "Namn", "innovationssystem")
    expect(results(page).locator(".result-count")).to_have_text("1 organisation")
    open_link(page, axe_check, "Verket för innovationssystem", r"/organisationer/[\w-]+/")
    expect(page.locator("h1")).to_have_text("Verket för innovationssystem")
    expect(page.locator("dl.facts")).to_contain_text("202100-5216")

    page.goto("/en/organisationer/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Organisations")
    check_with_keyboard(page, "Region")
    expect(results(page).locator(".result-count")).to_have_text("21 organisations")
    open_link(page, axe_check, "Region Norrbotten", r"/en/organisationer/region-norrbotten/")
    expect(page.locator("h1")).to_have_text("Region Norrbotten")

    page.goto("/en/organisationer/")
    check_with_keyboard(page, "Government agency")
    type_and_leave(page, "Name", "innovation systems")
    expect(results(page).locator(".result-count")).to_have_text("1 organisation")
    open_link(page, axe_check, "The Swedish Agency for Innovation Systems", r"/en/organisationer/[\w-]+/")
    expect(page.locator("h1")).to_have_text("The Swedish Agency for Innovation Systems")


def test_a_person_registers_logs_out_and_in_turns_english_makes_a_token_exports_and_erases(
    page, axe_check, live_server, reference_data
):
    # Register, in Swedish.
    page.goto("/konto/registrera/")
    expect(page.locator("h1")).to_have_text("Skapa ett konto")
    page.get_by_label(re.compile("^E-postadress")).fill(EMAIL)
    page.get_by_label(re.compile("^Visningsnamn")).fill("Karin Lind")
    expect(page.get_by_label(re.compile("^Föredraget språk"))).to_have_value("sv")
    page.get_by_label(re.compile(r"^Lösenord \(")).fill(NEW_PASSWORD)
    page.get_by_label(re.compile("^Lösenord igen")).fill(NEW_PASSWORD)
    page.keyboard.press("Enter")
    wait_for_path(page, r"/konto/profil/")
    axe_check(page)

    account_nav = page.get_by_role("navigation", name="Konto")
    expect(account_nav.get_by_role("link", name="Karin Lind")).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("Välkommen till Spira")
    expect(page.locator("dl.facts")).to_contain_text("karin.lind@example.se")
    user = User.objects.get(email__iexact=EMAIL)

    # Log out with the header's button, then in again.
    account_nav.get_by_role("button", name="Logga ut").focus()
    page.keyboard.press("Enter")
    wait_for_path(page, r"/")
    axe_check(page)
    expect(page.get_by_role("navigation", name="Konto").get_by_role("link", name="Logga in")).to_be_visible()
    assert page.goto("/konto/profil/").url.split("?")[0].endswith("/konto/logga-in/")

    page.get_by_label(re.compile("^E-postadress")).fill("karin.lind@example.se")
    page.get_by_label(re.compile("^Lösenord")).fill(NEW_PASSWORD)
    page.keyboard.press("Enter")
    wait_for_path(page, r"/konto/profil/")
    axe_check(page)
    expect(page.locator("h1")).to_have_text("Din profil")

    # Prefer English: the pages come in English from then on.
    page.get_by_role("link", name="Redigera profilen").click()
    wait_for_path(page, r"/konto/profil/andra/")
    axe_check(page)
    page.get_by_label(re.compile("^Föredraget språk")).select_option("en")
    page.get_by_role("button", name="Spara").click()
    wait_for_path(page, r"/en/konto/profil/")
    axe_check(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Your profile")
    expect(page.locator(".messages")).to_contain_text("Your profile has been saved.")
    user.refresh_from_db()
    assert user.preferred_language == "en"

    # An API token: its key is shown once, and works.
    page.get_by_role("link", name="API tokens").click()
    wait_for_path(page, r"/en/konto/api-nycklar/")
    axe_check(page)
    page.get_by_role("link", name="Create a token").click()
    axe_check(page)
    page.get_by_label(re.compile("^Name")).fill("Statistics export")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Your new API token")
    axe_check(page)
    key = page.get_by_label("Key").input_value()
    assert len(key) >= 32
    token = ApiToken.objects.get(user=user)
    assert (token.name, token.key_hash) == ("Statistics export", hash_token(key))
    assert api_email(page, live_server.url, key) == "karin.lind@example.se"

    page.get_by_role("link", name="Back to your tokens").click()
    wait_for_path(page, r"/en/konto/api-nycklar/")
    axe_check(page)
    expect(results(page)).to_contain_text("Statistics export")
    assert key not in page.content()

    # The personal-data export holds the e-mail address and the memberships.
    pitea = Organisation.objects.get(slug="pitea-kommun")
    Membership.objects.create(user=user, organisation=pitea, role=MembershipRole.COORDINATOR)
    page.goto("/en/konto/profil/")
    expect(page.locator("main")).to_contain_text("Piteå kommun")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download your data").click()
    download = download_info.value
    assert re.fullmatch(r"spira-personal-data-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    with open(download.path(), encoding="utf-8") as file:
        data = json.load(file)
    assert data["profile"]["email"] == "karin.lind@example.se"
    assert [(m["organisation_slug"], m["role"]) for m in data["memberships"]] == [
        ("pitea-kommun", "coordinator")
    ]
    assert [t["name"] for t in data["api_tokens"]] == ["Statistics export"]

    # Erase: the password is asked for; afterwards the log-in fails.
    page.get_by_role("link", name="Erase your account").click()
    wait_for_path(page, r"/en/konto/profil/radera/")
    axe_check(page)
    page.get_by_label(re.compile("^Your password")).fill("not-my-password")
    page.keyboard.press("Enter")
    expect(page.locator(".field-error")).to_contain_text("The password is wrong.")
    axe_check(page)
    assert User.objects.filter(pk=user.pk).exists()

    page.get_by_label(re.compile("^Your password")).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Erase my account for good").click()
    wait_for_path(page, r"/en/")
    axe_check(page)
    expect(page.locator(".messages")).to_contain_text("Your account and your personal data have been erased.")
    assert not User.objects.filter(email__iexact=EMAIL).exists()
    assert not Membership.objects.filter(organisation=pitea).exists()

    log_in(page, axe_check, "karin.lind@example.se", NEW_PASSWORD)
    expect(page.get_by_role("alert")).to_contain_text("The e-mail address or the password is wrong.")
    axe_check(page)
    expect(page.get_by_role("navigation", name="Account").get_by_role("link", name="Log in")).to_be_visible()


@pytest.mark.parametrize(
    ("prefix", "labels", "message"),
    [
        (
            "",
            ("E-postadress", r"Lösenord \(", "Lösenord igen"),
            "Det finns redan ett konto med den här e-postadressen.",
        ),
        (
            "/en",
            ("E-mail address", r"Password \(", "Password again"),
            "An account with this e-mail address already exists.",
        ),
    ],
)
def test_registering_an_e_mail_address_twice_shows_a_clear_error(page, axe_check, prefix, labels, message):
    UserFactory(email="karin.lind@example.se")
    email_label, password_label, again_label = labels

    page.goto(f"{prefix}/konto/registrera/")
    page.get_by_label(re.compile(f"^{email_label}")).fill("KARIN.LIND@example.se")
    page.get_by_label(re.compile(f"^{password_label}")).fill(NEW_PASSWORD)
    page.get_by_label(re.compile(f"^{again_label}")).fill(NEW_PASSWORD)
    page.keyboard.press("Enter")

    email_field = page.get_by_label(re.compile(f"^{email_label}"))
    expect(page.locator(".field-error")).to_have_count(1)
    expect(page.locator(".field-error .errorlist")).to_have_text(message)
    expect(page.get_by_role("alert")).to_be_visible()
    expect(email_field).to_have_value("KARIN.LIND@example.se")
    axe_check(page)
    assert User.objects.filter(email__iexact="karin.lind@example.se").count() == 1
    assert page.url.endswith(f"{prefix}/konto/registrera/")
