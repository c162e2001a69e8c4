import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from spira.core.models import ActivityLogEntry
from spira.organisations import services
from spira.organisations.choices import MembershipRole, OrganisationKind
from spira.organisations.models import Membership, Organisation
from spira.organisations.tests.factories import (
    CountyFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
    org_number_for,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def actions_for(obj) -> list[str]:
    return list(ActivityLogEntry.objects.for_object(obj).order_by("id").values_list("action", flat=True))


# create_organisation ----------------------------------------------------------------------------


def test_create_organisation_makes_the_creator_its_admin_and_logs_it(user):
    organisation = services.create_organisation(
        user, kind=OrganisationKind.COMPANY, name="Östgöta Innovation AB", org_number="5560000001"
    )

    assert organisation.slug == "ostgota-innovation-ab"
    assert organisation.org_number == "556000-0001"
    assert organisation.is_reference is False
    assert Membership.objects.get(organisation=organisation).user == user
    assert Membership.objects.get(organisation=organisation).role == MembershipRole.ADMIN
    assert actions_for(organisation) == [
        "organisations.organisation.created",
        "organisations.membership.added",
    ]


def test_create_organisation_refuses_anonymous():
    with pytest.raises(PermissionDenied):
        services.create_organisation(AnonymousUser(), kind=OrganisationKind.COMPANY, name="Smyg AB")

    assert Organisation.objects.count() == 0


@pytest.mark.parametrize(
    "kind", [OrganisationKind.MUNICIPALITY, OrganisationKind.REGION, OrganisationKind.AGENCY]
)
def test_create_organisation_rejects_kinds_from_the_registers(user, kind):
    with pytest.raises(ValidationError) as info:
        services.create_organisation(user, kind=kind, name="Nya kommunen")

    assert list(info.value.message_dict) == ["kind"]
    assert Organisation.objects.count() == 0


def test_create_organisation_requires_a_kind(user):
    with pytest.raises(ValidationError) as info:
        services.create_organisation(user, name="Utan sort")

    assert info.value.message_dict == {"kind": ["Choose what kind of organisation this is."]}


def test_create_organisation_rejects_bad_checksum(user):
    with pytest.raises(ValidationError) as info:
        services.create_organisation(
            user, kind=OrganisationKind.COMPANY, name="Fel AB", org_number="556000-0002"
        )

    assert info.value.message_dict == {"org_number": ["The organisation number's check digit is wrong."]}
    assert Organisation.objects.count() == 0


def test_create_organisation_rejects_a_taken_org_number(user):
    OrganisationFactory(org_number=org_number_for(7))

    with pytest.raises(ValidationError) as info:
        services.create_organisation(
            user, kind=OrganisationKind.COMPANY, name="Kopia AB", org_number=org_number_for(7)
        )

    assert info.value.message_dict == {
        "org_number": ["An organisation with this organisation number already exists."]
    }
    assert Organisation.objects.count() == 1


def test_create_organisation_rejects_fields_users_cannot_set(user):
    with pytest.raises(ValidationError) as info:
        services.create_organisation(user, kind=OrganisationKind.COMPANY, name="X AB", is_reference=True)

    assert list(info.value.message_dict) == ["is_reference"]


def test_create_organisation_never_takes_a_reserved_slug(user):
    organisation = services.create_organisation(user, kind=OrganisationKind.NETWORK, name="Registrera")

    assert organisation.slug == "registrera-2"


def test_create_organisation_gives_distinct_slugs_to_equal_names(user):
    first = services.create_organisation(user, kind=OrganisationKind.NETWORK, name="Innovationsnätverket")
    second = services.create_organisation(user, kind=OrganisationKind.NETWORK, name="Innovationsnätverket")

    assert (first.slug, second.slug) == ("innovationsnatverket", "innovationsnatverket-2")


# update_organisation ----------------------------------------------------------------------------


def test_update_organisation_records_old_and_new_values(organisation, org_admin):
    old_name = organisation.name

    services.update_organisation(org_admin, organisation, name="Nytt namn AB", city="Umeå")

    organisation.refresh_from_db()
    assert (organisation.name, organisation.city) == ("Nytt namn AB", "Umeå")
    entry = ActivityLogEntry.objects.for_object(organisation).get(action="organisations.organisation.updated")
    assert entry.actor == org_admin
    assert entry.changes == {"name": [old_name, "Nytt namn AB"], "city": ["", "Umeå"]}


def test_update_organisation_without_changes_writes_no_log(organisation, org_admin):
    services.update_organisation(org_admin, organisation, name=organisation.name)

    assert actions_for(organisation) == []


def test_update_organisation_refuses_a_plain_member(organisation):
    member = MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER).user

    with pytest.raises(PermissionDenied):
        services.update_organisation(member, organisation, name="Kapat AB")

    organisation.refresh_from_db()
    assert organisation.name != "Kapat AB"


def test_update_organisation_rejects_changing_official_facts_of_a_reference_organisation(platform_admin):
    municipality = MunicipalityFactory(name="Knivsta")

    with pytest.raises(ValidationError) as info:
        services.update_organisation(platform_admin, municipality, name="Knivstad", description="Ny text")

    assert info.value.message_dict == {"name": ["This fact comes from the official registers."]}
    municipality.refresh_from_db()
    assert (municipality.name, municipality.description) == ("Knivsta", "")


def test_update_organisation_accepts_unchanged_official_facts_with_other_changes(platform_admin):
    municipality = MunicipalityFactory(name="Knivsta")

    services.update_organisation(platform_admin, municipality, name="Knivsta", description="Nära Uppsala.")

    municipality.refresh_from_db()
    assert municipality.description == "Nära Uppsala."


def test_update_organisation_clears_the_org_number_when_given_empty(organisation, org_admin):
    services.update_organisation(org_admin, organisation, org_number="")

    organisation.refresh_from_db()
    assert organisation.org_number is None


def test_update_organisation_rejects_another_organisations_org_number(organisation, org_admin):
    other = OrganisationFactory()

    with pytest.raises(ValidationError) as info:
        services.update_organisation(org_admin, organisation, org_number=other.org_number)

    assert list(info.value.message_dict) == ["org_number"]


def test_update_organisation_rejects_becoming_a_municipality(organisation, org_admin):
    with pytest.raises(ValidationError) as info:
        services.update_organisation(org_admin, organisation, kind=OrganisationKind.MUNICIPALITY)

    assert list(info.value.message_dict) == ["kind"]


def test_update_organisation_leaves_the_object_unchanged_when_invalid(organisation, org_admin):
    old_name = organisation.name

    with pytest.raises(ValidationError):
        services.update_organisation(org_admin, organisation, name="", website="not a url")

    assert organisation.name == old_name


def test_update_organisation_moves_a_company_to_a_county(organisation, org_admin):
    county = CountyFactory(code="98")

    services.update_organisation(org_admin, organisation, county=county)

    organisation.refresh_from_db()
    assert organisation.county == county


# memberships ------------------------------------------------------------------------------------


def test_add_membership_by_an_admin_logs_the_user_and_role(organisation, org_admin):
    newcomer = UserFactory()

    membership = services.add_membership(org_admin, organisation, newcomer, MembershipRole.COORDINATOR)

    assert membership.role == MembershipRole.COORDINATOR
    entry = ActivityLogEntry.objects.for_object(organisation).get(action="organisations.membership.added")
    assert entry.data == {"user_id": newcomer.pk, "role": "coordinator"}


def test_add_membership_refuses_a_plain_member(organisation):
    member = MembershipFactory(organisation=organisation).user

    with pytest.raises(PermissionDenied):
        services.add_membership(member, organisation, UserFactory())

    assert organisation.memberships.count() == 1


def test_add_membership_rejects_an_unknown_role(organisation, org_admin):
    with pytest.raises(ValidationError) as info:
        services.add_membership(org_admin, organisation, UserFactory(), "owner")

    assert info.value.message_dict == {"role": ["Unknown role."]}


def test_add_membership_rejects_an_inactive_account(organisation, org_admin):
    with pytest.raises(ValidationError):
        services.add_membership(org_admin, organisation, UserFactory(is_active=False))

    assert organisation.memberships.count() == 1


def test_add_membership_of_an_existing_member_changes_the_role(organisation, org_admin):
    membership = MembershipFactory(organisation=organisation)

    services.add_membership(org_admin, organisation, membership.user, MembershipRole.ADMIN)

    membership.refresh_from_db()
    assert membership.role == MembershipRole.ADMIN
    assert organisation.memberships.count() == 2


def test_add_membership_gives_the_new_role_at_once(organisation, org_admin):
    newcomer = UserFactory()
    assert not newcomer.has_perm("organisations.change_organisation", organisation)

    services.add_membership(org_admin, organisation, newcomer, MembershipRole.ADMIN)

    assert newcomer.has_perm("organisations.change_organisation", organisation)


def test_change_membership_role_logs_old_and_new_role(organisation, org_admin):
    membership = MembershipFactory(organisation=organisation)

    services.change_membership_role(org_admin, membership, MembershipRole.COORDINATOR)

    entry = ActivityLogEntry.objects.for_object(organisation).get(action="organisations.membership.changed")
    assert entry.changes == {"role": ["member", "coordinator"]}


def test_change_membership_role_refuses_demoting_the_last_admin(organisation, org_admin):
    membership = Membership.objects.get(user=org_admin)

    with pytest.raises(ValidationError) as info:
        services.change_membership_role(org_admin, membership, MembershipRole.MEMBER)

    assert info.value.message_dict == {"role": ["An organisation needs at least one administrator."]}
    membership.refresh_from_db()
    assert membership.role == MembershipRole.ADMIN


def test_remove_membership_by_an_admin(organisation, org_admin):
    membership = MembershipFactory(organisation=organisation)

    services.remove_membership(org_admin, membership)

    assert list(organisation.memberships.values_list("user", flat=True)) == [org_admin.pk]
    assert actions_for(organisation)[-1] == "organisations.membership.removed"


def test_a_member_can_leave(organisation):
    membership = MembershipFactory(organisation=organisation)

    services.remove_membership(membership.user, membership)

    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_remove_membership_refuses_another_plain_member(organisation):
    membership = MembershipFactory(organisation=organisation)
    other = MembershipFactory(organisation=organisation).user

    with pytest.raises(PermissionDenied):
        services.remove_membership(other, membership)

    assert Membership.objects.filter(pk=membership.pk).exists()


def test_remove_membership_refuses_removing_the_last_admin(organisation, org_admin):
    membership = Membership.objects.get(user=org_admin)

    with pytest.raises(ValidationError):
        services.remove_membership(org_admin, membership)

    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_last_admin_may_leave_a_reference_organisation(platform_admin):
    municipality = MunicipalityFactory()
    membership = MembershipFactory(organisation=municipality, role=MembershipRole.ADMIN)

    services.remove_membership(membership.user, membership)

    assert municipality.memberships.count() == 0
