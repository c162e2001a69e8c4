"""The rules and visible_to agree for every kind of user (solutions and adoptions are public)."""

import pytest

from spira.spread.models import Adoption, Solution
from spira.spread.tests.factories import AdoptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(owner_member, adopter_member, moderator, outsider):
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonymous": AnonymousUser(),
        "outsider": outsider,
        "owner member": owner_member,
        "adopter member": adopter_member,
        "moderator": moderator,
    }


@pytest.mark.parametrize("who", ["anonymous", "outsider", "owner member", "adopter member", "moderator"])
def test_view_rules_agree_with_visible_to(users, who, solution, ostersund):
    user = users[who]
    adoption = AdoptionFactory(solution=solution, adopter=ostersund)

    for model, obj in ((Solution, solution), (Adoption, adoption)):
        visible = set(model.objects.visible_to(user).values_list("pk", flat=True))
        perm = f"spread.view_{model._meta.model_name}"
        assert (obj.pk in visible) == user.has_perm(perm, obj)


@pytest.mark.parametrize(
    ("who", "change_solution", "change_adoption", "confirm"),
    [
        ("anonymous", False, False, False),
        ("outsider", False, False, False),
        ("owner member", True, False, True),
        ("adopter member", False, True, True),
        ("moderator", True, True, False),
    ],
)
def test_permission_matrix(users, who, change_solution, change_adoption, confirm, solution, ostersund):
    user = users[who]
    adoption = AdoptionFactory(solution=solution, adopter=ostersund)

    assert user.has_perm("spread.change_solution", solution) == change_solution
    assert user.has_perm("spread.change_adoption", adoption) == change_adoption
    assert user.has_perm("spread.confirm_adoption", adoption) == confirm
