import datetime

import pytest
from django.urls import reverse

from spira.networks import services
from spira.networks.models import Booking, NeedsAssessment, NetworkMembership, NetworkPost
from spira.networks.tests.factories import (
    HubFactory,
    ModuleFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    NetworkPersonFactory,
    ProgrammeFactory,
    QuestionFactory,
    next_weekday_at,
)
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# lists with fixed query counts -------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_network_list_query_count_is_fixed(client, django_assert_num_queries, count):
    for _ in range(count):
        NetworkMembershipFactory(network=NetworkFactory())

    with django_assert_num_queries(2):
        response = client.get("/natverk/")

    assert response.status_code == 200
    assert len(response.context["object_list"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_member_directory_query_count_is_fixed(client, django_assert_num_queries, count):
    network = NetworkFactory()
    for _ in range(count):
        NetworkMembershipFactory(network=network)

    with django_assert_num_queries(3):
        response = client.get(reverse("networks:network_members", kwargs={"slug": network.slug}))

    assert len(response.context["page_obj"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_my_bookings_query_count_is_fixed(client, hub_world, django_assert_num_queries, count):
    for n in range(count):
        starts = next_weekday_at(8 + n)
        services.book_resource(
            hub_world.coworker, hub_world.room, starts, starts + datetime.timedelta(hours=1)
        )
    client.force_login(hub_world.coworker)

    with django_assert_num_queries(7):
        response = client.get(reverse("networks:my_bookings"))

    assert len(response.context["object_list"]) == count


def test_network_list_filters_by_kind(client):
    NetworkFactory(name="Plattformen")
    HubFactory(name="Samverket")

    response = client.get("/natverk/", {"kind": "coworking_hub"})

    assert [n.name for n in response.context["object_list"]] == ["Samverket"]


def test_network_list_in_english(client):
    NetworkFactory(name="Plattformen", name_en="The Platform")

    response = client.get("/en/natverk/")

    assert "The Platform" in response.content.decode()


# network pages -----------------------------------------------------------------------------------


def test_natsam_page_shows_its_member_platforms(client):
    natsam = NetworkFactory(name="NATSAM", kind="national_collaboration")
    for city in ["Lund", "Göteborg", "Borås"]:
        NetworkMembershipFactory(
            network=natsam, organisation=None, member_network=NetworkFactory(name=f"Plattform {city}")
        )

    response = client.get(natsam.get_absolute_url())

    assert [m.member_network.name for m in response.context["member_networks"]] == [
        "Plattform Borås",
        "Plattform Göteborg",
        "Plattform Lund",
    ]


def test_hub_page_shows_all_its_locations(client, hub_world):
    response = client.get(hub_world.hub.get_absolute_url())

    assert [location.name for location in response.context["locations"]] == ["Samverket Östersund"]


@pytest.mark.parametrize(
    "tab", ["network_members", "network_activities", "network_initiatives", "network_history"]
)
def test_network_tabs_answer(client, hub_world, tab):
    response = client.get(reverse(f"networks:{tab}", kwargs={"slug": hub_world.hub.slug}))

    assert response.status_code == 200


def test_members_area_is_refused_to_outsiders_with_an_explanation(client, hub_world):
    NetworkPost.objects.create(
        network=hub_world.hub, author=hub_world.coworker, title="Hemligt", body="Bara för medlemmar"
    )
    client.force_login(hub_world.outsider)

    response = client.get(reverse("networks:network_members_area", kwargs={"slug": hub_world.hub.slug}))

    assert response.status_code == 403
    assert "Hemligt" not in response.content.decode()
    assert "medlemsytan" in response.content.decode().lower()


def test_members_area_shows_posts_to_members(client, hub_world):
    NetworkPost.objects.create(
        network=hub_world.hub, author=hub_world.coworker, title="Frukost", body="Fredag"
    )
    client.force_login(hub_world.coworker)

    response = client.get(reverse("networks:network_members_area", kwargs={"slug": hub_world.hub.slug}))

    assert response.status_code == 200
    assert "Frukost" in response.content.decode()


def test_members_area_post_by_outsider_changes_nothing(client, hub_world):
    client.force_login(hub_world.outsider)

    response = client.post(
        reverse("networks:network_members_area", kwargs={"slug": hub_world.hub.slug}),
        {"add_post": "1", "title": "Spam", "body": "Köp"},
        follow=True,
    )

    assert NetworkPost.objects.count() == 0
    assert response.status_code == 403


def test_join_page_lets_an_admin_join_with_a_plan(client, hub_world):
    client.force_login(hub_world.other_admin)

    response = client.post(
        reverse("networks:network_join", kwargs={"slug": hub_world.hub.slug}),
        {"organisation": hub_world.other_municipality.pk, "plan": "part_time"},
    )

    assert response.status_code == 302
    assert NetworkMembership.objects.get(organisation=hub_world.other_municipality).plan == "part_time"


# bookings ----------------------------------------------------------------------------------------


def booking_data(starts: datetime.datetime, hours: int = 1) -> dict:
    from django.utils import timezone

    local = timezone.localtime(starts)
    end = local + datetime.timedelta(hours=hours)
    return {"date": local.date().isoformat(), "start": local.strftime("%H:%M"), "end": end.strftime("%H:%M")}


def test_book_a_room_through_the_page(client, hub_world):
    client.force_login(hub_world.coworker)
    url = hub_world.room.get_absolute_url()

    response = client.post(
        url, {**booking_data(next_weekday_at(10)), "organisation": hub_world.municipality.pk}
    )

    assert response.status_code == 302
    assert Booking.objects.get().organisation == hub_world.municipality


def test_overlapping_booking_through_the_page_shows_a_message_and_changes_nothing(client, hub_world):
    starts = next_weekday_at(10)
    services.book_resource(hub_world.coworker, hub_world.room, starts, starts + datetime.timedelta(hours=1))
    client.force_login(hub_world.org_admin)

    response = client.post(hub_world.room.get_absolute_url(), booking_data(starts))

    assert response.status_code == 400
    assert "redan bokad" in response.content.decode()
    assert Booking.objects.count() == 1


def test_non_member_booking_through_the_page_is_refused_with_a_message(client, hub_world):
    client.force_login(hub_world.outsider)

    response = client.post(hub_world.room.get_absolute_url(), booking_data(next_weekday_at(10)))

    assert response.status_code == 400
    assert "Bara medlemmar" in response.content.decode()
    assert Booking.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {"date": "2025-13-01", "start": "10:00", "end": "11:00"},
        {"date": "", "start": "", "end": ""},
        {"date": "9999-12-31", "start": "23:30", "end": "00:00"},
        {"date": "2030-01-01", "start": "25:00", "end": "11:00"},
    ],
)
def test_booking_page_survives_bad_input(client, hub_world, data):
    client.force_login(hub_world.coworker)

    response = client.post(hub_world.room.get_absolute_url(), data)

    assert response.status_code == 400
    assert Booking.objects.count() == 0


def test_resource_calendar_survives_a_bad_week(client, hub_world):
    response = client.get(hub_world.room.get_absolute_url(), {"vecka": "not-a-date"})

    assert response.status_code == 200


def test_cancel_own_booking_from_my_bookings(client, hub_world):
    starts = next_weekday_at(10)
    booking = services.book_resource(
        hub_world.coworker, hub_world.room, starts, starts + datetime.timedelta(hours=1)
    )
    client.force_login(hub_world.coworker)

    response = client.post(reverse("networks:booking_cancel", kwargs={"pk": booking.pk}))

    assert response.status_code == 302
    assert Booking.objects.get().status == "cancelled"


def test_location_page_shows_opening_hours(client, hub_world):
    response = client.get(hub_world.location.get_absolute_url())

    assert response.status_code == 200
    assert "08:00–17:00" in response.content.decode()


# programmes --------------------------------------------------------------------------------------


@pytest.fixture
def programme_world():
    programme = ProgrammeFactory(name="Innocities")
    culture = ModuleFactory(network=programme, code="kultur", name="Innovationskultur")
    q = QuestionFactory(module=culture, text="Vi har en kultur som uppmuntrar nya idéer")
    municipality = MunicipalityFactory(name="Krokom")
    NetworkMembershipFactory(network=programme, organisation=municipality, role="participant")
    coordinator = MembershipFactory(organisation=municipality, role=MembershipRole.COORDINATOR).user
    manager = NetworkPersonFactory(network=programme).user
    return programme, municipality, q, coordinator, manager


def test_assessment_page_submits_and_makes_a_plan(client, programme_world):
    programme, municipality, q, coordinator, _ = programme_world
    client.force_login(coordinator)
    url = reverse("networks:assessment", kwargs={"slug": programme.slug, "organisation": municipality.slug})

    client.post(url, {f"question_{q.pk}": "4", "submit": "1"})
    response = client.post(url, {"make_plan": "1"})

    assert response.status_code == 302
    assert NeedsAssessment.objects.get().status == "submitted"
    assert client.get(response["Location"]).status_code == 200


def test_assessment_answer_outside_the_scale_changes_nothing(client, programme_world):
    programme, municipality, q, coordinator, _ = programme_world
    client.force_login(coordinator)
    url = reverse("networks:assessment", kwargs={"slug": programme.slug, "organisation": municipality.slug})

    response = client.post(url, {f"question_{q.pk}": "9", "submit": "1"})

    assert response.status_code == 400
    assert NeedsAssessment.objects.count() == 0


def test_assessment_page_is_refused_to_others(client, programme_world):
    programme, municipality, *_ = programme_world
    client.force_login(MembershipFactory().user)

    response = client.get(
        reverse("networks:assessment", kwargs={"slug": programme.slug, "organisation": municipality.slug})
    )

    assert response.status_code == 403


def test_programme_overview_for_managers_only(client, programme_world):
    programme, municipality, _question, coordinator, manager = programme_world
    url = reverse("networks:programme_overview", kwargs={"slug": programme.slug})
    client.force_login(coordinator)
    refused = client.get(url)
    client.force_login(manager)

    response = client.get(url)

    assert (refused.status_code, response.status_code) == (403, 200)
    assert [row["membership"].organisation for row in response.context["rows"]] == [municipality]


def test_organisation_networks_tab(client, hub_world):
    response = client.get(
        reverse("networks:organisation_networks", kwargs={"slug": hub_world.municipality.slug})
    )

    assert [m.network for m in response.context["memberships"]] == [hub_world.hub]
