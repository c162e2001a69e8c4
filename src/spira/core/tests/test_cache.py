import pytest
from django.test import Client

from spira.accounts.tests.factories import UserFactory
from spira.organisations.tests.factories import OrganisationFactory


@pytest.mark.django_db
def test_anonymous_list_is_served_from_cache_until_content_changes(django_assert_num_queries):
    OrganisationFactory(name="Alfa Innovation AB")
    client = Client()
    first = client.get("/organisationer/")

    with django_assert_num_queries(0):
        second = client.get("/organisationer/")
    OrganisationFactory(name="Beta Innovation AB")
    third = client.get("/organisationer/")

    assert first.content == second.content
    assert b"Beta Innovation AB" not in second.content
    assert b"Beta Innovation AB" in third.content


@pytest.mark.django_db
def test_cache_keeps_languages_apart():
    OrganisationFactory(name="Gamma AB")
    client = Client()

    swedish = client.get("/organisationer/")
    english = client.get("/en/organisationer/")

    assert (b'<html lang="sv">' in swedish.content, b'<html lang="en">' in english.content) == (True, True)


@pytest.mark.django_db
def test_logged_in_pages_are_never_cached():
    OrganisationFactory(name="Delta AB")
    user = UserFactory()
    client = Client()
    client.get("/organisationer/")
    client.force_login(user)

    response = client.get("/organisationer/")

    assert str(user).encode() in response.content


@pytest.mark.django_db
def test_anonymous_pages_set_no_csrf_cookie():
    OrganisationFactory(name="Epsilon AB")

    response = Client().get("/organisationer/")

    assert "csrftoken" not in response.cookies
