from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from spira.barriers import services
from spira.barriers.choices import AnswerDecision, BarrierKind, BarrierStatus, EscalationState, Level
from spira.barriers.models import Barrier, Endorsement, Escalation, StatusChange
from spira.barriers.queries import inbox, overdue_escalations, timeline
from spira.barriers.tests.factories import (
    AgencyFactory,
    BarrierFactory,
    BarrierSubscriptionFactory,
    EscalationFactory,
    WorkshopFactory,
)
from spira.core.models import ActivityLogEntry, Notification
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The messages are asserted in English here; test_views checks the Swedish ones."""
    with translation.override("en"):
        yield


def triaged(barrier, coordinator):
    return services.change_barrier_status(coordinator, barrier, BarrierStatus.TRIAGED, "Relevant")


# Reporting -------------------------------------------------------------------------------------


def test_report_barrier_by_member_creates_reported_barrier_with_trail(municipality, member):
    barrier = services.report_barrier(
        member,
        municipality,
        title="LOU hindrar skalning",
        description="Vi kan inte köpa vidare det vi utvecklat.",
        kind=BarrierKind.PROCUREMENT,
        mandate_level=Level.NATIONAL,
        legal_reference="4 kap. 1 § LOU",
    )

    assert barrier.status == BarrierStatus.REPORTED
    assert barrier.current_level == Level.LOCAL
    assert barrier.affected_organisations == 1
    assert barrier.affected_population == 42_447
    assert list(StatusChange.objects.filter(barrier=barrier).values_list("to_status", flat=True)) == [
        "reported"
    ]
    assert ActivityLogEntry.objects.for_object(barrier).get().action == "barriers.barrier.reported"


def test_report_barrier_rejects_non_member(municipality, outsider):
    with pytest.raises(PermissionDenied):
        services.report_barrier(
            outsider, municipality, title="T", description="D", kind="law", mandate_level="national"
        )
    assert Barrier.objects.count() == 0


def test_report_barrier_rejects_company_as_reporter(outsider):
    company = OrganisationFactory()
    MembershipFactory(organisation=company, user=outsider)

    with pytest.raises(ValidationError) as error:
        services.report_barrier(outsider, company, title="T", description="D", kind="law", mandate_level="eu")

    assert "organisation" in error.value.message_dict
    assert Barrier.objects.count() == 0


def test_report_barrier_rejects_missing_title_and_unknown_kind(municipality, member):
    with pytest.raises(ValidationError) as error:
        services.report_barrier(
            member, municipality, title="  ", description="D", kind="nope", mandate_level="eu"
        )

    assert set(error.value.message_dict) == {"title", "kind"}
    assert Barrier.objects.count() == 0


def test_report_barrier_notifies_subscribers_of_its_kind(municipality, member):
    follower = BarrierSubscriptionFactory(kind=BarrierKind.DATA).user
    BarrierSubscriptionFactory(kind=BarrierKind.LAW)

    services.report_barrier(
        member, municipality, title="Data", description="D", kind="data", mandate_level="national"
    )

    assert list(Notification.objects.values_list("recipient_id", "kind")) == [
        (follower.pk, "barriers.new_barrier")
    ]


# Status ----------------------------------------------------------------------------------------


def test_triage_by_coordinator_logs_reason(barrier, coordinator):
    barrier = services.change_barrier_status(coordinator, barrier, BarrierStatus.TRIAGED, "Gäller många")

    assert barrier.status == BarrierStatus.TRIAGED
    change = StatusChange.objects.filter(barrier=barrier).last()
    assert (change.from_status, change.to_status, change.reason) == ("reported", "triaged", "Gäller många")
    entry = ActivityLogEntry.objects.for_object(barrier).get(action="barriers.barrier.status_changed")
    assert entry.changes == {"status": ["reported", "triaged"]}
    assert entry.data == {"reason": "Gäller många"}


def test_change_status_rejects_plain_member(barrier, member):
    with pytest.raises(PermissionDenied):
        services.change_barrier_status(member, barrier, BarrierStatus.TRIAGED, "")
    barrier.refresh_from_db()
    assert barrier.status == BarrierStatus.REPORTED


def test_moderator_may_triage(barrier, moderator):
    assert services.change_barrier_status(moderator, barrier, "triaged").status == "triaged"


def test_close_without_reason_is_refused_and_changes_nothing(barrier, coordinator):
    with pytest.raises(ValidationError) as error:
        services.change_barrier_status(coordinator, barrier, BarrierStatus.CLOSED_UNRESOLVED, "   ")

    assert "reason" in error.value.message_dict
    barrier.refresh_from_db()
    assert barrier.status == BarrierStatus.REPORTED
    assert StatusChange.objects.filter(barrier=barrier).count() == 0


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("reported", "in_dialogue"),
        ("reported", "escalated"),
        ("triaged", "answered"),
        ("resolved", "triaged"),
    ],
)
def test_change_status_refuses_moves_outside_the_workflow(municipality, coordinator, start, target):
    barrier = BarrierFactory(reporter_organisation=municipality, status=start)

    with pytest.raises(ValidationError) as error:
        services.change_barrier_status(coordinator, barrier, target, "because")

    assert "status" in error.value.message_dict
    barrier.refresh_from_db()
    assert barrier.status == start


# Endorsements ----------------------------------------------------------------------------------


def test_endorsements_count_organisations_and_population(barrier):
    for population in (10_000, 20_000):
        other = MunicipalityFactory(population=population)
        user = MembershipFactory(organisation=other).user
        services.endorse_barrier(user, barrier, other, "Vi också")

    barrier.refresh_from_db()
    assert barrier.affected_organisations == 3
    assert barrier.affected_population == 42_447 + 30_000


def test_endorsing_twice_is_refused(barrier):
    other = MunicipalityFactory()
    user = MembershipFactory(organisation=other).user
    services.endorse_barrier(user, barrier, other)

    with pytest.raises(ValidationError) as error:
        services.endorse_barrier(user, barrier, other, "igen")

    assert "already endorsed" in error.value.message_dict["organisation"][0]
    assert Endorsement.objects.count() == 1
    barrier.refresh_from_db()
    assert barrier.affected_organisations == 2


def test_reporter_cannot_endorse_its_own_barrier(barrier, member, municipality):
    with pytest.raises(ValidationError):
        services.endorse_barrier(member, barrier, municipality)
    assert Endorsement.objects.count() == 0


def test_endorse_for_an_organisation_one_does_not_belong_to_is_denied(barrier, outsider):
    with pytest.raises(PermissionDenied):
        services.endorse_barrier(outsider, barrier, MunicipalityFactory())


def test_withdraw_endorsement_recounts(barrier):
    other = MunicipalityFactory(population=5_000)
    user = MembershipFactory(organisation=other).user
    endorsement = services.endorse_barrier(user, barrier, other)

    services.withdraw_endorsement(user, endorsement)

    barrier.refresh_from_db()
    assert (barrier.affected_organisations, barrier.affected_population) == (1, 42_447)


# Escalation and answers --------------------------------------------------------------------------


def test_escalate_addresses_authority_with_default_deadline_and_notifies_members(
    barrier, coordinator, agency, agency_member
):
    triaged(barrier, coordinator)

    escalation = services.escalate_barrier(coordinator, barrier, agency, Level.NATIONAL, "Svara gärna")

    barrier.refresh_from_db()
    assert escalation.deadline == timezone.localdate() + timedelta(days=60)
    assert (barrier.status, barrier.current_level, barrier.authority, barrier.answer_due) == (
        "escalated",
        "national",
        agency,
        escalation.deadline,
    )
    assert list(inbox(agency_member)) == [escalation]
    assert Notification.objects.get(recipient=agency_member).kind == "barriers.escalation_received"


def test_escalation_deadline_follows_the_setting(barrier, coordinator, agency, settings):
    settings.SPIRA_BARRIER_ANSWER_DAYS = 30
    triaged(barrier, coordinator)

    escalation = services.escalate_barrier(coordinator, barrier, agency, Level.NATIONAL)

    assert escalation.deadline == timezone.localdate() + timedelta(days=30)


def test_escalating_to_the_level_that_already_holds_it_is_refused(barrier, coordinator):
    triaged(barrier, coordinator)
    region = MunicipalityFactory()

    with pytest.raises(ValidationError) as error:
        services.escalate_barrier(coordinator, barrier, region, Level.LOCAL)

    assert "already held at the local level" in error.value.message_dict["level"][0]
    barrier.refresh_from_db()
    assert barrier.status == BarrierStatus.TRIAGED
    assert Escalation.objects.count() == 0


def test_escalating_an_untriaged_barrier_is_refused(barrier, coordinator, agency):
    with pytest.raises(ValidationError):
        services.escalate_barrier(coordinator, barrier, agency, Level.NATIONAL)
    assert Escalation.objects.count() == 0


def test_escalation_by_plain_member_is_denied(barrier, member, coordinator, agency):
    triaged(barrier, coordinator)
    with pytest.raises(PermissionDenied):
        services.escalate_barrier(member, barrier, agency, Level.NATIONAL)


def escalated(barrier, coordinator, agency):
    triaged(barrier, coordinator)
    return services.escalate_barrier(coordinator, barrier, agency, Level.NATIONAL)


def test_accepting_answer_marks_barrier_answered_and_tells_reporter(
    barrier, coordinator, agency, agency_member
):
    escalation = escalated(barrier, coordinator, agency)

    answer = services.answer_escalation(
        agency_member, escalation, agency, AnswerDecision.ACCEPT, "Vi ändrar."
    )

    barrier.refresh_from_db()
    escalation.refresh_from_db()
    assert (barrier.status, barrier.answer_due, escalation.state) == ("answered", None, "answered")
    assert answer.decision == "accept"
    assert Notification.objects.filter(recipient=coordinator, kind="barriers.answered").count() == 1


def test_answering_as_an_organisation_not_addressed_is_refused(barrier, coordinator, agency, agency_member):
    escalation = escalated(barrier, coordinator, agency)
    other_agency = AgencyFactory()
    MembershipFactory(organisation=other_agency, user=agency_member)

    with pytest.raises(ValidationError) as error:
        services.answer_escalation(agency_member, escalation, other_agency, AnswerDecision.ACCEPT, "Ja")

    assert "only it can answer" in error.value.message_dict["organisation"][0]
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.OPEN


def test_answer_by_someone_outside_the_authority_is_denied(barrier, coordinator, agency):
    escalation = escalated(barrier, coordinator, agency)
    with pytest.raises(PermissionDenied):
        services.answer_escalation(coordinator, escalation, agency, AnswerDecision.ACCEPT, "Ja")


def test_rejecting_without_reasons_is_refused(barrier, coordinator, agency, agency_member):
    escalation = escalated(barrier, coordinator, agency)

    with pytest.raises(ValidationError) as error:
        services.answer_escalation(agency_member, escalation, agency, AnswerDecision.REJECT, "")

    assert "reasons" in error.value.message_dict["text"][0]


def test_redirecting_answer_readdresses_with_a_new_deadline(barrier, coordinator, agency, agency_member):
    escalation = escalated(barrier, coordinator, agency)
    Escalation.objects.filter(pk=escalation.pk).update(deadline=timezone.localdate() - timedelta(days=5))
    ministry_agency = AgencyFactory()

    services.answer_escalation(
        agency_member, escalation, agency, AnswerDecision.REDIRECT, "Boverket äger frågan.", ministry_agency
    )

    barrier.refresh_from_db()
    follow_up = Escalation.objects.get(previous=escalation)
    assert follow_up.addressed_to == ministry_agency
    assert follow_up.deadline == timezone.localdate() + timedelta(days=60)
    assert (barrier.status, barrier.authority, barrier.answer_due) == (
        "escalated",
        ministry_agency,
        follow_up.deadline,
    )
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.REDIRECTED


def test_overdue_escalations_are_listed(barrier, coordinator, agency):
    escalation = escalated(barrier, coordinator, agency)
    EscalationFactory()
    Escalation.objects.filter(pk=escalation.pk).update(deadline=timezone.localdate() - timedelta(days=1))

    assert list(overdue_escalations()) == [escalation]


def test_closing_withdraws_the_open_escalation(barrier, coordinator, agency):
    escalation = escalated(barrier, coordinator, agency)

    services.change_barrier_status(coordinator, barrier, BarrierStatus.CLOSED_UNRESOLVED, "Ingen väg framåt")

    escalation.refresh_from_db()
    barrier.refresh_from_db()
    assert (escalation.state, barrier.answer_due) == ("withdrawn", None)


# Workshops ---------------------------------------------------------------------------------------


def test_workshop_puts_barrier_in_dialogue_and_records_outcome(barrier, coordinator, agency):
    triaged(barrier, coordinator)
    workshop = services.create_workshop(
        coordinator,
        barrier.reporter_organisation,
        title="Dialogverkstad om upphandling",
        starts_at=timezone.now() + timedelta(days=7),
        ends_at=timezone.now() + timedelta(days=7, hours=3),
        participant_organisations=[agency],
    )

    item = services.add_barrier_to_workshop(coordinator, workshop, barrier)
    services.record_workshop_outcome(
        coordinator, item, recommendation="Ändra LOU", commitment="Utreda", committed_by=agency
    )

    barrier.refresh_from_db()
    item.refresh_from_db()
    assert barrier.status == BarrierStatus.IN_DIALOGUE
    assert (item.committed_by, item.has_outcome) == (agency, True)
    kinds = [event.kind for event in timeline(barrier, coordinator)]
    assert kinds == ["status", "status", "workshop"]


def test_workshop_must_end_after_it_starts(coordinator, municipality):
    start = timezone.now()
    with pytest.raises(ValidationError) as error:
        services.create_workshop(coordinator, municipality, title="W", starts_at=start, ends_at=start)
    assert "ends_at" in error.value.message_dict


def test_workshop_by_plain_member_is_denied(member, municipality):
    start = timezone.now()
    with pytest.raises(PermissionDenied):
        services.create_workshop(
            member, municipality, title="W", starts_at=start, ends_at=start + timedelta(hours=1)
        )


def test_commitment_without_who_is_refused(coordinator, municipality, barrier):
    triaged(barrier, coordinator)
    workshop = WorkshopFactory(organiser=municipality)
    item = services.add_barrier_to_workshop(coordinator, workshop, barrier)

    with pytest.raises(ValidationError) as error:
        services.record_workshop_outcome(coordinator, item, commitment="Vi fixar det")

    assert "committed_by" in error.value.message_dict


def test_reported_barrier_cannot_go_on_an_agenda(coordinator, municipality, barrier):
    workshop = WorkshopFactory(organiser=municipality)
    with pytest.raises(ValidationError):
        services.add_barrier_to_workshop(coordinator, workshop, barrier)


# Subscriptions -----------------------------------------------------------------------------------


def test_subscribe_twice_is_refused(outsider, agency):
    services.subscribe(outsider, authority=agency)
    with pytest.raises(ValidationError):
        services.subscribe(outsider, authority=agency)


def test_subscription_needs_a_topic(outsider):
    with pytest.raises(ValidationError):
        services.subscribe(outsider)


def test_authority_subscribers_hear_of_escalations(barrier, coordinator, agency, outsider):
    services.subscribe(outsider, authority=agency)

    escalated(barrier, coordinator, agency)

    assert list(Notification.objects.filter(recipient=outsider).values_list("kind", flat=True)) == [
        "barriers.new_barrier"
    ]


def test_membership_role_fixture_is_coordinator(coordinator, municipality):
    assert coordinator.memberships.get().role == MembershipRole.COORDINATOR
