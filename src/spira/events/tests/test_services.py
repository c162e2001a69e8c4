from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from spira.core.models import ActivityLogEntry, Notification
from spira.events import services
from spira.events.choices import ActivityStatus, RegistrationMode, RegistrationStatus
from spira.events.models import Activity, Registration
from spira.events.tests.factories import (
    ActivityFactory,
    EventSeriesFactory,
    RegistrationFactory,
    TrackFactory,
    at,
)
from spira.organisations.tests.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


def proposal_values(**overrides):
    values = {
        "title": "Tillsammans från start – frukostmöte",
        "description": "Hur sprider vi smarta lösningar?",
        "format": "breakfast_meeting",
        "starts_at": at(2, 8),
        "ends_at": at(2, 9, 30),
        "venue": "Samverket",
        "address": "Drottninggatan 1",
        "capacity": 20,
        "registration_mode": RegistrationMode.OPEN,
    }
    values.update(overrides)
    return values


# The open call ---------------------------------------------------------------------------------


def test_propose_activity_creates_a_proposal_and_tells_the_moderators(
    series, organisation, member, series_moderator
):
    activity = services.propose_activity(member, series, organisation, **proposal_values())

    assert activity.status == ActivityStatus.PROPOSED
    assert activity.proposed_by == member
    assert activity.slug == "tillsammans-fran-start-frukostmote"
    assert list(Notification.objects.filter(recipient=series_moderator).values_list("kind", flat=True)) == [
        "events.proposal_received"
    ]
    assert ActivityLogEntry.objects.for_object(activity).get().action == "events.activity.proposed"


def test_propose_activity_rejects_someone_outside_the_organisation(series, organisation, outsider):
    with pytest.raises(PermissionDenied):
        services.propose_activity(outsider, series, organisation, **proposal_values())
    assert Activity.objects.count() == 0


def test_propose_activity_after_the_call_closed_is_refused(owner, organisation, member, english):
    closed = EventSeriesFactory(
        owner=owner,
        title="Week",
        call_closes_at=timezone.now() - timedelta(days=1),
        call_opens_at=timezone.now() - timedelta(days=40),
    )

    with pytest.raises(ValidationError) as error:
        services.propose_activity(member, closed, organisation, **proposal_values())

    assert "closed on" in error.value.message_dict["__all__"][0]
    assert Activity.objects.count() == 0


def test_propose_activity_rejects_an_end_before_the_start(series, organisation, member, english):
    with pytest.raises(ValidationError) as error:
        services.propose_activity(member, series, organisation, **proposal_values(ends_at=at(2, 7)))

    assert error.value.message_dict == {"ends_at": ["The end must be after the start."]}
    assert Activity.objects.count() == 0


def test_propose_activity_rejects_dates_outside_the_series(series, organisation, member, english):
    with pytest.raises(ValidationError) as error:
        services.propose_activity(
            member, series, organisation, **proposal_values(starts_at=at(9, 9), ends_at=at(9, 10))
        )

    assert list(error.value.message_dict) == ["starts_at"]
    assert "must take place between" in error.value.message_dict["starts_at"][0]
    assert Activity.objects.count() == 0


def test_propose_activity_needs_a_place_or_a_link(series, organisation, member, english):
    with pytest.raises(ValidationError) as error:
        services.propose_activity(member, series, organisation, **proposal_values(venue="", address=""))

    assert error.value.message_dict == {"venue": ["Give a place or an online link, or both."]}


def test_propose_activity_rejects_a_track_of_another_series(series, organisation, member):
    other_track = TrackFactory()

    with pytest.raises(ValidationError) as error:
        services.propose_activity(member, series, organisation, **proposal_values(track=other_track))

    assert list(error.value.message_dict) == ["track"]


def test_approve_activity_publishes_and_tells_the_proposer(series, organisation, member, series_moderator):
    activity = services.propose_activity(member, series, organisation, **proposal_values())

    services.approve_activity(series_moderator, activity, "Välkommen!")

    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PUBLISHED
    assert activity.published_at is not None
    assert Notification.objects.filter(recipient=member, kind="events.proposal_decided").count() == 1


def test_reject_activity_needs_a_reason(series, organisation, member, series_moderator):
    activity = services.propose_activity(member, series, organisation, **proposal_values())

    with pytest.raises(ValidationError) as error:
        services.reject_activity(series_moderator, activity, "  ")

    assert list(error.value.message_dict) == ["reason"]
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PROPOSED


def test_reject_activity_records_the_reason(series, organisation, member, series_moderator):
    activity = services.propose_activity(member, series, organisation, **proposal_values())

    services.reject_activity(series_moderator, activity, "Passar inte veckans tema.")

    activity.refresh_from_db()
    assert (activity.status, activity.decision_reason) == (
        ActivityStatus.REJECTED,
        "Passar inte veckans tema.",
    )


def test_a_member_cannot_approve_their_own_proposal(series, organisation, member):
    activity = services.propose_activity(member, series, organisation, **proposal_values())

    with pytest.raises(PermissionDenied):
        services.approve_activity(member, activity)


def test_platform_moderators_may_decide_on_any_series(series, organisation, member, platform_moderator):
    activity = services.propose_activity(member, series, organisation, **proposal_values())

    services.approve_activity(platform_moderator, activity)

    assert Activity.objects.get().status == ActivityStatus.PUBLISHED


def test_approving_twice_is_refused(series, organisation, member, series_moderator):
    activity = services.propose_activity(member, series, organisation, **proposal_values())
    services.approve_activity(series_moderator, activity)

    with pytest.raises(ValidationError):
        services.approve_activity(series_moderator, activity)


def test_add_activity_publishes_directly_for_moderators_outside_the_call(
    owner, organisation, series_moderator
):
    series = EventSeriesFactory(owner=owner, call_opens_at=None, call_closes_at=None)
    series.moderators.add(series_moderator)

    activity = services.add_activity(series_moderator, series, organisation, **proposal_values())

    assert activity.status == ActivityStatus.PUBLISHED


# Changing a published activity -------------------------------------------------------------------


def test_update_activity_tells_those_registered_when_the_time_changes(activity, member):
    person = UserFactory()
    services.register(person, activity)

    services.update_activity(member, activity, starts_at=at(1, 10), ends_at=at(1, 11))

    assert Notification.objects.filter(recipient=person, kind="events.activity_changed").count() == 1
    assert Activity.objects.get().sequence == 1


def test_update_activity_e_mails_guests_when_the_place_changes(
    activity, member, django_capture_on_commit_callbacks
):
    services.register(None, activity, name="Gästen", email="gast@example.se")

    with django_capture_on_commit_callbacks(execute=True):
        services.update_activity(member, activity, venue="Kulturhuset")

    assert [m.to for m in mail.outbox] == [["gast@example.se"]]
    assert mail.outbox[0].attachments[0][0] == "activity.ics"


def test_update_activity_refuses_fewer_seats_than_confirmed(activity, member, english):
    services.register(UserFactory(), activity)
    services.register(UserFactory(), activity)

    with pytest.raises(ValidationError) as error:
        services.update_activity(member, activity, capacity=1)

    assert error.value.message_dict == {
        "capacity": ["2 people have a confirmed seat already; the number of seats cannot be lower."]
    }
    assert Activity.objects.get().capacity == 2


def test_more_seats_move_people_up_from_the_waiting_list(activity, member):
    people = [UserFactory() for _ in range(3)]
    registrations = [services.register(person, activity) for person in people]

    services.update_activity(member, activity, capacity=3)

    registrations[2].refresh_from_db()
    assert registrations[2].status == RegistrationStatus.CONFIRMED
    assert Activity.objects.get().confirmed_count == 3


def test_update_activity_by_an_outsider_is_refused(activity, outsider):
    with pytest.raises(PermissionDenied):
        services.update_activity(outsider, activity, title="Kapad")
    assert Activity.objects.get().title == activity.title


def test_cancel_activity_marks_it_cancelled_and_tells_those_registered(activity, member):
    person = UserFactory()
    services.register(person, activity)

    services.cancel_activity(member, activity, "Talaren är sjuk.")

    assert Activity.objects.get().status == ActivityStatus.CANCELLED
    assert Notification.objects.filter(recipient=person, kind="events.activity_changed").count() == 1


# Registration and the waiting list ---------------------------------------------------------------


def test_register_confirms_while_there_are_seats_and_then_waitlists(activity):
    first, second, third = (services.register(UserFactory(), activity) for _ in range(3))

    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waitlisted"]
    activity.refresh_from_db()
    assert (activity.confirmed_count, activity.waitlist_count) == (2, 1)


def test_register_sends_a_confirmation_with_a_calendar_file_and_a_cancellation_link(
    activity, django_capture_on_commit_callbacks
):
    person = UserFactory(email="anna@example.se")

    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(person, activity)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.se"]
    assert message.attachments[0][0] == "activity.ics"
    assert services.cancellation_token(registration) in message.body


def test_register_twice_is_refused(activity, english):
    person = UserFactory()
    services.register(person, activity)

    with pytest.raises(ValidationError) as error:
        services.register(person, activity)

    assert error.value.message_dict == {"__all__": ["You are already registered for this activity."]}
    assert Registration.objects.count() == 1


def test_a_guest_cannot_register_twice_with_the_same_address(activity):
    services.register(None, activity, name="Gäst", email="Gast@Example.se")

    with pytest.raises(ValidationError):
        services.register(None, activity, name="Gäst igen", email="gast@example.se")
    assert Registration.objects.count() == 1


def test_a_guest_must_give_name_and_address(activity, english):
    with pytest.raises(ValidationError) as error:
        services.register(None, activity, name="", email="not-an-address")

    assert sorted(error.value.message_dict) == ["email", "name"]
    assert Registration.objects.count() == 0


def test_register_for_a_proposal_is_refused(activity):
    Activity.objects.filter(pk=activity.pk).update(status=ActivityStatus.PROPOSED)
    activity.refresh_from_db()

    with pytest.raises(ValidationError):
        services.register(UserFactory(), activity)


def test_register_after_the_start_is_refused(series, organisation):
    started = ActivityFactory(
        series=series, organiser=organisation, starts_at=timezone.now() - timedelta(minutes=5)
    )
    started.ends_at = started.starts_at + timedelta(hours=2)

    with pytest.raises(ValidationError):
        services.register(UserFactory(), started)


def test_members_only_activities_refuse_others(activity, member, english):
    Activity.objects.filter(pk=activity.pk).update(registration_mode=RegistrationMode.MEMBERS)
    activity.refresh_from_db()

    with pytest.raises(ValidationError):
        services.register(UserFactory(), activity)
    assert services.register(member, activity).status == RegistrationStatus.CONFIRMED


def test_cancelling_promotes_the_first_on_the_waiting_list(activity, django_capture_on_commit_callbacks):
    first, _second, third, fourth = (services.register(UserFactory(), activity) for _ in range(4))

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(first.user, first)

    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (third.status, fourth.status) == ("confirmed", "waitlisted")
    activity.refresh_from_db()
    assert (activity.confirmed_count, activity.waitlist_count) == (2, 1)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, third.email])


def test_cancelling_someone_elses_registration_is_refused(activity):
    registration = services.register(UserFactory(), activity)

    with pytest.raises(PermissionDenied):
        services.cancel_registration(UserFactory(), registration)
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_the_organiser_may_cancel_a_registration(activity, member):
    registration = services.register(UserFactory(), activity)

    services.cancel_registration(member, registration)

    assert Registration.objects.get().status == RegistrationStatus.CANCELLED


def test_cancel_by_token_works_without_an_account(activity):
    registration = services.register(None, activity, name="Gäst", email="gast@example.se")

    services.cancel_registration_by_token(services.cancellation_token(registration))

    assert Registration.objects.get().status == RegistrationStatus.CANCELLED


def test_cancel_by_a_tampered_token_is_refused(activity):
    registration = services.register(None, activity, name="Gäst", email="gast@example.se")
    token = services.cancellation_token(registration)

    with pytest.raises(ValidationError):
        services.cancel_registration_by_token(token[:-2] + "xx")
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_cancelling_twice_is_refused(activity):
    registration = services.register(None, activity, name="Gäst", email="gast@example.se")
    token = services.cancellation_token(registration)
    services.cancel_registration_by_token(token)

    with pytest.raises(ValidationError):
        services.cancel_registration_by_token(token)


def test_approval_mode_waits_for_the_organiser(activity, member):
    Activity.objects.filter(pk=activity.pk).update(registration_mode=RegistrationMode.APPROVAL)
    activity.refresh_from_db()
    registration = services.register(UserFactory(), activity)
    assert registration.status == RegistrationStatus.PENDING

    services.approve_registration(member, registration)

    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_mark_attendance_records_who_came(series, organisation, member):
    today = ActivityFactory(
        series=EventSeriesFactory(
            starts_on=timezone.localdate(), ends_on=timezone.localdate() + timedelta(days=1)
        ),
        organiser=organisation,
        proposed_by=member,
        starts_at=timezone.now() + timedelta(minutes=30),
        ends_at=timezone.now() + timedelta(minutes=90),
    )
    registration = services.register(UserFactory(), today)

    changed = services.mark_attendance(member, today, {registration.pk: True})

    assert changed == 1
    assert Registration.objects.get().attended is True


def test_mark_attendance_before_the_day_is_refused(activity, member):
    registration = services.register(UserFactory(), activity)

    with pytest.raises(ValidationError):
        services.mark_attendance(member, activity, {registration.pk: True})


# Reminders and deleting personal data ------------------------------------------------------------


def test_send_event_reminders_reminds_each_person_once(activity, django_capture_on_commit_callbacks):
    registration = services.register(UserFactory(), activity)
    the_day_before = activity.starts_at - timedelta(hours=20)

    with django_capture_on_commit_callbacks(execute=True):
        first = services.send_event_reminders(now=the_day_before)
        second = services.send_event_reminders(now=the_day_before)

    assert (first, second) == (1, 0)
    assert [m.to for m in mail.outbox] == [[registration.email]]


def test_purge_participant_data_deletes_registrations_after_the_retention_time(activity):
    RegistrationFactory(activity=activity, attended=True)
    RegistrationFactory(activity=activity, attended=False)
    later = activity.ends_at + timedelta(days=91)

    result = services.purge_participant_data(now=later)

    assert result == {"activities": 1, "registrations": 2}
    assert Registration.objects.count() == 0
    activity.refresh_from_db()
    assert activity.attended_count == 1


def test_purge_participant_data_keeps_registrations_within_the_retention_time(activity, settings):
    settings.SPIRA_EVENTS_RETENTION_DAYS = 30
    RegistrationFactory(activity=activity)

    result = services.purge_participant_data(now=activity.ends_at + timedelta(days=29))

    assert result == {"activities": 0, "registrations": 0}
    assert Registration.objects.count() == 1


# Series ---------------------------------------------------------------------------------------------


def test_create_series_makes_the_creator_a_moderator(coordinator, organisation):
    series = services.create_series(
        coordinator,
        organisation,
        title="Samverket Östersund 2024",
        starts_on=at(0, 0).date(),
        ends_on=at(4, 0).date(),
    )

    assert list(series.moderators.all()) == [coordinator]
    assert series.slug == "samverket-ostersund-2024"


def test_create_series_refuses_a_plain_member(member, organisation):
    with pytest.raises(PermissionDenied):
        services.create_series(
            member, organisation, title="X", starts_on=at(0, 0).date(), ends_on=at(1, 0).date()
        )


def test_update_series_cannot_shrink_past_its_activities(series, activity, owner):
    from spira.organisations.choices import MembershipRole
    from spira.organisations.tests.factories import MembershipFactory

    admin = MembershipFactory(organisation=owner, role=MembershipRole.ADMIN).user

    with pytest.raises(ValidationError):
        services.update_series(admin, series, starts_on=at(2, 0).date())
    series.refresh_from_db()
    assert series.starts_on == at(0, 0).date()


def test_add_track_refuses_a_bad_colour(series, owner):
    from spira.organisations.choices import MembershipRole
    from spira.organisations.tests.factories import MembershipFactory

    admin = MembershipFactory(organisation=owner, role=MembershipRole.ADMIN).user

    with pytest.raises(ValidationError):
        services.add_track(admin, series, "Tillsammans från start", color="red")
    track = services.add_track(admin, series, "Tillsammans från start", color="#aa3300")
    assert track.slug == "tillsammans-fran-start"


def test_municipality_of_an_activity_must_be_a_municipality(series, organisation, member):
    pitea = MunicipalityFactory(name="Piteå")

    activity = services.propose_activity(member, series, organisation, **proposal_values(municipality=pitea))

    assert activity.municipality == pitea
    with pytest.raises(ValidationError):
        services.propose_activity(member, series, organisation, **proposal_values(municipality=organisation))
