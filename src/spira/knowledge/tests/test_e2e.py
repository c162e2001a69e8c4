"""The knowledge bank in Chromium with axe-core on every page, in Swedish and English."""

import re

import pytest
from playwright.sync_api import expect

from spira.accounts.tests.factories import PASSWORD
from spira.initiatives.tests.factories import PublishedInitiativeFactory
from spira.knowledge.models import ResourceInitiative, ResourceUse
from spira.knowledge.tests.factories import KnowledgeResourceFactory
from spira.organisations.tests.factories import UserFactory

pytestmark = [pytest.mark.e2e]


def test_a_reader_finds_a_playbook_sees_who_used_it_and_marks_it_used(page, axe_check):
    playbook = KnowledgeResourceFactory(
        title="Samverkets playbook", title_en="Samverket's playbook", slug="samverkets-playbook"
    )
    KnowledgeResourceFactory(title="Rapport om jämställdhet", type="research_finding")
    initiative = PublishedInitiativeFactory(title_sv="Framtidens samverkansarenor")
    ResourceInitiative.objects.create(resource=playbook, initiative=initiative)
    reader = UserFactory()

    page.goto("/konto/logga-in/?next=/kunskap/")
    page.locator("input[name=username]").fill(reader.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/kunskap/$"))
    axe_check(page)
    page.locator("#id_type_2").check()
    page.locator("form.filters button[type=submit]").click()
    expect(page.locator(".knowledge-results li")).to_have_count(1)
    axe_check(page)
    page.get_by_role("link", name="Samverkets playbook").click()
    page.wait_for_url(re.compile(r"/kunskap/samverkets-playbook/$"))
    axe_check(page)
    expect(page.locator(".resource-initiatives")).to_contain_text("Framtidens samverkansarenor")
    page.get_by_role("button", name="Jag har använt den här").click()
    page.wait_for_url(re.compile(r"/kunskap/samverkets-playbook/$"))
    axe_check(page)
    expect(page.locator("main")).to_contain_text("Du har markerat den som använd.")
    assert ResourceUse.objects.get().user == reader

    page.locator("#id_rating_3").check()
    page.locator("#id_strengths").fill("Tydliga steg för en ny ort.")
    page.get_by_role("button", name="Publicera recensionen").click()
    axe_check(page)
    expect(page.locator(".knowledge-review")).to_have_count(1)

    page.goto("/en/kunskap/samverkets-playbook/")
    expect(page.locator("h1")).to_have_text("Samverket's playbook")
    page.goto("/en/kunskap/")
    expect(page.locator(".knowledge-results li")).to_have_count(2)
