"""The whole trail of a barrier in Chromium, axe-checked on every page, in Swedish and English:
Piteå reports a barrier, nine municipalities endorse it, a dialogue workshop discusses it, it is
escalated to a national agency that answers, and the trail is public. Overdue answers show."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from spira.accounts.tests.factories import PASSWORD
from spira.barriers import services
from spira.barriers.models import Barrier, Escalation
from spira.barriers.tests.factories import AgencyFactory, EscalationFactory, WorkshopFactory
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory

pytestmark = [pytest.mark.e2e]

ENDORSERS = ["Luleå", "Boden", "Kiruna", "Umeå", "Lund", "Borås", "Göteborg", "Skellefteå", "Älvsbyn"]


def log_in(page, user, next_url: str) -> None:
    page.context.clear_cookies()
    page.goto(f"/konto/logga-in/?next={next_url}")
    page.locator("input[name=username]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(next_url) + "$"))


def test_barrier_trail_from_report_to_public_answer(page, axe_check):
    pitea = MunicipalityFactory(name="Piteå", full_name="Piteå kommun", population=42_447)
    coordinator = MembershipFactory(organisation=pitea, role=MembershipRole.COORDINATOR).user
    agency = AgencyFactory(name="Upphandlingsmyndigheten")
    official = MembershipFactory(organisation=agency).user
    endorsers = [
        MunicipalityFactory(name=name, full_name=f"{name} kommun", population=20_000) for name in ENDORSERS
    ]
    members = [MembershipFactory(organisation=o).user for o in endorsers]

    # Piteå reports the barrier.
    log_in(page, coordinator, "/hinder/")
    page.get_by_role("link", name="Rapportera ett hinder").click()
    axe_check(page)
    page.get_by_label("Rubrik").fill("Upphandling hindrar uppskalning")
    page.get_by_label("Beskrivning").fill("Det vi utvecklat kan inte köpas av grannkommunerna.")
    page.locator("#id_kind").select_option("procurement")
    page.locator("#id_mandate_level").select_option("national")
    page.locator("#id_legal_reference").fill("Lag (2016:1145) om offentlig upphandling")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/hinder/\d+/$"))
    axe_check(page)
    barrier = Barrier.objects.get()
    url = barrier.get_absolute_url()

    # Triage, by keyboard-operable form.
    page.get_by_role("link", name="Ändra status").click()
    axe_check(page)
    page.locator("#id_status").select_option("triaged")
    page.get_by_label("Skäl").fill("Berör många kommuner.")
    page.get_by_role("button", name="Ändra status").click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))

    # Nine municipalities say "we have this too": the first in the browser, the others as set-up.
    for member, organisation in list(zip(members, endorsers, strict=True))[1:]:
        services.endorse_barrier(member, barrier, organisation, f"Samma i {organisation.name}")
    log_in(page, members[0], url)
    page.get_by_role("link", name="Vi har också detta").click()
    axe_check(page)
    page.get_by_label("Vårt fall").fill("En pilot i Luleå stannade av samma skäl.")
    page.get_by_role("button", name="Instäm").click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    expect(page.locator(".barriers-reach")).to_contain_text("10 organisationer har detta hinder")

    # A dialogue workshop discusses it.
    workshop = WorkshopFactory(organiser=pitea, title="Dialogverkstad för omställning")
    log_in(page, coordinator, url)
    page.get_by_role("link", name="Sätt på en dialogverkstads dagordning").click()
    axe_check(page)
    page.get_by_role("button", name="Lägg till på dagordningen").click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    page.goto(workshop.get_absolute_url())
    page.get_by_role("link", name=re.compile("För in utfallet")).click()
    axe_check(page)
    page.get_by_label("Rekommendation").fill("Nationell vägledning för gemensam upphandling.")
    page.get_by_role("button", name="Spara utfallet").click()
    page.wait_for_url(re.compile(re.escape(workshop.get_absolute_url()) + "$"))

    # Escalated to the national agency.
    page.goto(url)
    page.get_by_role("link", name="Eskalera", exact=True).click()
    axe_check(page)
    page.locator("#id_level").select_option("national")
    page.locator("#id_authority").select_option(label="Upphandlingsmyndigheten")
    page.get_by_role("button", name="Eskalera").click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    expect(page.locator("#duty-heading")).to_have_text("Väntar på svar")

    # The agency finds it in its inbox and answers publicly.
    log_in(page, official, "/hinder/inkorg/")
    page.get_by_role("link", name="Upphandling hindrar uppskalning").click()
    page.get_by_role("link", name="Svara för din organisation").click()
    axe_check(page)
    page.get_by_label(re.compile("accepterat")).check()
    page.locator("#id_text").fill("Vi tar fram en vägledning under nästa år.")
    page.get_by_role("button", name="Publicera svaret").click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))

    # The whole trail is public, in both languages.
    page.context.clear_cookies()
    page.goto(url)
    timeline = page.locator(".barriers-timeline")
    expect(timeline).to_contain_text("Rapporterat av Piteå kommun")
    expect(timeline).to_contain_text("Luleå kommun har också hindret")
    expect(timeline).to_contain_text("Diskuterat i dialogverkstaden Dialogverkstad för omställning")
    expect(timeline).to_contain_text("Eskalerat till Upphandlingsmyndigheten")
    expect(timeline).to_contain_text("Vi tar fram en vägledning under nästa år.")
    page.goto("/en" + url)
    expect(page.locator(".barriers-timeline")).to_contain_text("Upphandlingsmyndigheten answered")
    assert Escalation.objects.get().state == "answered"


def test_overdue_answers_show_as_overdue(page):
    escalation = EscalationFactory(deadline=timezone.localdate() - timedelta(days=4))
    Barrier.objects.filter(pk=escalation.barrier_id).update(answer_due=escalation.deadline)

    page.goto("/hinder/forsenade-svar/")
    expect(page.locator("main tbody tr")).to_have_count(1)
    expect(page.locator("main tbody")).to_contain_text("försenat")
    page.goto(escalation.barrier.get_absolute_url())
    expect(page.locator("#duty-heading + p")).to_contain_text("Svaret är försenat.")
    page.goto("/hinder/oversikt/")
    expect(page.locator(".barriers-heatmap")).to_be_visible()
    page.goto("/en/hinder/?overdue=true")
    expect(page.locator("#results")).to_contain_text("answer overdue")
