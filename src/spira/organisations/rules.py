"""Who may do what with organisations and memberships."""

import rules

from spira.core.permissions import is_authenticated, is_moderator, is_platform_admin
from spira.organisations.choices import MembershipRole


def roles_in(user, organisation) -> set[str]:
    """The user's roles in `organisation`, cached on the user object for the request."""
    if not user or not user.is_authenticated or organisation is None:
        return set()
    cache = user.__dict__.setdefault("_spira_roles", None)
    if cache is None:
        cache = {}
        # order_by(): Membership's default ordering would join the organisations for nothing.
        for org_id, role in user.memberships.order_by().values_list("organisation_id", "role"):
            cache.setdefault(org_id, set()).add(role)
        user.__dict__["_spira_roles"] = cache
    return cache.get(organisation.pk if hasattr(organisation, "pk") else organisation, set())


def forget_roles(user) -> None:
    user.__dict__.pop("_spira_roles", None)


@rules.predicate
def is_member(user, organisation) -> bool:
    return bool(roles_in(user, organisation))


@rules.predicate
def is_coordinator(user, organisation) -> bool:
    return bool(roles_in(user, organisation) & {MembershipRole.COORDINATOR, MembershipRole.ADMIN})


@rules.predicate
def is_org_admin(user, organisation) -> bool:
    return MembershipRole.ADMIN in roles_in(user, organisation)


rules.add_perm("organisations.view_organisation", rules.always_allow)
rules.add_perm("organisations.add_organisation", is_authenticated)
rules.add_perm("organisations.change_organisation", is_org_admin | is_platform_admin)
rules.add_perm("organisations.delete_organisation", is_platform_admin)
rules.add_perm("organisations.manage_members", is_org_admin | is_platform_admin)
# Who belongs where is shown to people with an account, not to anonymous visitors (personal data).
rules.add_perm("organisations.view_members", is_authenticated)
rules.add_perm("organisations.moderate", is_moderator)
