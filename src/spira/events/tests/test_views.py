import csv
import io

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from spira.core.moderation import hide_content
from spira.events import services
from spira.events.choices import ActivityStatus, RegistrationStatus
from spira.events.models import Activity, Registration
from spira.events.tests.factories import (
    ActivityFactory,
    EventSeriesFactory,
    RegistrationFactory,
    TrackFactory,
    at,
)
from spira.organisations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make_activities(series, count: int, **kwargs):
    return [
        ActivityFactory(series=series, starts_at=at(1, 8 + n), ends_at=at(1, 9 + n), **kwargs)
        for n in range(count)
    ]


# Query counts of the lists --------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_activity_list_query_count_is_fixed(client, series, django_assert_num_queries, count):
    make_activities(series, count)

    with django_assert_num_queries(4):  # current series, count, page, session-free menu
        response = client.get(reverse("events:activity_list"))

    assert response.status_code == 200
    assert response.content.decode().count('class="events-item') == count


@pytest.mark.parametrize("count", [1, 3])
def test_series_list_query_count_is_fixed(client, django_assert_num_queries, count):
    EventSeriesFactory.create_batch(count)

    with django_assert_num_queries(2):
        response = client.get(reverse("events:series_list"))

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_programme_query_count_is_fixed(client, series, django_assert_num_queries, count):
    TrackFactory(series=series)
    make_activities(series, count)

    # the page's version; the series; then (not cached yet) its organisations, tracks, municipalities,
    # day counts and the day's activities
    with django_assert_num_queries(7):
        response = client.get(series.get_absolute_url())

    assert response.status_code == 200
    assert response.content.decode().count('class="events-item') == count


def test_programme_is_served_from_the_cache_until_it_changes(
    client, series, django_assert_num_queries, member, activity, django_capture_on_commit_callbacks
):
    client.get(series.get_absolute_url())

    with django_assert_num_queries(0):  # the whole page and the series' version come from the cache
        client.get(series.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        services.update_activity(member, activity, title="Nytt namn")
    response = client.get(series.get_absolute_url())

    assert "Nytt namn" in response.content.decode()


def test_cached_programme_shows_the_seats_left_after_a_registration(
    client, series, activity, django_capture_on_commit_callbacks
):
    client.get(series.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        services.register(UserFactory(), activity)
    response = client.get(series.get_absolute_url())

    assert "1 plats kvar" in response.content.decode()


def test_a_registration_without_a_seat_limit_keeps_the_programme_cached(
    client, series, organisation, django_assert_num_queries, django_capture_on_commit_callbacks
):
    unlimited = ActivityFactory(series=series, organiser=organisation, capacity=None)
    client.get(series.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        services.register(UserFactory(), unlimited)
    with django_assert_num_queries(0):
        response = client.get(series.get_absolute_url())

    assert unlimited.title in response.content.decode()


def test_a_change_in_another_series_keeps_the_programme_cached(
    client, series, activity, member, django_assert_num_queries, django_capture_on_commit_callbacks
):
    other = ActivityFactory(series=EventSeriesFactory(), organiser=activity.organiser, proposed_by=member)
    client.get(series.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        services.update_activity(member, other, title="Något annat")
    with django_assert_num_queries(0):
        response = client.get(series.get_absolute_url())

    assert activity.title in response.content.decode()


def test_an_activity_hidden_by_a_moderator_leaves_the_cached_programme(
    client, series, activity, platform_moderator, django_capture_on_commit_callbacks
):
    client.get(series.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        hide_content(platform_moderator, activity, "Reklam")
    response = client.get(series.get_absolute_url())

    assert activity.title not in response.content.decode()


def test_logged_in_readers_get_the_changed_programme(client, series, member, activity):
    client.force_login(member)
    client.get(series.get_absolute_url())

    services.update_activity(member, activity, title="Nytt namn för inloggade")
    response = client.get(series.get_absolute_url())

    assert "Nytt namn för inloggade" in response.content.decode()


def test_programme_rows_show_track_organiser_place_and_english_names(client, series, organisation):
    track = TrackFactory(series=series, name="Tillsammans från start", name_en="Together from the start")
    organisation.name_en = "Samverket hub"
    organisation.save()
    ActivityFactory(
        series=series,
        title="Frukostmöte",
        track=track,
        organiser=organisation,
        format="breakfast_meeting",
        venue="Kulturhuset",
        address="Sergels torg 3",
        online_url="https://example.se/mote",
        capacity=None,
    )

    swedish = client.get(series.get_absolute_url()).content.decode()
    english = client.get("/en" + series.get_absolute_url()).content.decode()

    assert "Spår: Tillsammans från start" in swedish
    assert "<span>Samverket</span>" in swedish
    assert "<span>Kulturhuset, Sergels torg 3</span>" in swedish
    assert '<time datetime="2074-10-02T09:00:00+02:00">09:00</time>' in swedish
    assert "Track: Together from the start" in english
    assert "<span>Samverket hub</span>" in english
    assert '<span class="tag">Breakfast meeting</span>' in english


@pytest.mark.parametrize("count", [1, 3])
def test_participant_list_query_count_is_fixed(client, activity, member, django_assert_num_queries, count):
    for _number in range(count):
        RegistrationFactory(activity=activity, status=RegistrationStatus.WAITLISTED)
    client.force_login(member)
    client.get(activity.get_absolute_url())

    with django_assert_num_queries(9):
        response = client.get(reverse("events:activity_participants", kwargs={"slug": activity.slug}))

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_my_programme_query_count_is_fixed(client, series, django_assert_num_queries, count):
    person = UserFactory()
    for activity in make_activities(series, count):
        RegistrationFactory(activity=activity, user=person)
    client.force_login(person)
    client.get(reverse("events:my_programme"))

    with django_assert_num_queries(5):
        response = client.get(reverse("events:my_programme"))

    assert response.content.decode().count('class="events-item') == count


# The programme ------------------------------------------------------------------------------------


def test_programme_shows_the_chosen_day_only(client, series):
    ActivityFactory(series=series, title="Måndagens seminarium", starts_at=at(0, 9), ends_at=at(0, 10))
    ActivityFactory(series=series, title="Tisdagens workshop", starts_at=at(1, 9), ends_at=at(1, 10))

    response = client.get(series.get_absolute_url(), {"day": at(1, 0).date().isoformat()})

    content = response.content.decode()
    assert "Tisdagens workshop" in content
    assert "Måndagens seminarium" not in content


def test_programme_filters_by_track_and_format(client, series):
    track = TrackFactory(series=series, name="Kapacitet för omställning", slug="kapacitet")
    ActivityFactory(series=series, title="I spåret", track=track, format="workshop")
    ActivityFactory(series=series, title="Utanför spåret", format="workshop")

    response = client.get(series.get_absolute_url(), {"track": "kapacitet", "format": "workshop"})

    content = response.content.decode()
    assert "I spåret" in content
    assert "Utanför spåret" not in content


def test_programme_with_a_bad_filter_says_so(client, series):
    response = client.get(series.get_absolute_url(), {"day": "not-a-date"})

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_programme_hides_proposals(client, series):
    ActivityFactory(series=series, title="Hemligt förslag", status=ActivityStatus.PROPOSED)

    response = client.get(series.get_absolute_url())

    assert "Hemligt förslag" not in response.content.decode()


def test_printable_programme_holds_every_day(client, series):
    ActivityFactory(series=series, title="Dag ett", starts_at=at(0, 9), ends_at=at(0, 10))
    ActivityFactory(series=series, title="Dag fem", starts_at=at(4, 9), ends_at=at(4, 10))

    response = client.get(reverse("events:series_print", kwargs={"slug": series.slug}))

    content = response.content.decode()
    assert "Dag ett" in content
    assert "Dag fem" in content


def test_places_lists_each_place_once(client, series):
    ActivityFactory(series=series, venue="Kulturhuset")
    ActivityFactory(series=series, venue="Kulturhuset")
    ActivityFactory(series=series, venue="", address="", online_url="https://example.se/mote")

    response = client.get(reverse("events:series_places", kwargs={"slug": series.slug}))

    content = response.content.decode()
    assert content.count('<th scope="row">Kulturhuset</th>') == 1
    assert '<th scope="row">Online</th>' in content


# Proposing and deciding ---------------------------------------------------------------------------


def test_propose_page_creates_a_proposal(client, series, organisation, member):
    client.force_login(member)

    response = client.post(
        reverse("events:activity_propose", kwargs={"slug": series.slug}),
        {
            "organiser": organisation.pk,
            "title": "Frukost om AI",
            "format": "breakfast_meeting",
            "starts_at": at(2, 8).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": at(2, 9).strftime("%Y-%m-%dT%H:%M"),
            "language": "sv",
            "audience": "everyone",
            "venue": "Samverket",
            "registration_mode": "open",
            "capacity": "20",
        },
    )

    activity = Activity.objects.get()
    assert response.status_code == 302
    assert (activity.status, activity.starts_at) == (ActivityStatus.PROPOSED, at(2, 8))


def test_propose_page_shows_an_end_before_the_start_on_the_field(client, series, organisation, member):
    client.force_login(member)

    response = client.post(
        reverse("events:activity_propose", kwargs={"slug": series.slug}),
        {
            "organiser": organisation.pk,
            "title": "Baklänges",
            "format": "seminar",
            "starts_at": at(2, 10).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": at(2, 9).strftime("%Y-%m-%dT%H:%M"),
            "language": "sv",
            "audience": "everyone",
            "venue": "Samverket",
            "registration_mode": "open",
        },
    )

    assert response.status_code == 200
    assert "ends_at" in response.context["form"].errors
    assert Activity.objects.count() == 0


def test_moderator_approves_from_the_queue(client, series, series_moderator, organisation, member):
    activity = ActivityFactory(
        series=series, organiser=organisation, proposed_by=member, status=ActivityStatus.PROPOSED
    )
    client.force_login(series_moderator)
    queue = client.get(reverse("events:series_proposals", kwargs={"slug": series.slug}))
    assert activity.title in queue.content.decode()

    client.post(
        reverse("events:activity_decide", kwargs={"slug": activity.slug}),
        {"decision": "approve", "reason": ""},
    )

    assert Activity.objects.get().status == ActivityStatus.PUBLISHED


def test_the_queue_is_closed_to_others(client, series, member):
    client.force_login(member)

    response = client.get(reverse("events:series_proposals", kwargs={"slug": series.slug}))

    assert response.status_code == 403


def test_a_proposal_is_not_found_by_visitors(client, series):
    activity = ActivityFactory(series=series, status=ActivityStatus.PROPOSED)

    response = client.get(activity.get_absolute_url())

    assert response.status_code == 404


# Registering --------------------------------------------------------------------------------------


def test_a_visitor_registers_with_name_and_address(client, activity):
    response = client.post(
        reverse("events:activity_register", kwargs={"slug": activity.slug}),
        {"name": "Vera Besökare", "email": "vera@example.se"},
    )

    assert response.status_code == 302
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_registering_twice_shows_a_message_and_changes_nothing(client, activity):
    person = UserFactory()
    client.force_login(person)
    client.post(reverse("events:activity_register", kwargs={"slug": activity.slug}), {})

    response = client.post(
        reverse("events:activity_register", kwargs={"slug": activity.slug}), {}, follow=True
    )

    assert [str(m) for m in response.context["messages"]][-1] == _(
        "You are already registered for this activity."
    )
    assert Registration.objects.count() == 1


def test_registering_with_a_bad_address_shows_the_error(client, activity):
    response = client.post(
        reverse("events:activity_register", kwargs={"slug": activity.slug}), {"name": "X", "email": "nope"}
    )

    assert response.status_code == 400
    assert Registration.objects.count() == 0


def test_cancelling_someone_elses_registration_shows_a_message(client, activity):
    registration = RegistrationFactory(activity=activity)
    client.force_login(UserFactory())

    response = client.post(
        reverse("events:registration_cancel_own", kwargs={"slug": activity.slug}),
        {"registration": registration.pk},
    )

    assert response.status_code == 302
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_cancellation_link_asks_then_cancels_without_login(client, activity):
    registration = services.register(None, activity, name="Gäst", email="gast@example.se")
    url = reverse("events:registration_cancel", kwargs={"token": services.cancellation_token(registration)})

    asked = client.get(url)
    client.post(url)

    assert asked.status_code == 200
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED


def test_a_broken_cancellation_link_says_so(client):
    response = client.post(reverse("events:registration_cancel", kwargs={"token": "broken"}))

    assert response.status_code == 400


def test_participants_csv_lists_everyone(client, activity, member):
    RegistrationFactory(activity=activity, name="Anna Andersson", email="anna@example.se")
    client.force_login(member)

    response = client.get(
        reverse("events:activity_participants", kwargs={"slug": activity.slug}), {"format": "csv"}
    )

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["name", "email", "organisation", "status", "registered_at", "attended"]
    assert rows[1][:2] == ["Anna Andersson", "anna@example.se"]


def test_participants_are_closed_to_others(client, activity):
    client.force_login(UserFactory())

    response = client.get(reverse("events:activity_participants", kwargs={"slug": activity.slug}))

    assert response.status_code == 403


def test_organisation_events_tab_lists_its_activities(client, activity, organisation):
    response = client.get(reverse("events:organisation_activities", kwargs={"slug": organisation.slug}))

    assert activity.title in response.content.decode()


def test_english_pages_live_under_en(client, series):
    response = client.get("/en" + series.get_absolute_url())

    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()
