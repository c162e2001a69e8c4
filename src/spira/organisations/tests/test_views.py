import pytest
from django.contrib.messages import constants as message_levels
from django.urls import reverse

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
)

pytestmark = pytest.mark.django_db

LIST_URL = "/organisationer/"


def names(response) -> list[str]:
    return [o.name for o in response.context["object_list"]]


def message_texts(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def world():
    jamtland = CountyFactory(code="23", name="Jämtlands län")
    skane = CountyFactory(code="12", name="Skåne län")
    return {
        "ostersund": MunicipalityFactory(
            name="Östersund", full_name="Östersunds kommun", county=jamtland, population=65_000
        ),
        "are": MunicipalityFactory(name="Åre", full_name="Åre kommun", county=jamtland, population=12_000),
        "malmo": MunicipalityFactory(name="Malmö", full_name="Malmö stad", county=skane, population=360_000),
        "bolaget": OrganisationFactory(name="Samverket AB", county=jamtland),
    }


# the list ----------------------------------------------------------------------------------------


def test_list_shows_all_organisations_by_name(client, world):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert names(response) == ["Malmö", "Samverket AB", "Åre", "Östersund"]


def test_list_filters_by_kind(client, world):
    response = client.get(LIST_URL, {"kind": OrganisationKind.COMPANY})

    assert names(response) == ["Samverket AB"]


def test_list_filters_by_county(client, world):
    response = client.get(LIST_URL, {"county": "12"})

    assert names(response) == ["Malmö"]


def test_list_filters_by_kind_and_county(client, world):
    response = client.get(LIST_URL, {"county": "23", "kind": OrganisationKind.MUNICIPALITY})

    assert names(response) == ["Åre", "Östersund"]


def test_list_filters_by_population_band(client, world):
    response = client.get(LIST_URL, {"population_band": "50k_200k"})

    assert names(response) == ["Östersund"]


@pytest.mark.parametrize("query", ["öster", "ÖSTER", "Östersunds kommun", "  öSTERSUND "])
def test_list_name_search_ignores_case_of_swedish_letters(client, world, query):
    response = client.get(LIST_URL, {"q": query})

    assert names(response) == ["Östersund"]


def test_list_name_search_finds_official_names(client, world):
    response = client.get(LIST_URL, {"q": "malmö stad"})

    assert names(response) == ["Malmö"]


def test_list_with_unknown_filter_warns_and_still_lists(client, world):
    response = client.get(LIST_URL, {"colour": "blue"})

    assert response.status_code == 200
    assert len(names(response)) == 4
    warnings = [m for m in response.context["messages"] if m.level == message_levels.WARNING]
    assert len(warnings) == 1
    assert "colour" in str(warnings[0])


def test_list_with_invalid_filter_value_shows_the_error_and_still_lists(client, world):
    response = client.get(LIST_URL, {"population_band": "huge"})

    assert response.status_code == 200
    assert "population_band" in response.context["filter"].errors
    assert len(names(response)) == 4


def test_htmx_request_returns_only_the_results_partial(client, world):
    response = client.get(LIST_URL, {"q": "åre"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Åre" in html
    assert "Östersund" not in html


def test_list_offers_registration_to_logged_in_users_only(client, user):
    register_url = reverse("organisations:organisation_create")

    anonymous_html = client.get(LIST_URL).content.decode()
    client.force_login(user)
    user_html = client.get(LIST_URL).content.decode()

    assert register_url not in anonymous_html
    assert register_url in user_html


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow_with_organisations(client, django_assert_num_queries, count):
    county = CountyFactory(code="01")
    OrganisationFactory.create_batch(count, county=county)

    # the page, the count and the counties of the filter form
    with django_assert_num_queries(3):
        response = client.get(LIST_URL)

    assert len(response.context["object_list"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_list_htmx_query_count_is_the_page_and_the_count(client, django_assert_num_queries, count):
    OrganisationFactory.create_batch(count, county=CountyFactory(code="01"))

    with django_assert_num_queries(2):
        response = client.get(LIST_URL, HTTP_HX_REQUEST="true")

    assert len(response.context["object_list"]) == count


def test_english_list_lives_under_en(client, world):
    response = client.get("/en" + LIST_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Organisations" in html


# detail and history ------------------------------------------------------------------------------


def test_detail_shows_the_facts_and_the_members_tab(client, world):
    organisation = world["ostersund"]

    response = client.get(organisation.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Östersunds kommun" in html
    assert organisation.municipality_code in html
    assert reverse("organisations:organisation_members", kwargs={"slug": organisation.slug}) in html


def test_detail_in_english_prefers_the_english_name(client):
    organisation = OrganisationFactory(name="Verket för test", name_en="Agency for Testing")

    response = client.get("/en" + organisation.get_absolute_url())

    assert response.status_code == 200
    assert "<h1>Agency for Testing</h1>" in response.content.decode()


def test_detail_of_unknown_slug_is_404(client):
    response = client.get("/organisationer/finns-inte/")

    assert response.status_code == 404


def test_history_lists_the_logged_changes(client, user):
    organisation = services.create_organisation(user, kind=OrganisationKind.COMPANY, name="Historia AB")
    services.update_organisation(user, organisation, city="Luleå")

    response = client.get(reverse("organisations:organisation_history", kwargs={"slug": organisation.slug}))

    assert response.status_code == 200
    assert [e.action for e in response.context["page_obj"]] == [
        "organisations.organisation.updated",
        "organisations.membership.added",
        "organisations.organisation.created",
    ]
    assert "Luleå" in response.content.decode()


def test_edit_link_is_shown_to_admins_only(client, organisation, org_admin):
    edit_url = reverse("organisations:organisation_update", kwargs={"slug": organisation.slug})

    anonymous_html = client.get(organisation.get_absolute_url()).content.decode()
    client.force_login(org_admin)
    admin_html = client.get(organisation.get_absolute_url()).content.decode()

    assert edit_url not in anonymous_html
    assert edit_url in admin_html


# registering -------------------------------------------------------------------------------------

CREATE_URL = "/organisationer/registrera/"


def test_register_page_asks_anonymous_visitors_to_log_in(client):
    response = client.get(CREATE_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_register_page_offers_only_kinds_users_may_register(client, user):
    client.force_login(user)

    response = client.get(CREATE_URL)

    kinds = [value for value, _label in response.context["form"].fields["kind"].choices if value]
    assert kinds == ["company", "academia", "civil_society", "network", "other"]


def test_register_creates_the_organisation_with_the_user_as_admin(client, user):
    client.force_login(user)

    response = client.post(
        CREATE_URL, {"kind": "network", "name": "Norrlands innovationsnätverk", "org_number": "802000 0009"}
    )

    organisation = Organisation.objects.get(name="Norrlands innovationsnätverk")
    assert response.status_code == 302
    assert response.url == organisation.get_absolute_url()
    assert organisation.org_number == "802000-0009"
    assert Membership.objects.get(organisation=organisation, user=user).role == MembershipRole.ADMIN


def test_register_with_bad_org_number_shows_the_error_and_creates_nothing(client, user):
    client.force_login(user)

    response = client.post(CREATE_URL, {"kind": "company", "name": "Fel AB", "org_number": "556000-0002"})

    assert response.status_code == 200
    assert "Organisationsnumrets kontrollsiffra stämmer inte." in response.content.decode()
    assert Organisation.objects.count() == 0


def test_register_refuses_a_municipality_posted_by_hand(client, user):
    client.force_login(user)

    response = client.post(CREATE_URL, {"kind": "municipality", "name": "Egna kommunen"})

    assert response.status_code == 200
    assert "kind" in response.context["form"].errors
    assert Organisation.objects.count() == 0


# editing -----------------------------------------------------------------------------------------


def update_url(organisation) -> str:
    return reverse("organisations:organisation_update", kwargs={"slug": organisation.slug})


def test_edit_by_admin_saves_through_the_service(client, organisation, org_admin):
    client.force_login(org_admin)

    response = client.post(
        update_url(organisation),
        {"kind": "company", "name": "Bytt namn AB", "org_number": organisation.org_number, "city": "Kiruna"},
    )

    organisation.refresh_from_db()
    assert response.status_code == 302
    assert (organisation.name, organisation.city) == ("Bytt namn AB", "Kiruna")
    entry = ActivityLogEntry.objects.for_object(organisation).get(action="organisations.organisation.updated")
    assert entry.changes["city"] == ["", "Kiruna"]


def test_edit_by_a_plain_member_is_forbidden(client, organisation):
    member = MembershipFactory(organisation=organisation).user
    client.force_login(member)

    get_response = client.get(update_url(organisation))
    post_response = client.post(update_url(organisation), {"kind": "company", "name": "Kapat AB"})

    organisation.refresh_from_db()
    assert (get_response.status_code, post_response.status_code) == (403, 403)
    assert organisation.name != "Kapat AB"


def test_edit_of_a_reference_organisation_shows_official_facts_read_only(client):
    municipality = MunicipalityFactory(name="Knivsta")
    admin = MembershipFactory(organisation=municipality, role=MembershipRole.ADMIN).user
    client.force_login(admin)

    page = client.get(update_url(municipality))
    form = page.context["form"]
    client.post(update_url(municipality), {"name": "Knivstad", "description": "Kommunen norr om Stockholm."})

    municipality.refresh_from_db()
    assert {"name", "full_name", "kind", "org_number", "county"} & set(form.fields) == set()
    assert [t.name for t in page.templates][:2] == [
        "organisations/organisation_update.html",
        "organisations/organisation_base.html",
    ]
    assert "Uppgifter från de officiella registren" in page.content.decode()
    assert (municipality.name, municipality.description) == ("Knivsta", "Kommunen norr om Stockholm.")


def test_edit_with_invalid_website_shows_the_error_and_changes_nothing(client, organisation, org_admin):
    client.force_login(org_admin)

    response = client.post(
        update_url(organisation), {"kind": "company", "name": organisation.name, "website": "inte en adress"}
    )

    organisation.refresh_from_db()
    assert response.status_code == 200
    assert "website" in response.context["form"].errors
    assert organisation.website == ""


# members -----------------------------------------------------------------------------------------


def members_url(organisation) -> str:
    return reverse("organisations:organisation_members", kwargs={"slug": organisation.slug})


def test_members_tab_asks_anonymous_visitors_to_log_in(client, organisation, org_admin):
    response = client.get(members_url(organisation))

    assert response.status_code == 200
    assert "members" not in response.context
    assert str(org_admin) not in response.content.decode()


def test_members_tab_lists_members_with_roles_admins_first(client, organisation, org_admin, user):
    member = MembershipFactory(organisation=organisation, user=UserFactory(display_name="Aina")).user
    client.force_login(user)

    response = client.get(members_url(organisation))

    assert [(m.user, m.role) for m in response.context["members"]] == [
        (org_admin, MembershipRole.ADMIN),
        (member, MembershipRole.MEMBER),
    ]
    assert "add_form" not in response.context


def test_admin_adds_a_member_by_email(client, organisation, org_admin):
    newcomer = UserFactory(email="ny.kollega@example.se")
    client.force_login(org_admin)

    response = client.post(
        reverse("organisations:membership_add", kwargs={"slug": organisation.slug}),
        {"email": "Ny.Kollega@example.se", "role": "coordinator"},
    )

    assert response.status_code == 302
    assert Membership.objects.get(organisation=organisation, user=newcomer).role == MembershipRole.COORDINATOR


@pytest.mark.parametrize(
    ("email", "error"),
    [
        ("inte-en-adress", "Enter a valid email address."),
        (
            "okand@example.se",
            "No one with this e-mail address has an account on Spira. Ask them to create one first.",
        ),
    ],
)
def test_adding_a_member_with_bad_or_unknown_email_explains_and_changes_nothing(
    client, organisation, org_admin, email, error
):
    client.force_login(org_admin)

    response = client.post(
        "/en" + reverse("organisations:membership_add", kwargs={"slug": organisation.slug}),
        {"email": email, "role": "member"},
    )

    assert response.status_code == 200
    assert response.context["add_form"].errors["email"] == [error]
    assert organisation.memberships.count() == 1


def test_a_plain_member_cannot_add_members(client, organisation):
    member = MembershipFactory(organisation=organisation).user
    client.force_login(member)

    response = client.post(
        reverse("organisations:membership_add", kwargs={"slug": organisation.slug}),
        {"email": UserFactory().email, "role": "admin"},
    )

    assert response.status_code == 403
    assert organisation.memberships.count() == 1


def test_admin_changes_a_members_role(client, organisation, org_admin):
    membership = MembershipFactory(organisation=organisation)
    client.force_login(org_admin)

    response = client.post(
        reverse(
            "organisations:membership_role",
            kwargs={"slug": organisation.slug, "membership_pk": membership.pk},
        ),
        {"role": "admin"},
    )

    membership.refresh_from_db()
    assert response.status_code == 302
    assert membership.role == MembershipRole.ADMIN


def test_admin_removes_a_member(client, organisation, org_admin):
    membership = MembershipFactory(organisation=organisation)
    client.force_login(org_admin)

    client.post(
        reverse(
            "organisations:membership_remove",
            kwargs={"slug": organisation.slug, "membership_pk": membership.pk},
        )
    )

    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_removing_the_last_admin_explains_and_changes_nothing(client, organisation, org_admin):
    membership = Membership.objects.get(user=org_admin)
    client.force_login(org_admin)

    response = client.post(
        "/en"
        + reverse(
            "organisations:membership_remove",
            kwargs={"slug": organisation.slug, "membership_pk": membership.pk},
        ),
        follow=True,
    )

    assert Membership.objects.filter(pk=membership.pk).exists()
    assert message_texts(response) == ["An organisation needs at least one administrator."]


def test_a_member_can_leave_the_organisation(client, organisation):
    membership = MembershipFactory(organisation=organisation)
    client.force_login(membership.user)

    response = client.post(
        reverse(
            "organisations:membership_remove",
            kwargs={"slug": organisation.slug, "membership_pk": membership.pk},
        ),
        follow=True,
    )

    assert response.status_code == 200
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_a_member_cannot_remove_someone_else(client, organisation, org_admin):
    member = MembershipFactory(organisation=organisation).user
    client.force_login(member)
    admin_membership = Membership.objects.get(user=org_admin)

    response = client.post(
        reverse(
            "organisations:membership_remove",
            kwargs={"slug": organisation.slug, "membership_pk": admin_membership.pk},
        )
    )

    assert response.status_code == 403
    assert Membership.objects.filter(pk=admin_membership.pk).exists()


def test_membership_of_another_organisation_is_404(client, organisation, org_admin):
    elsewhere = MembershipFactory()
    client.force_login(org_admin)

    response = client.post(
        reverse(
            "organisations:membership_remove",
            kwargs={"slug": organisation.slug, "membership_pk": elsewhere.pk},
        )
    )

    assert response.status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()


def test_member_actions_refuse_get(client, organisation, org_admin):
    client.force_login(org_admin)

    response = client.get(reverse("organisations:membership_add", kwargs={"slug": organisation.slug}))

    assert response.status_code == 405


def test_swedish_is_the_default_language_of_the_pages(client, world):
    html = client.get(LIST_URL).content.decode()

    assert '<html lang="sv">' in html
    assert "<h1>Organisationer</h1>" in html
    assert (
        "Inga organisationer matchar filtren." in client.get(LIST_URL, {"q": "finns inte"}).content.decode()
    )
