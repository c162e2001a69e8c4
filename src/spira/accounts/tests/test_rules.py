"""The rules for one token and `visible_to` for lists agree."""

import pytest

from spira.accounts.models import ApiToken
from spira.accounts.tests.factories import ApiTokenFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_token_rules_and_visible_to_agree_for_owner_stranger_administrator_and_anonymous():
    from django.contrib.auth.models import AnonymousUser

    owner = UserFactory()
    tokens = [*ApiTokenFactory.create_batch(2, user=owner), ApiTokenFactory()]
    people = [owner, UserFactory(), UserFactory(platform_role="administrator"), AnonymousUser()]

    for person in people:
        visible = set(ApiToken.objects.visible_to(person))
        allowed = {token for token in tokens if person.has_perm("accounts.view_apitoken", token)}
        assert visible == allowed


def test_people_may_change_only_their_own_account_unless_administrator():
    user, other, admin = UserFactory(), UserFactory(), UserFactory(platform_role="administrator")

    assert user.has_perm("accounts.change_user", user) is True
    assert user.has_perm("accounts.change_user", other) is False
    assert admin.has_perm("accounts.change_user", other) is True
    assert admin.has_perm("accounts.add_apitoken", other) is False
