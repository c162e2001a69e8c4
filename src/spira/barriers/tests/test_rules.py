"""The permission matrix for barriers, and the agreement of `visible_to` with the view rules."""

import pytest
from django.contrib.auth.models import AnonymousUser

from spira.barriers.models import Barrier, BarrierSubscription, Endorsement, Escalation, EscalationAnswer
from spira.barriers.tests.factories import (
    AgencyFactory,
    BarrierFactory,
    BarrierSubscriptionFactory,
    EndorsementFactory,
    EscalationFactory,
    WorkshopFactory,
)
from spira.organisations.choices import MembershipRole
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db

WHO = [
    "anonymous",
    "plain user",
    "member of the reporter",
    "coordinator of the reporter",
    "member of the authority",
    "coordinator elsewhere",
    "moderator",
]
BARRIER_PERMISSIONS = [
    "view_barrier",
    "change_barrier",
    "change_barrier_status",
    "escalate_barrier",
    "delete_barrier",
]
BARRIER_MATRIX = {
    "anonymous": {"view_barrier"},
    "plain user": {"view_barrier"},
    "member of the reporter": {"view_barrier"},
    "coordinator of the reporter": {
        "view_barrier",
        "change_barrier",
        "change_barrier_status",
        "escalate_barrier",
    },
    "member of the authority": {"view_barrier"},
    "coordinator elsewhere": {"view_barrier"},
    "moderator": {
        "view_barrier",
        "change_barrier",
        "change_barrier_status",
        "escalate_barrier",
        "delete_barrier",
    },
}


def make_user(who: str, escalation: Escalation):
    reporter = escalation.barrier.reporter_organisation
    if who == "anonymous":
        return AnonymousUser()
    if who == "member of the reporter":
        return MembershipFactory(organisation=reporter).user
    if who == "coordinator of the reporter":
        return MembershipFactory(organisation=reporter, role=MembershipRole.COORDINATOR).user
    if who == "member of the authority":
        return MembershipFactory(organisation=escalation.addressed_to).user
    if who == "coordinator elsewhere":
        return MembershipFactory(organisation=MunicipalityFactory(), role=MembershipRole.COORDINATOR).user
    if who == "moderator":
        return UserFactory(platform_role="moderator")
    return UserFactory()


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("permission", BARRIER_PERMISSIONS)
def test_barrier_permission_matrix(who, permission):
    escalation = EscalationFactory()
    user = make_user(who, escalation)

    allowed = user.has_perm(f"barriers.{permission}", escalation.barrier)

    assert allowed == (permission in BARRIER_MATRIX[who])


@pytest.mark.parametrize("who", WHO)
def test_only_members_of_the_addressed_authority_may_answer(who):
    escalation = EscalationFactory()
    user = make_user(who, escalation)

    assert user.has_perm("barriers.answer_escalation", escalation) == (who == "member of the authority")


@pytest.mark.parametrize("who", WHO)
def test_reporting_needs_membership_of_a_municipality_region_or_agency(who):
    escalation = EscalationFactory()
    user = make_user(who, escalation)
    reporter = escalation.barrier.reporter_organisation

    assert user.has_perm("barriers.add_barrier") == (
        who
        in {
            "member of the reporter",
            "coordinator of the reporter",
            "member of the authority",
            "coordinator elsewhere",
        }
    )
    assert user.has_perm("barriers.report_for_organisation", reporter) == (
        who in {"member of the reporter", "coordinator of the reporter"}
    )


@pytest.mark.parametrize("who", WHO)
def test_workshops_are_changed_by_coordinators_of_the_organiser_and_moderators(who):
    escalation = EscalationFactory()
    user = make_user(who, escalation)
    workshop = WorkshopFactory(organiser=escalation.barrier.reporter_organisation)

    assert user.has_perm("barriers.change_workshop", workshop) == (
        who in {"coordinator of the reporter", "moderator"}
    )
    assert user.has_perm("barriers.view_workshop", workshop) is True


def hidden_world():
    reporter = MunicipalityFactory()
    visible = BarrierFactory(reporter_organisation=reporter)
    hidden = BarrierFactory(reporter_organisation=reporter, is_hidden=True, hidden_reason="Spam")
    for barrier in (visible, hidden):
        EndorsementFactory(barrier=barrier)
        EndorsementFactory(barrier=barrier, is_hidden=True)
        escalation = EscalationFactory(barrier=barrier, addressed_to=AgencyFactory())
        EscalationAnswer.objects.create(
            escalation=escalation, organisation=escalation.addressed_to, decision="accept", text="Ja"
        )
    return reporter


@pytest.mark.parametrize(
    "who", ["anonymous", "plain user", "member of the reporter", "moderator", "endorser"]
)
@pytest.mark.parametrize(
    ("model", "permission"),
    [
        (Barrier, "barriers.view_barrier"),
        (Endorsement, "barriers.view_endorsement"),
        (Escalation, "barriers.view_escalation"),
        (EscalationAnswer, "barriers.view_escalationanswer"),
    ],
)
def test_visible_to_agrees_with_the_view_rule(who, model, permission):
    reporter = hidden_world()
    if who == "anonymous":
        user = AnonymousUser()
    elif who == "member of the reporter":
        user = MembershipFactory(organisation=reporter).user
    elif who == "moderator":
        user = UserFactory(platform_role="moderator")
    elif who == "endorser":
        user = MembershipFactory(
            organisation=Endorsement.objects.filter(is_hidden=True).first().organisation
        ).user
    else:
        user = UserFactory()

    visible = set(model.objects.visible_to(user).values_list("pk", flat=True))
    allowed = {obj.pk for obj in model.objects.all() if user.has_perm(permission, obj)}

    assert visible == allowed
    assert 0 < len(visible) <= model.objects.count()


def test_subscriptions_are_seen_only_by_their_owner():
    subscription = BarrierSubscriptionFactory()
    other = UserFactory()

    assert list(BarrierSubscription.objects.visible_to(subscription.user)) == [subscription]
    assert list(BarrierSubscription.objects.visible_to(other)) == []
    assert subscription.user.has_perm("barriers.view_barriersubscription", subscription) is True
    assert other.has_perm("barriers.view_barriersubscription", subscription) is False
