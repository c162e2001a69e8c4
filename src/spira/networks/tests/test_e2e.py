"""Networks in Chromium with axe-core on every page, in Swedish and English (see the root conftest)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from spira.accounts.tests.factories import PASSWORD
from spira.events.models import Registration
from spira.events.services.activities import add_activity
from spira.events.services.series import create_series
from spira.networks.choices import PersonRole
from spira.networks.models import Booking, NeedsAssessment, NetworkMembership, ProgrammePlan
from spira.networks.tests.factories import (
    HubFactory,
    LocationFactory,
    ModuleFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    NetworkPersonFactory,
    ProgrammeFactory,
    QuestionFactory,
    ResourceFactory,
    next_weekday_at,
)
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory, OrganisationFactory

pytestmark = [pytest.mark.e2e]


def log_in(page, user, next_path: str) -> None:
    page.context.clear_cookies()
    page.goto(f"/konto/logga-in/?next={next_path}")
    page.locator("input[name=username]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))


def test_a_municipality_joins_a_hub_and_its_coworker_books_a_room_and_registers(page, axe_check):
    hub = HubFactory(name="Samverket", slug="samverket")
    location = LocationFactory(network=hub, name="Samverket Östersund", slug="ostersund")
    ResourceFactory(location=location, name="Storsjön")
    host = OrganisationFactory(name="Samverket Östersund AB")
    manager = MembershipFactory(organisation=host, role=MembershipRole.ADMIN).user
    NetworkPersonFactory(network=hub, user=manager, role=PersonRole.COMMUNITY_MANAGER)
    series = create_series(
        manager,
        host,
        title="Samverket medlemsaktiviteter",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=60),
    )
    starts = next_weekday_at(8, days_ahead=3)
    add_activity(
        manager,
        series,
        host,
        title="Tisdagsfrukost om hybridarbete",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        format="breakfast_meeting",
        venue="Samverket Östersund",
        capacity=12,
        registration_mode="open",
    )
    hub.event_series = series
    hub.save()
    ostersund = MunicipalityFactory(name="Östersund", full_name="Östersunds kommun")
    admin = MembershipFactory(organisation=ostersund, role=MembershipRole.ADMIN).user
    coworker = MembershipFactory(organisation=ostersund, role=MembershipRole.MEMBER).user

    log_in(page, admin, "/natverk/samverket/")
    page.get_by_role("link", name="Gå med i nätverket").click()
    page.wait_for_url(re.compile(r"/bli-medlem/$"))
    axe_check(page)
    page.locator("#id_organisation").select_option(str(ostersund.pk))
    page.locator("#id_plan").select_option("part_time")
    page.get_by_role("button", name="Gå med", exact=True).click()
    page.wait_for_url(re.compile(r"/natverk/samverket/$"))
    axe_check(page)
    expect(page.locator(".messages, [role=status], .message").first).to_contain_text("är nu medlem")
    assert NetworkMembership.objects.get(network=hub, organisation=ostersund).plan == "part_time"

    log_in(page, coworker, "/natverk/samverket/")
    page.get_by_role("link", name="Samverket Östersund").first.click()
    axe_check(page)
    page.get_by_role("link", name="Storsjön").click()
    page.wait_for_url(re.compile(r"/resurser/\d+/$"))
    axe_check(page)
    booking_start = next_weekday_at(13, days_ahead=2)
    page.locator("#id_date").fill(booking_start.date().isoformat())
    page.locator("#id_start").fill("13:00")
    page.locator("#id_end").fill("14:00")
    page.locator("#id_organisation").select_option(str(ostersund.pk))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?vecka="))
    axe_check(page)
    expect(page.locator("main")).to_contain_text("är bokad åt dig")
    assert Booking.objects.get().booked_by == coworker

    page.locator("#id_date").fill(booking_start.date().isoformat())
    page.locator("#id_start").fill("13:30")
    page.locator("#id_end").fill("14:30")
    page.locator("main form button[type=submit]").click()
    axe_check(page)
    expect(page.locator(".errorlist").first).to_contain_text("redan bokad")
    assert Booking.objects.count() == 1

    page.goto("/natverk/samverket/aktiviteter/")
    page.get_by_role("link", name="Tisdagsfrukost om hybridarbete").click()
    axe_check(page)
    page.locator("form[action$='/anmalan/'] button[type=submit]").click()
    axe_check(page)
    assert Registration.objects.get().user == coworker

    page.goto("/en/natverk/samverket/")
    expect(page.locator("h1")).to_have_text("Samverket")
    page.goto("/en/natverk/mina-bokningar/")
    expect(page.locator("main tbody tr")).to_have_count(1)


def test_an_innocities_municipality_fills_in_its_needs_and_gets_a_plan(page, axe_check):
    programme = ProgrammeFactory(name="Innocities", slug="innocities")
    culture = ModuleFactory(
        network=programme, code="kultur", name="Innovationskultur", name_en="Innovation culture"
    )
    strategy = ModuleFactory(network=programme, code="strategi", name="Strategi", name_en="Strategy")
    q1 = QuestionFactory(module=culture, text="Vi tar sällan vara på medarbetarnas idéer.")
    q2 = QuestionFactory(module=strategy, text="Innovation saknas i våra styrdokument.")
    krokom = MunicipalityFactory(name="Krokom", full_name="Krokoms kommun")
    NetworkMembershipFactory(network=programme, organisation=krokom, role="participant")
    coordinator = MembershipFactory(organisation=krokom, role=MembershipRole.COORDINATOR).user

    log_in(page, coordinator, "/natverk/innocities/")
    page.get_by_role("link", name="Behovsanalys och plan för Krokoms kommun").click()
    page.wait_for_url(re.compile(r"/behov/"))
    axe_check(page)
    page.locator(f"#id_question_{q1.pk}_4").check()
    page.locator(f"#id_question_{q2.pk}_0").check()
    page.get_by_role("button", name="Spara och lämna in").click()
    axe_check(page)
    assert NeedsAssessment.objects.get().status == "submitted"
    page.get_by_role("button", name="Ta fram planen").click()
    page.wait_for_url(re.compile(r"/plan/"))
    axe_check(page)
    expect(page.locator("h2")).to_have_text(["Innovationskultur"])
    page.get_by_role("button", name=re.compile("^Markera som klar")).first.click()
    axe_check(page)
    assert ProgrammePlan.objects.get().plan_modules.get().progress == 50

    page.goto(page.url.replace("/natverk/", "/en/natverk/"))
    expect(page.locator("h2")).to_have_text(["Innovation culture"])


def test_natsam_shows_its_six_platforms_in_both_languages(page):
    natsam = NetworkFactory(name="NATSAM", slug="natsam", kind="national_collaboration")
    for city in ["Lund", "Göteborg", "Borås", "Stockholm", "Umeå", "Kiruna"]:
        NetworkMembershipFactory(
            network=natsam,
            organisation=None,
            member_network=NetworkFactory(name=f"Innovationsplattform {city}"),
        )

    page.goto("/natverk/natsam/")
    expect(page.locator(".network-cards li")).to_have_count(6)
    page.goto("/en/natverk/natsam/")
    expect(page.locator(".network-cards li")).to_have_count(6)
    page.goto("/natverk/?kind=national_collaboration")
    expect(page.locator("#results tbody tr")).to_have_count(1)
