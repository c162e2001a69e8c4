import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from spira.core.models import ActivityLogEntry
from spira.networks import services
from spira.networks.choices import AssessmentStatus, MemberRole, ModuleStatus, NetworkKind
from spira.networks.models import AssessmentAnswer, Booking, BookingSlot, NetworkMembership, NetworkPost
from spira.networks.services.programmes import module_scores
from spira.networks.tests.factories import (
    HubFactory,
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
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


def error_fields(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


# networks and members ----------------------------------------------------------------------------


def test_create_network_makes_the_creator_its_admin_and_logs_it():
    user = UserFactory()

    network = services.create_network(user, kind=NetworkKind.CLUSTER, name="Jämtlandsklustret")

    assert network.slug == "jamtlandsklustret"
    assert user.has_perm("networks.change_network", network) is True
    assert ActivityLogEntry.objects.filter(action="networks.network.created").count() == 1


def test_create_network_rejects_unknown_kind():
    with pytest.raises(ValidationError) as excinfo:
        services.create_network(UserFactory(), kind="club", name="X")

    assert error_fields(excinfo) == {"kind"}


def test_add_member_network_rejects_the_network_itself():
    admin = NetworkPersonFactory().user
    network = admin.network_roles.get().network

    with pytest.raises(ValidationError) as excinfo:
        services.add_member_network(admin, network, network)

    assert error_fields(excinfo) == {"member_network"}
    assert NetworkMembership.objects.count() == 0


def test_add_member_network_rejects_a_cycle_through_other_networks():
    superuser = UserFactory(platform_role="administrator")
    natsam, lund, lab = NetworkFactory(), NetworkFactory(), NetworkFactory()
    services.add_member_network(superuser, natsam, lund)
    services.add_member_network(superuser, lund, lab)

    with pytest.raises(ValidationError) as excinfo:
        services.add_member_network(superuser, lab, natsam)

    assert (
        "circle" in excinfo.value.message_dict["member_network"][0]
        or excinfo.value.message_dict["member_network"]
    )
    assert NetworkMembership.objects.count() == 2


def test_add_member_needs_a_manager():
    network = NetworkFactory()

    with pytest.raises(PermissionDenied):
        services.add_member(UserFactory(), network, MunicipalityFactory())


def test_add_member_rejects_a_period_that_ends_before_it_starts():
    admin = NetworkPersonFactory().user
    network = admin.network_roles.get().network

    with pytest.raises(ValidationError) as excinfo:
        services.add_member(
            admin,
            network,
            MunicipalityFactory(),
            starts_on=datetime.date(2025, 5, 1),
            ends_on=datetime.date(2025, 1, 1),
        )

    assert error_fields(excinfo) == {"ends_on"}
    assert NetworkMembership.objects.count() == 0


def test_join_network_by_an_organisation_admin_with_a_plan(hub_world):
    services.end_membership(hub_world.manager, hub_world.membership)

    membership = services.join_network(
        hub_world.other_admin, hub_world.hub, hub_world.other_municipality, plan="part_time"
    )

    assert (membership.organisation, membership.plan, membership.is_current) == (
        hub_world.other_municipality,
        "part_time",
        True,
    )


def test_join_network_refuses_a_plain_member_of_the_organisation(hub_world):
    with pytest.raises(PermissionDenied):
        services.join_network(
            hub_world.coworker, hub_world.hub, hub_world.other_municipality, plan="part_time"
        )


def test_join_network_refuses_networks_closed_to_joining(hub_world):
    closed = NetworkFactory(open_to_join=False)

    with pytest.raises(ValidationError):
        services.join_network(hub_world.other_admin, closed, hub_world.other_municipality)

    assert closed.memberships.count() == 0


def test_join_network_refuses_a_current_member(hub_world):
    with pytest.raises(ValidationError) as excinfo:
        services.join_network(hub_world.org_admin, hub_world.hub, hub_world.municipality, plan="drop_in")

    assert error_fields(excinfo) == {"organisation"}


def test_members_area_post_by_a_member(hub_world):
    post = services.add_post(hub_world.coworker, hub_world.hub, "Frukost", "Välkomna på fredag!")

    assert NetworkPost.objects.visible_to(hub_world.coworker).get() == post


def test_members_area_post_refused_to_an_outsider(hub_world):
    with pytest.raises(PermissionDenied):
        services.add_post(hub_world.outsider, hub_world.hub, "Spam", "Köp!")

    assert NetworkPost.objects.count() == 0


def test_members_of_a_member_network_belong_to_the_parent_network():
    superuser = UserFactory(platform_role="administrator")
    natsam, lund = NetworkFactory(), NetworkFactory()
    services.add_member_network(superuser, natsam, lund)
    person = MembershipFactory().user
    NetworkMembershipFactory(network=lund, organisation=person.memberships.get().organisation)

    assert person.has_perm("networks.view_members_area", natsam) is True


def test_ended_membership_no_longer_opens_the_members_area(hub_world):
    services.end_membership(
        hub_world.org_admin, hub_world.membership, ends_on=datetime.date.today() - datetime.timedelta(days=1)
    )
    coworker = type(hub_world.coworker).objects.get(pk=hub_world.coworker.pk)

    assert coworker.has_perm("networks.view_members_area", hub_world.hub) is False


# bookings ----------------------------------------------------------------------------------------


def test_book_resource_by_a_member(hub_world):
    starts = next_weekday_at(10)

    booking = services.book_resource(
        hub_world.coworker,
        hub_world.room,
        starts,
        starts + datetime.timedelta(hours=1),
        organisation=hub_world.municipality,
    )

    assert (booking.status, booking.slots.count()) == ("confirmed", 2)
    assert ActivityLogEntry.objects.filter(action="networks.booking.created").count() == 1


@pytest.mark.parametrize(
    ("start_minute", "end_minute"),
    [(0, 60), (30, 90), (-30, 30), (0, 30), (30, 60)],
)
def test_book_resource_refuses_an_overlap(hub_world, start_minute, end_minute):
    base = next_weekday_at(10)
    services.book_resource(hub_world.coworker, hub_world.room, base, base + datetime.timedelta(hours=1))

    with pytest.raises(ValidationError) as excinfo:
        services.book_resource(
            hub_world.org_admin,
            hub_world.room,
            base + datetime.timedelta(minutes=start_minute),
            base + datetime.timedelta(minutes=end_minute),
        )

    assert error_fields(excinfo) == {"starts_at"}
    assert Booking.objects.count() == 1


def test_book_resource_allows_back_to_back_bookings(hub_world):
    base = next_weekday_at(10)
    services.book_resource(hub_world.coworker, hub_world.room, base, base + datetime.timedelta(hours=1))

    services.book_resource(
        hub_world.coworker,
        hub_world.room,
        base + datetime.timedelta(hours=1),
        base + datetime.timedelta(hours=2),
    )

    assert Booking.objects.count() == 2


@pytest.mark.parametrize(("hour", "hours"), [(7, 1), (16, 2), (7, 12)])
def test_book_resource_refuses_times_outside_opening_hours(hub_world, hour, hours):
    starts = next_weekday_at(hour)

    with pytest.raises(ValidationError) as excinfo:
        services.book_resource(
            hub_world.coworker, hub_world.room, starts, starts + datetime.timedelta(hours=hours)
        )

    assert error_fields(excinfo) <= {"starts_at", "ends_at"}
    assert Booking.objects.count() == 0


def test_book_resource_refuses_a_closed_day(hub_world):
    day = datetime.date.today() + datetime.timedelta(days=1)
    while day.weekday() != 5:
        day += datetime.timedelta(days=1)
    from django.utils import timezone

    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))

    with pytest.raises(ValidationError, match=r"closed|stängt"):
        services.book_resource(
            hub_world.coworker, hub_world.room, starts, starts + datetime.timedelta(hours=1)
        )


def test_book_resource_refuses_beyond_the_booking_window(hub_world):
    starts = next_weekday_at(10, days_ahead=40)

    with pytest.raises(ValidationError) as excinfo:
        services.book_resource(
            hub_world.coworker, hub_world.room, starts, starts + datetime.timedelta(hours=1)
        )

    assert error_fields(excinfo) == {"starts_at"}


def test_book_resource_refuses_the_past(hub_world):
    starts = next_weekday_at(10)

    with pytest.raises(ValidationError):
        services.book_resource(
            hub_world.coworker,
            hub_world.room,
            starts,
            starts + datetime.timedelta(hours=1),
            now=starts + datetime.timedelta(days=1),
        )


def test_book_resource_refuses_a_booking_longer_than_allowed(hub_world):
    starts = next_weekday_at(8)

    with pytest.raises(ValidationError) as excinfo:
        services.book_resource(
            hub_world.coworker, hub_world.room, starts, starts + datetime.timedelta(hours=5)
        )

    assert error_fields(excinfo) == {"ends_at"}


def test_book_resource_refuses_times_off_the_booking_step(hub_world):
    starts = next_weekday_at(10, 10)

    with pytest.raises(ValidationError):
        services.book_resource(
            hub_world.coworker, hub_world.room, starts, starts + datetime.timedelta(hours=1)
        )


def test_book_resource_refuses_a_non_member_with_a_clear_message(hub_world):
    starts = next_weekday_at(10)

    with pytest.raises(PermissionDenied, match="Samverket"):
        services.book_resource(
            hub_world.outsider, hub_world.room, starts, starts + datetime.timedelta(hours=1)
        )

    assert Booking.objects.count() == 0


def test_book_resource_refuses_members_when_only_managers_may_book(hub_world):
    van = ResourceFactory(location=hub_world.location, name="Bussen", who_may_book="managers")
    starts = next_weekday_at(10)

    with pytest.raises(PermissionDenied):
        services.book_resource(hub_world.coworker, van, starts, starts + datetime.timedelta(hours=1))
    booking = services.book_resource(hub_world.manager, van, starts, starts + datetime.timedelta(hours=1))

    assert booking.resource == van


def test_book_resource_refuses_an_organisation_the_person_does_not_belong_to(hub_world):
    starts = next_weekday_at(10)

    with pytest.raises(ValidationError) as excinfo:
        services.book_resource(
            hub_world.coworker,
            hub_world.room,
            starts,
            starts + datetime.timedelta(hours=1),
            organisation=hub_world.other_municipality,
        )

    assert error_fields(excinfo) == {"organisation"}


def test_cancel_booking_frees_the_time(hub_world):
    starts = next_weekday_at(10)
    booking = services.book_resource(
        hub_world.coworker, hub_world.room, starts, starts + datetime.timedelta(hours=1)
    )

    services.cancel_booking(hub_world.coworker, booking)
    again = services.book_resource(
        hub_world.org_admin, hub_world.room, starts, starts + datetime.timedelta(hours=1)
    )

    assert BookingSlot.objects.filter(booking=again).count() == 2
    assert Booking.objects.get(pk=booking.pk).status == "cancelled"


def test_cancel_booking_refuses_someone_else(hub_world):
    starts = next_weekday_at(10)
    booking = services.book_resource(
        hub_world.coworker, hub_world.room, starts, starts + datetime.timedelta(hours=1)
    )

    with pytest.raises(PermissionDenied):
        services.cancel_booking(hub_world.org_admin, booking)


def test_slot_table_refuses_a_double_booking_even_past_the_service():
    from django.db import IntegrityError, transaction

    room = ResourceFactory()
    starts = next_weekday_at(10)
    first = Booking.objects.create(
        resource=room, starts_at=starts, ends_at=starts + datetime.timedelta(minutes=30)
    )
    second = Booking.objects.create(
        resource=room, starts_at=starts, ends_at=starts + datetime.timedelta(minutes=30)
    )
    BookingSlot.objects.create(resource=room, booking=first, starts_at=starts)

    with pytest.raises(IntegrityError), transaction.atomic():
        BookingSlot.objects.create(resource=room, booking=second, starts_at=starts)


# programmes --------------------------------------------------------------------------------------


@pytest.fixture
def programme_world():
    programme = ProgrammeFactory(name="Innocities")
    culture = ModuleFactory(network=programme, code="kultur", name="Innovationskultur")
    strategy = ModuleFactory(network=programme, code="strategi", name="Strategi")
    q1 = QuestionFactory(module=culture)
    q2 = QuestionFactory(module=strategy)
    municipality = MunicipalityFactory(name="Krokom")
    NetworkMembershipFactory(network=programme, organisation=municipality, role=MemberRole.PARTICIPANT)
    coordinator = MembershipFactory(organisation=municipality, role=MembershipRole.COORDINATOR).user
    manager = NetworkPersonFactory(network=programme).user
    return {
        "programme": programme,
        "culture": culture,
        "strategy": strategy,
        "q1": q1,
        "q2": q2,
        "municipality": municipality,
        "coordinator": coordinator,
        "manager": manager,
    }


def test_assessment_scores_modules_and_the_plan_takes_the_needed_ones(programme_world):
    w = programme_world
    assessment = services.start_assessment(w["coordinator"], w["programme"], w["municipality"])
    services.answer_assessment(w["coordinator"], assessment, {w["q1"].pk: 5, w["q2"].pk: "2"})
    services.submit_assessment(w["coordinator"], assessment)

    plan = services.create_plan(w["coordinator"], assessment)

    assert module_scores(assessment) == {w["culture"].pk: 5, w["strategy"].pk: 2}
    assert [pm.module.code for pm in plan.plan_modules.all()] == ["kultur"]
    assert [m.title for m in plan.plan_modules.get().milestones.all()] == [
        "Workshop genomförd",
        "Tillämpat i egen verksamhet",
    ]


@pytest.mark.parametrize("value", [0, 6, -1, "3.5", "tre", None, True, 2.5])
def test_answer_outside_the_scale_is_refused_and_nothing_saved(programme_world, value):
    w = programme_world
    assessment = services.start_assessment(w["coordinator"], w["programme"], w["municipality"])

    with pytest.raises(ValidationError) as excinfo:
        services.answer_assessment(w["coordinator"], assessment, {w["q1"].pk: 4, w["q2"].pk: value})

    assert error_fields(excinfo) == {f"question_{w['q2'].pk}"}
    assert AssessmentAnswer.objects.count() == 0


def test_answer_to_another_programmes_question_is_refused(programme_world):
    w = programme_world
    assessment = services.start_assessment(w["coordinator"], w["programme"], w["municipality"])
    stranger = QuestionFactory()

    with pytest.raises(ValidationError):
        services.answer_assessment(w["coordinator"], assessment, {stranger.pk: 3})


def test_submit_assessment_needs_every_answer(programme_world):
    w = programme_world
    assessment = services.start_assessment(w["coordinator"], w["programme"], w["municipality"])
    services.answer_assessment(w["coordinator"], assessment, {w["q1"].pk: 3})

    with pytest.raises(ValidationError) as excinfo:
        services.submit_assessment(w["coordinator"], assessment)

    assert error_fields(excinfo) == {f"question_{w['q2'].pk}"}
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT


def test_start_assessment_refuses_a_plain_member(programme_world):
    w = programme_world
    member = MembershipFactory(organisation=w["municipality"], role=MembershipRole.MEMBER).user

    with pytest.raises(PermissionDenied):
        services.start_assessment(member, w["programme"], w["municipality"])


def test_start_assessment_refuses_an_organisation_outside_the_programme(programme_world):
    w = programme_world
    outsider_admin = MembershipFactory(role=MembershipRole.ADMIN)

    with pytest.raises(ValidationError):
        services.start_assessment(outsider_admin.user, w["programme"], outsider_admin.organisation)


def test_milestones_move_the_module_to_done(programme_world):
    w = programme_world
    assessment = services.start_assessment(w["coordinator"], w["programme"], w["municipality"])
    services.answer_assessment(w["coordinator"], assessment, {w["q1"].pk: 5, w["q2"].pk: 5})
    services.submit_assessment(w["coordinator"], assessment)
    plan = services.create_plan(w["manager"], assessment, [w["strategy"].pk])
    plan_module = plan.plan_modules.get()

    for milestone in plan_module.milestones.all():
        services.set_milestone_done(w["coordinator"], milestone, True)

    plan_module.refresh_from_db()
    assert (plan_module.status, plan_module.progress) == (ModuleStatus.DONE, 100)


def test_create_plan_refuses_modules_of_another_programme(programme_world):
    w = programme_world
    assessment = services.start_assessment(w["coordinator"], w["programme"], w["municipality"])
    services.answer_assessment(w["coordinator"], assessment, {w["q1"].pk: 5, w["q2"].pk: 5})
    services.submit_assessment(w["coordinator"], assessment)

    with pytest.raises(ValidationError) as excinfo:
        services.create_plan(w["coordinator"], assessment, [ModuleFactory().pk])

    assert error_fields(excinfo) == {"modules"}


def test_hub_factory_is_open_to_join():
    assert HubFactory().open_to_join is True
