"""Spread in Chromium, axe-checked on every page, in Swedish and English: Östersund marks interest in
a Stockholm solution, pilots it, puts it in use, both confirm, and the map, the timeline and the
national view show it."""

import re

import pytest
from playwright.sync_api import expect

from spira.accounts.services import COMMAND_LINE
from spira.accounts.tests.factories import PASSWORD
from spira.organisations.models import Organisation
from spira.organisations.tests.factories import MembershipFactory
from spira.spread import services
from spira.spread.models import Adoption

pytestmark = [pytest.mark.e2e]


def log_in(page, user, next_url: str) -> None:
    page.context.clear_cookies()
    page.goto(f"/konto/logga-in/?next={next_url}")
    page.locator("input[name=username]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(next_url) + "$"))


def change_status(page, axe_check, status: str) -> None:
    page.get_by_role("link", name=re.compile("^Ändra status")).click()
    axe_check(page)
    page.get_by_label("Ny status").select_option(status)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_text("Statusen har ändrats.")).to_be_visible()


def test_ostersund_adopts_a_stockholm_solution(page, axe_check, reference_data):
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
    url = solution.get_absolute_url()

    # Östersund finds the solution and says it is interested (one click).
    log_in(page, ostersund_member, "/spridning/")
    page.get_by_role("link", name="Samverkets playbook").click()
    axe_check(page)
    page.get_by_role("button", name="Vi är intresserade").click()
    expect(page.get_by_text("Ert intresse är registrerat")).to_be_visible()
    axe_check(page)

    # It pilots the solution, then puts it in use, and confirms.
    change_status(page, axe_check, "piloting")
    change_status(page, axe_check, "in_use")
    page.get_by_role("button", name=re.compile("^Bekräfta för Östersund")).click()
    expect(page.get_by_text("Den andra organisationen ombeds bekräfta")).to_be_visible()
    axe_check(page)

    # Stockholm confirms: the adoption is verified.
    log_in(page, stockholm_member, url)
    page.get_by_role("button", name=re.compile("^Bekräfta för Stockholm")).click()
    expect(page.get_by_text("införandet är verifierat")).to_be_visible()
    axe_check(page)
    adoption = Adoption.objects.get()
    assert adoption.is_verified
    assert adoption.status == "in_use"

    # The map shades Östersund, the timeline lists the three steps, the table says verified.
    expect(page.locator("svg.spread-map path[fill='#1d5b8f']")).to_have_count(1)
    expect(page.locator(".spread-timeline-list li")).to_have_count(3)
    expect(page.locator(f"#adoption-{adoption.pk}")).to_contain_text("Bekräftad")
    expect(page.locator(".spread-learned-list")).to_contain_text("lärde sig av")

    # The national view counts it, per county too.
    page.goto("/spridning/oversikt/")
    expect(page.get_by_role("link", name="Samverkets playbook")).to_be_visible()
    expect(page.locator("table").nth(1)).to_contain_text("Jämtlands län")

    # In English.
    page.goto("/en" + url)
    expect(page.get_by_role("heading", name="Where it is used")).to_be_visible()
    expect(page.locator(f"#adoption-{adoption.pk}")).to_contain_text("Verified")
    page.goto("/en/spridning/oversikt/")
    expect(page.get_by_role("heading", name="Spread per county")).to_be_visible()

    # Östersund's organisation page shows what it adopted.
    page.goto(f"/spridning/organisation/{ostersund.slug}/adopterat/")
    expect(page.get_by_role("link", name="Samverkets playbook")).to_be_visible()
