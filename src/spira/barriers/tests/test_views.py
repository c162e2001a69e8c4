import csv
import io
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from spira.barriers import services
from spira.barriers.choices import BarrierStatus, EscalationState
from spira.barriers.models import Barrier, Endorsement, EscalationAnswer
from spira.barriers.tests.factories import (
    AgencyFactory,
    BarrierFactory,
    EndorsementFactory,
    EscalationFactory,
    WorkshopBarrierFactory,
    WorkshopFactory,
)
from spira.core.models import ActivityLogEntry
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/hinder/"


@pytest.mark.parametrize("count", [1, 3])
def test_register_query_count_does_not_grow_with_barriers(client, django_assert_num_queries, count):
    for _ in range(count):
        escalation = EscalationFactory()
        Barrier.objects.filter(pk=escalation.barrier_id).update(authority=escalation.addressed_to)

    # the count, the page (reporter and authority joined), the authority and county choices
    with django_assert_num_queries(4):
        response = client.get(LIST_URL)

    assert len(response.context["object_list"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_register_with_htmx_is_the_count_and_the_page(client, django_assert_num_queries, count):
    BarrierFactory.create_batch(count)

    with django_assert_num_queries(2):
        response = client.get(LIST_URL + "?kind=law&mandate_level=national", HTTP_HX_REQUEST="true")

    assert len(response.context["object_list"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_workshop_list_query_count(client, django_assert_num_queries, count):
    WorkshopFactory.create_batch(count)

    with django_assert_num_queries(2):
        response = client.get("/hinder/dialogverkstader/")

    assert len(response.context["object_list"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_inbox_query_count(client, django_assert_num_queries, count, agency, agency_member):
    EscalationFactory.create_batch(count, addressed_to=agency)
    client.force_login(agency_member)

    # session, user, the count, the page (plus the notification badge of the header)
    with django_assert_num_queries(5):
        response = client.get("/hinder/inkorg/")

    assert len(response.context["page_obj"].object_list) == count


@pytest.mark.parametrize("count", [1, 3])
def test_overdue_list_query_count(client, django_assert_num_queries, count):
    EscalationFactory.create_batch(count, deadline=timezone.localdate() - timedelta(days=2))
    EscalationFactory()

    with django_assert_num_queries(2):
        response = client.get("/hinder/forsenade-svar/")

    assert len(response.context["page_obj"].object_list) == count
    assert "försenat" in response.content.decode()


def test_organisation_tab_query_count_does_not_grow(client, municipality):
    """Other apps add tabs (and their count queries) to the organisation page, so the number is
    compared between 1 and 3 barriers rather than fixed."""
    url = f"/hinder/organisation/{municipality.slug}/"
    counts = []
    for total in (1, 3):
        BarrierFactory.create_batch(total - Barrier.objects.count(), reporter_organisation=municipality)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts.append(len(queries))
        assert len(response.context["page_obj"].object_list) == Barrier.objects.count()

    assert counts[0] == counts[1]


def test_detail_shows_the_whole_trail(client, barrier, coordinator, agency, agency_member):
    other = MunicipalityFactory(name="Luleå", population=79_645)
    services.endorse_barrier(MembershipFactory(organisation=other).user, barrier, other, "Samma hos oss")
    services.change_barrier_status(coordinator, barrier, BarrierStatus.TRIAGED, "Viktigt")
    escalation = services.escalate_barrier(coordinator, barrier, agency, "national", "Snälla svara")
    services.answer_escalation(agency_member, escalation, agency, "reject", "Lagen är tydlig.")

    response = client.get(barrier.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "2 organisationer har detta hinder" in html
    assert "Samma hos oss" in html
    assert "Viktigt" in html
    assert "Lagen är tydlig." in html
    assert "Upphandlingsmyndigheten" in html


def test_detail_highlights_overdue_answer(client):
    escalation = EscalationFactory(deadline=timezone.localdate() - timedelta(days=3))
    Barrier.objects.filter(pk=escalation.barrier_id).update(answer_due=escalation.deadline)

    html = client.get(escalation.barrier.get_absolute_url()).content.decode()

    assert "Svaret är försenat." in html


def test_detail_in_english(client, barrier):
    html = client.get("/en" + barrier.get_absolute_url()).content.decode()

    assert '<html lang="en">' in html
    assert "We have this too" in html


def test_hidden_barrier_is_404_for_the_public(client):
    barrier = BarrierFactory(is_hidden=True)

    assert client.get(barrier.get_absolute_url()).status_code == 404


def test_report_form_creates_barrier(client, municipality, member):
    client.force_login(member)

    response = client.post(
        "/hinder/rapportera/",
        {
            "organisation": municipality.pk,
            "title": "Budgetregler stoppar samfinansiering",
            "description": "Vi får inte dela kostnader med regionen.",
            "kind": "funding",
            "mandate_level": "national",
        },
    )

    barrier = Barrier.objects.get()
    assert response.status_code == 302
    assert response.url == barrier.get_absolute_url()
    assert (barrier.reporter_organisation, barrier.reported_by) == (municipality, member)


def test_report_form_for_non_members_is_forbidden(client, outsider):
    client.force_login(outsider)

    assert client.get("/hinder/rapportera/").status_code == 403


def test_endorsing_twice_in_the_browser_shows_a_message(client, barrier):
    other = MunicipalityFactory(name="Boden")
    user = MembershipFactory(organisation=other).user
    EndorsementFactory(barrier=barrier, organisation=other)
    client.force_login(user)

    response = client.post(
        f"/hinder/{barrier.pk}/instam/", {"organisation": other.pk, "case_description": "igen"}
    )

    assert response.status_code == 400
    assert "har redan instämt" in response.content.decode()
    assert Endorsement.objects.count() == 1


def test_closing_without_reason_in_the_browser_shows_a_message(client, barrier, coordinator):
    client.force_login(coordinator)

    response = client.post(f"/hinder/{barrier.pk}/status/", {"status": "closed_unresolved", "reason": ""})

    assert response.status_code == 400
    assert "Ange ett skäl" in response.content.decode()
    barrier.refresh_from_db()
    assert barrier.status == BarrierStatus.REPORTED


def test_escalating_to_the_same_level_in_the_browser_shows_a_message(client, municipality, coordinator):
    barrier = BarrierFactory(reporter_organisation=municipality, status=BarrierStatus.TRIAGED)
    agency = AgencyFactory()
    client.force_login(coordinator)

    response = client.post(f"/hinder/{barrier.pk}/eskalera/", {"level": "local", "authority": agency.pk})

    assert response.status_code == 400
    assert "redan på lokal nivå" in response.content.decode()
    barrier.refresh_from_db()
    assert barrier.status == BarrierStatus.TRIAGED


def test_answering_for_an_organisation_not_addressed_shows_a_message(client, agency, agency_member):
    escalation = EscalationFactory(addressed_to=agency)
    other = AgencyFactory(name="Boverket")
    MembershipFactory(organisation=other, user=agency_member)
    client.force_login(agency_member)

    response = client.post(
        f"/hinder/{escalation.barrier_id}/eskaleringar/{escalation.pk}/svara/",
        {"organisation": other.pk, "decision": "accept", "text": "Ja"},
    )

    assert response.status_code == 400
    assert "bara den kan svara" in response.content.decode()
    assert EscalationAnswer.objects.count() == 0


def test_answer_page_is_forbidden_outside_the_authority(client, outsider):
    escalation = EscalationFactory()
    client.force_login(outsider)

    assert (
        client.get(f"/hinder/{escalation.barrier_id}/eskaleringar/{escalation.pk}/svara/").status_code == 403
    )


def test_answer_in_the_browser_is_published(client, agency, agency_member):
    escalation = EscalationFactory(addressed_to=agency)
    client.force_login(agency_member)

    response = client.post(
        f"/hinder/{escalation.barrier_id}/eskaleringar/{escalation.pk}/svara/",
        {"organisation": agency.pk, "decision": "accept", "text": "Vi tar frågan vidare."},
    )

    escalation.refresh_from_db()
    assert response.status_code == 302
    assert escalation.state == EscalationState.ANSWERED


def test_overview_heat_map_shows_numbers(client):
    BarrierFactory.create_batch(2, kind="procurement", mandate_level="national")
    BarrierFactory(kind="data", mandate_level="eu")
    EscalationFactory(deadline=timezone.localdate() - timedelta(days=1))

    response = client.get("/hinder/oversikt/")

    heat = response.context["heat_map"]
    procurement = next(row for row in heat["rows"] if row["kind"] == "procurement")
    assert [cell.count for cell in procurement["cells"]] == [0, 0, 2, 0]
    assert [cell.shade for cell in procurement["cells"]] == [0, 0, 5, 0]
    assert heat["total"] == 4
    assert response.context["top_authorities"][0]["overdue"] == 1
    assert "?kind=procurement&amp;mandate_level=national" in response.content.decode()


def test_register_exports_csv_and_json_with_filters(client):
    BarrierFactory(title="Upphandling", kind="procurement")
    BarrierFactory(title="Lag", kind="law")

    csv_response = client.get(LIST_URL + "?kind=procurement&format=csv")
    json_response = client.get(LIST_URL + "?kind=procurement&format=json")

    rows = list(csv.DictReader(io.StringIO(b"".join(csv_response.streaming_content).decode("utf-8-sig"))))
    records = json.loads(b"".join(json_response.streaming_content))
    assert [(row["title"], row["kind"]) for row in rows] == [("Upphandling", "procurement")]
    assert [record["title"] for record in records] == ["Upphandling"]


def test_register_filters_by_overdue_and_age(client):
    overdue = BarrierFactory(answer_due=timezone.localdate() - timedelta(days=1))
    BarrierFactory(answer_due=timezone.localdate() + timedelta(days=10))
    old = BarrierFactory(reported_at=timezone.now() - timedelta(days=500))

    assert list(client.get(LIST_URL + "?overdue=true").context["object_list"]) == [overdue]
    assert list(client.get(LIST_URL + "?age=older").context["object_list"]) == [old]


def test_register_with_a_bad_filter_does_not_fail(client):
    response = client.get(LIST_URL + "?kind=nonsense&age=forever&authority=nobody")

    assert response.status_code == 200
    assert response.context["filter"].errors


def test_workshop_calendar_download(client):
    workshop = WorkshopFactory(title="Dialogverkstad, upphandling; steg 1", location="Piteå")

    response = client.get(f"/hinder/dialogverkstader/{workshop.pk}/kalender.ics")

    body = response.content.decode()
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "SUMMARY:Dialogverkstad\\, upphandling\\; steg 1" in body
    assert body.startswith("BEGIN:VCALENDAR\r\n")


def test_workshop_page_shows_outcomes(client):
    item = WorkshopBarrierFactory(recommendation="Ändra förordningen", outcome_recorded_at=timezone.now())

    html = client.get(item.workshop.get_absolute_url()).content.decode()

    assert "Ändra förordningen" in html


def test_workshop_outcome_form_records(client, municipality, coordinator):
    item = WorkshopBarrierFactory(workshop=WorkshopFactory(organiser=municipality))
    client.force_login(coordinator)

    response = client.post(
        f"/hinder/dialogverkstader/{item.workshop_id}/utfall/{item.pk}/",
        {"recommendation": "Ta upp i nationell dialog", "commitment": "", "follow_up_on": ""},
    )

    item.refresh_from_db()
    assert response.status_code == 302
    assert item.recommendation == "Ta upp i nationell dialog"


def test_subscription_page_follows_and_unfollows(client, outsider):
    client.force_login(outsider)

    client.post("/hinder/bevakningar/", {"kind": "data", "authority": ""})
    subscription = outsider.barrier_subscriptions.get()
    client.post(f"/hinder/bevakningar/{subscription.pk}/ta-bort/")

    assert outsider.barrier_subscriptions.count() == 0


def test_history_tab_lists_status_changes(client, barrier, coordinator):
    services.change_barrier_status(coordinator, barrier, BarrierStatus.TRIAGED, "OK")

    response = client.get(f"/hinder/{barrier.pk}/historik/")

    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 1


def test_organisation_page_has_the_barriers_tab(client, municipality):
    BarrierFactory(reporter_organisation=municipality)
    MembershipFactory(organisation=municipality, role=MembershipRole.ADMIN)

    response = client.get(municipality.get_absolute_url())

    tab = next(tab for tab in response.context["tabs"] if tab["name"] == "barriers")
    assert tab["count"] == 1


def edit_data(barrier, **changes) -> dict:
    data = {"title": barrier.title, "description": barrier.description, "kind": barrier.kind}
    data |= {"mandate_level": barrier.mandate_level, "authority": ""}
    return data | changes


def test_barrier_edit_asks_anonymous_visitors_to_log_in(client, barrier):
    response = client.get(f"/hinder/{barrier.pk}/redigera/")

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/hinder/{barrier.pk}/redigera/"


def test_barrier_edit_by_a_plain_member_is_forbidden(client, barrier, member):
    client.force_login(member)

    response = client.post(f"/hinder/{barrier.pk}/redigera/", edit_data(barrier, title="Annat"))

    barrier.refresh_from_db()
    assert response.status_code == 403
    assert barrier.title != "Annat"


def test_barrier_edit_by_the_coordinator_saves_through_the_service(client, barrier, coordinator):
    client.force_login(coordinator)
    assert client.get(f"/hinder/{barrier.pk}/redigera/").status_code == 200

    response = client.post(
        f"/hinder/{barrier.pk}/redigera/", edit_data(barrier, title="Delning av data mellan nämnder")
    )

    barrier.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, barrier.get_absolute_url())
    assert barrier.title == "Delning av data mellan nämnder"
    assert ActivityLogEntry.objects.for_object(barrier).filter(action="barriers.barrier.updated").count() == 1


def test_barrier_edit_without_a_title_shows_the_form_again_and_changes_nothing(client, barrier, coordinator):
    title = barrier.title
    client.force_login(coordinator)

    response = client.post(f"/hinder/{barrier.pk}/redigera/", edit_data(barrier, title=""))

    barrier.refresh_from_db()
    assert (response.status_code, barrier.title) == (200, title)
    assert response.context["form"].errors["title"]
