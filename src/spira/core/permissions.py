"""Permission helpers every app builds on.

Single objects are answered by `rules` predicates (`user.has_perm("app.change_model", obj)`), lists
by a `visible_to(user)` queryset method. The two must agree; `spira.core.testing.permissions`
checks that for each model.
"""

import rules
from django.db import models


@rules.predicate
def is_authenticated(user) -> bool:
    return bool(user and user.is_authenticated)


@rules.predicate
def is_platform_admin(user) -> bool:
    return bool(
        user and user.is_authenticated and (user.is_superuser or user.platform_role == "administrator")
    )


@rules.predicate
def is_moderator(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and (user.is_superuser or user.platform_role in {"moderator", "administrator"})
    )


class VisibleQuerySet(models.QuerySet):
    """Querysets of models with restricted visibility implement `visible_to`."""

    def visible_to(self, user) -> models.QuerySet:
        raise NotImplementedError


class PublicQuerySet(VisibleQuerySet):
    """For models whose every row is public (reference data, organisations)."""

    def visible_to(self, user) -> models.QuerySet:
        return self.all()
