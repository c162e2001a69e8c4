"""Who may do what with accounts and API tokens.

A person manages their own account; platform administrators may also change and erase accounts and
give platform roles. API tokens are private to their owner, administrators included.
"""

import rules

from spira.core.permissions import is_platform_admin


@rules.predicate
def is_self(user, target) -> bool:
    return bool(user and user.is_authenticated and target is not None and user.pk == target.pk)


@rules.predicate
def is_token_owner(user, token) -> bool:
    return bool(user and user.is_authenticated and token is not None and token.user_id == user.pk)


rules.add_perm("accounts.view_user", is_self | is_platform_admin)
rules.add_perm("accounts.change_user", is_self | is_platform_admin)
rules.add_perm("accounts.erase_user", is_self | is_platform_admin)
rules.add_perm("accounts.set_platform_role", is_platform_admin)
# The object of add_apitoken is the user who will own the token.
rules.add_perm("accounts.add_apitoken", is_self)
rules.add_perm("accounts.view_apitoken", is_token_owner)
rules.add_perm("accounts.change_apitoken", is_token_owner)
