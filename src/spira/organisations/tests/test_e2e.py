"""The organisation pages in Chromium, by keyboard where it matters, with axe-core on every page
(see the `page` fixture in the root conftest.py)."""

import re

import pytest
from playwright.sync_api import expect

from spira.accounts.tests.factories import PASSWORD
from spira.organisations.models import Membership, Organisation
from spira.organisations.tests.factories import MunicipalityFactory, UserFactory

pytestmark = [pytest.mark.e2e]


def log_in(page, user) -> None:
    page.goto("/konto/logga-in/?next=/organisationer/")
    page.locator("input[name=username]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/organisationer/$"))


def test_list_filters_and_opens_an_organisation(page, axe_check):
    MunicipalityFactory(name="Östersund", full_name="Östersunds kommun")
    MunicipalityFactory(name="Åre", full_name="Åre kommun")

    page.goto("/organisationer/?q=öster")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Östersunds kommun").click()
    page.wait_for_url(re.compile(r"/organisationer/testby-\d+-kommun/$"))
    axe_check(page)
    expect(page.locator("h1")).to_have_text("Östersunds kommun")
    page.goto(page.url + "medlemmar/")
    page.goto(page.url.replace("medlemmar/", "historik/"))


def test_register_edit_and_manage_members(page, axe_check):
    user = UserFactory(display_name="Anna Admin")
    colleague = UserFactory(display_name="Bo Kollega", email="bo@example.se")
    log_in(page, user)

    page.get_by_role("link", name="Registrera en organisation").click()
    axe_check(page)
    expect(page.get_by_label(re.compile("^Namn"), exact=False).first).to_be_visible()
    page.locator("#id_kind").select_option("network")
    page.locator("#id_name").fill("Jämtlands innovationsnätverk")
    page.locator("#id_org_number").fill("802000-0008")
    page.get_by_role("button", name="Registrera").click()
    axe_check(page)
    expect(page.locator(".field-error")).to_have_count(1)

    page.locator("#id_org_number").fill("802000-0009")
    page.get_by_role("button", name="Registrera").click()
    page.wait_for_url(re.compile(r"/organisationer/jamtlands-innovationsnatverk/$"))
    axe_check(page)

    page.get_by_role("link", name=re.compile("^Redigera")).click()
    axe_check(page)
    page.locator("#id_city").fill("Östersund")
    page.get_by_role("button", name="Spara ändringarna").click()
    page.wait_for_url(re.compile(r"/organisationer/jamtlands-innovationsnatverk/$"))
    axe_check(page)
    assert Organisation.objects.get(slug="jamtlands-innovationsnatverk").city == "Östersund"

    page.get_by_role("link", name=re.compile("^Medlemmar")).click()
    axe_check(page)
    page.locator("#id_email").fill("okand@example.se")
    page.get_by_role("button", name="Lägg till medlem").click()
    axe_check(page)
    expect(page.locator(".field-error")).to_have_count(1)

    page.locator("#id_email").fill(colleague.email)
    page.locator("#id_role").select_option("coordinator")
    page.get_by_role("button", name="Lägg till medlem").click()
    page.wait_for_url(re.compile(r"/medlemmar/$"))
    axe_check(page)
    expect(page.locator(".members-table tbody tr")).to_have_count(2)
    assert Membership.objects.get(user=colleague).role == "coordinator"
