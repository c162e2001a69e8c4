import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client, RequestFactory

from spira.accounts.tests.factories import UserFactory
from spira.core.cache import bump_content_version, cache_public_page
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


def _counting_view(version):
    """A view that says how often it ran, cached with its own version."""
    calls = []

    @cache_public_page(version=version)
    def view(request):
        calls.append(request.path)
        return HttpResponse(f"rendered {len(calls)} times")

    return view


def _anonymous_get(path: str):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    return request


@pytest.mark.django_db
def test_a_page_with_its_own_version_stays_cached_through_other_changes():
    versions = {"page": "programme:1"}
    view = _counting_view(lambda request: versions["page"])

    first = view(_anonymous_get("/program/")).content
    bump_content_version()
    second = view(_anonymous_get("/program/")).content
    versions["page"] = "programme:2"
    third = view(_anonymous_get("/program/")).content

    assert (first, second, third) == (b"rendered 1 times", b"rendered 1 times", b"rendered 2 times")


@pytest.mark.django_db
def test_a_page_whose_version_is_none_is_not_cached():
    view = _counting_view(lambda request: None)

    view(_anonymous_get("/program/"))
    second = view(_anonymous_get("/program/")).content

    assert second == b"rendered 2 times"


@pytest.mark.django_db
def test_deferred_bumps_bump_each_version_once_at_the_end_of_the_block():
    from django.core.cache import cache

    from spira.core.cache import VERSION_KEY, content_version, deferred_bumps

    before = content_version()
    with deferred_bumps():
        with deferred_bumps():  # nested: still once, at the end of the outer block
            for number in range(5):
                OrganisationFactory(name=f"Organisation {number}")
        assert cache.get(VERSION_KEY) == before
    after_block = content_version()
    OrganisationFactory(name="Utanför blocket")

    assert (after_block, content_version()) == (before + 1, before + 2)


@pytest.mark.django_db
def test_a_failing_block_still_bumps():
    from spira.core.cache import content_version, deferred_bumps

    before = content_version()

    def half_done():
        with deferred_bumps():
            OrganisationFactory(name="Halvvägs")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        half_done()

    assert content_version() == before + 1
