"""The permission matrix for organisations, and the agreement of `visible_to` with the view rule."""

import pytest
from django.contrib.auth.models import AnonymousUser

from spira.organisations.choices import MembershipRole
from spira.organisations.models import Organisation
from spira.organisations.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PERMISSIONS = ["view", "change", "delete", "manage_members", "view_members"]

# who → the permissions they hold on the organisation (all others are refused)
MATRIX = {
    "anonymous": {"view"},
    "plain user": {"view", "view_members"},
    "member": {"view", "view_members"},
    "coordinator": {"view", "view_members"},
    "admin of the organisation": {"view", "view_members", "change", "manage_members"},
    "admin of another organisation": {"view", "view_members"},
    "moderator": {"view", "view_members"},
    "platform admin": {"view", "view_members", "change", "delete", "manage_members"},
}


def make_user(who: str, organisation: Organisation):
    if who == "anonymous":
        return AnonymousUser()
    if who == "member":
        return MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER).user
    if who == "coordinator":
        return MembershipFactory(organisation=organisation, role=MembershipRole.COORDINATOR).user
    if who == "admin of the organisation":
        return MembershipFactory(organisation=organisation, role=MembershipRole.ADMIN).user
    if who == "admin of another organisation":
        return MembershipFactory(role=MembershipRole.ADMIN).user
    if who == "moderator":
        return UserFactory(platform_role="moderator")
    if who == "platform admin":
        return UserFactory(platform_role="administrator")
    return UserFactory()


def codename(permission: str) -> str:
    if permission in {"manage_members", "view_members"}:
        return f"organisations.{permission}"
    return f"organisations.{permission}_organisation"


@pytest.mark.parametrize("who", list(MATRIX))
@pytest.mark.parametrize("permission", PERMISSIONS)
def test_permission_matrix(who, permission):
    organisation = OrganisationFactory()
    user = make_user(who, organisation)

    allowed = user.has_perm(codename(permission), organisation)

    assert allowed == (permission in MATRIX[who])


@pytest.mark.parametrize("who", list(MATRIX))
def test_permission_matrix_holds_for_reference_organisations(who):
    municipality = MunicipalityFactory()
    user = make_user(who, municipality)

    allowed = {p for p in PERMISSIONS if user.has_perm(codename(p), municipality)}

    assert allowed == MATRIX[who]


@pytest.mark.parametrize("who", list(MATRIX))
def test_visible_to_agrees_with_the_view_permission(who):
    organisation = OrganisationFactory()
    user = make_user(who, organisation)
    MunicipalityFactory()
    OrganisationFactory()

    visible = set(Organisation.objects.visible_to(user))

    assert visible == {o for o in Organisation.objects.all() if user.has_perm(codename("view"), o)}
    assert len(visible) == Organisation.objects.count()


def test_add_organisation_needs_an_account():
    assert AnonymousUser().has_perm("organisations.add_organisation") is False
    assert UserFactory().has_perm("organisations.add_organisation") is True
