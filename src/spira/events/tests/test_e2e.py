"""The open call and registration in Chromium, in Swedish and in English, with axe-core on every
page: an organisation proposes an activity for Innovation Week, a moderator approves it, one
person registers and takes the only seat, another lands on the waiting list, the first cancels
through the link in the confirmation e-mail (without logging in), the second is promoted, and
both private calendars hold the right entries. Then the map of places, with the keyboard."""

import re
from urllib.parse import urlsplit

import icalendar
import pytest
from django.core import mail
from playwright.sync_api import expect

from spira.accounts.tests.factories import PASSWORD
from spira.events.choices import ActivityStatus, RegistrationStatus
from spira.events.models import Activity, Registration
from spira.events.tests.factories import ActivityFactory, EventSeriesFactory, TrackFactory
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e]

CHROMIUM_CONTEXT = {"locale": "sv-SE"}


def open_page(browser, live_server, axe_check):
    """Another person's browser: a fresh context, with axe after each goto like the `page` fixture."""
    context = browser.new_context(base_url=live_server.url, **CHROMIUM_CONTEXT)
    context.set_default_timeout(15_000)
    new_page = context.new_page()
    goto = new_page.goto

    def goto_and_check(url: str, **kwargs):
        response = goto(url, **kwargs)
        axe_check(new_page)
        return response

    new_page.goto = goto_and_check
    return new_page


def log_in(page, user, prefix: str, next_url: str) -> None:
    page.goto(f"{prefix}/konto/logga-in/?next={next_url}")
    page.locator("input[name=username]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(next_url) + "$"))


def private_calendar(page, prefix: str) -> icalendar.Calendar:
    page.goto(f"{prefix}/evenemang/mitt-program/")
    url = page.locator("#calendar-url").input_value()
    response = page.request.get(urlsplit(url).path)  # SITE_URL is not the test server
    assert response.status == 200
    return icalendar.Calendar.from_ical(response.body())


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_propose_approve_register_waitlist_cancel_and_promote(page, browser, live_server, axe_check, prefix):
    series = EventSeriesFactory(
        title="Innovationsveckan 2074", slug="innovationsveckan-2074", owner=OrganisationFactory(name="SKR")
    )
    TrackFactory(series=series, name="Tillsammans från start", slug="tillsammans-fran-start")
    moderator = UserFactory(display_name="Moa Moderator")
    series.moderators.add(moderator)
    samverket = OrganisationFactory(name="Samverket", slug="samverket")
    member = MembershipFactory(organisation=samverket, role=MembershipRole.MEMBER).user
    anna, bo = UserFactory(display_name="Anna Andersson"), UserFactory(display_name="Bo Berg")
    series_url = f"{prefix}/evenemang/serier/{series.slug}/"

    # An organisation proposes an activity while the call is open.
    log_in(page, member, prefix, series_url)
    page.locator(f"a[href='{series_url}foresla/']").first.click()
    axe_check(page)
    page.locator("#id_organiser").select_option(str(samverket.pk))
    page.locator("#id_title").fill("Frukost om spridning av smarta lösningar")
    page.locator("#id_format").select_option("breakfast_meeting")
    page.locator("#id_starts_at").fill("2074-10-02T08:00")
    page.locator("#id_ends_at").fill("2074-10-02T07:00")
    page.locator("#id_venue").fill("Samverket")
    page.locator("#id_capacity").fill("1")
    page.locator("main form button[type=submit]").click()
    axe_check(page)
    expect(page.locator("#id_ends_at_error")).to_be_visible()  # an end before the start, said on the field
    assert Activity.objects.count() == 0
    page.locator("#id_ends_at").fill("2074-10-02T09:30")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/evenemang/frukost-om-spridning-av-smarta-losningar/$"))
    axe_check(page)
    activity = Activity.objects.get()
    assert activity.status == ActivityStatus.PROPOSED

    # A moderator of the series approves it from the queue.
    moderator_page = open_page(browser, live_server, axe_check)
    log_in(moderator_page, moderator, prefix, series_url)
    moderator_page.goto(f"{series_url}forslag/")
    moderator_page.locator(f"#approve-{activity.pk}").check()
    moderator_page.locator(f"#proposal-{activity.pk} ~ form button[type=submit]").click()
    axe_check(moderator_page)
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PUBLISHED
    moderator_page.goto(series_url)
    expect(moderator_page.locator(".events-title")).to_contain_text(
        ["Frukost om spridning av smarta lösningar"]
    )
    moderator_page.context.close()

    # Anna takes the only seat; Bo lands on the waiting list.
    activity_url = f"{prefix}/evenemang/{activity.slug}/"
    anna_page = open_page(browser, live_server, axe_check)
    log_in(anna_page, anna, prefix, activity_url)
    anna_page.locator("form[action$='/anmalan/'] button[type=submit]").click()
    axe_check(anna_page)
    expect(anna_page.locator(".message-success")).to_be_visible()
    bo_page = open_page(browser, live_server, axe_check)
    log_in(bo_page, bo, prefix, activity_url)
    bo_page.locator("form[action$='/anmalan/'] button[type=submit]").click()
    axe_check(bo_page)
    assert dict(Registration.objects.values_list("user__display_name", "status")) == {
        "Anna Andersson": RegistrationStatus.CONFIRMED,
        "Bo Berg": RegistrationStatus.WAITLISTED,
    }

    # Anna cancels with the link in her confirmation, in a browser where she is not logged in.
    (confirmation,) = [m for m in mail.outbox if m.to == [anna.email]]
    assert confirmation.attachments[0][0] == "activity.ics"
    link = re.search(r"https?://\S+/evenemang/avanmalan/\S+/", confirmation.body).group(0)
    stranger = open_page(browser, live_server, axe_check)
    stranger.goto(urlsplit(link).path)  # the link names SITE_URL; the test server is elsewhere
    stranger.locator("main form button[type=submit]").click()
    axe_check(stranger)
    expect(stranger.locator(".message-success")).to_be_visible()
    stranger.context.close()
    assert dict(Registration.objects.values_list("user__display_name", "status")) == {
        "Anna Andersson": RegistrationStatus.CANCELLED,
        "Bo Berg": RegistrationStatus.CONFIRMED,
    }
    assert any(m.to == [bo.email] and m.attachments for m in mail.outbox)

    # Both private calendars hold the right entries.
    anna_calendar = private_calendar(anna_page, prefix)
    bo_calendar = private_calendar(bo_page, prefix)
    assert list(anna_calendar.walk("VEVENT")) == []
    (event,) = bo_calendar.walk("VEVENT")
    assert (str(event["summary"]), str(event["status"])) == (
        "Frukost om spridning av smarta lösningar",
        "CONFIRMED",
    )
    assert event["dtstart"].params["TZID"] == "Europe/Stockholm"
    anna_page.context.close()
    bo_page.context.close()

    # The programme, the places and the printable programme pass axe too.
    page.goto(series_url)
    page.goto(f"{series_url}platser/")
    page.goto(f"{series_url}utskrift/")
    page.goto(f"{prefix}/evenemang/")


@pytest.mark.parametrize(("prefix", "name"), [("", "Umeå: 1 aktivitet"), ("/en", "Umeå: 1 activity")])
def test_places_map_is_reached_and_followed_with_the_keyboard(page, axe_check, prefix, name):
    series = EventSeriesFactory(slug="innovationsveckan-2074")
    umea = MunicipalityFactory(name="Umeå", municipality_code="2480", latitude=63.8258, longitude=20.263)
    ActivityFactory(series=series, title="Seminarium i Umeå", municipality=umea)
    ActivityFactory(
        series=series, title="Webbinarium", venue="", address="", online_url="https://example.se/m"
    )

    page.goto(f"{prefix}/evenemang/serier/{series.slug}/platser/")
    expect(page.locator(".events-map a")).to_have_accessible_name(name)
    for _step in range(80):  # Tab through the page until the marker has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.events-map') !== null"):
            break
    assert page.evaluate("document.activeElement.getAttribute('data-municipality')") == "2480"
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"\?municipality=2480$"))
    axe_check(page)
    expect(page.locator(".events-title")).to_have_text(["Seminarium i Umeå"])
