"""Who may do what with solutions and adoptions.

Solutions and adoptions are public records (everyone may view them; `visible_to` returns every
row). Members of the owning organisation manage a solution; members of an organisation register
and manage its adoptions; each party (adopter, source) confirms for itself.
"""

import rules

from spira.core.permissions import is_authenticated, is_moderator
from spira.organisations.rules import roles_in


@rules.predicate
def is_owner_member(user, solution) -> bool:
    return solution is not None and bool(roles_in(user, solution.owner_id))


@rules.predicate
def is_adopter_member(user, adoption) -> bool:
    return adoption is not None and bool(roles_in(user, adoption.adopter_id))


@rules.predicate
def is_source_member(user, adoption) -> bool:
    return adoption is not None and bool(roles_in(user, adoption.source_id))


@rules.predicate
def is_member_of(user, organisation) -> bool:
    return organisation is not None and bool(roles_in(user, organisation))


@rules.predicate
def belongs_to_an_organisation(user) -> bool:
    return bool(user and user.is_authenticated and user.memberships.exists())


rules.add_perm("spread.view_solution", rules.always_allow)
rules.add_perm("spread.add_solution", belongs_to_an_organisation | is_moderator)
rules.add_perm("spread.share_for_organisation", is_authenticated & (is_member_of | is_moderator))
rules.add_perm("spread.change_solution", is_owner_member | is_moderator)
rules.add_perm("spread.delete_solution", is_moderator)
rules.add_perm("spread.import_publiccode", belongs_to_an_organisation | is_moderator)

rules.add_perm("spread.view_adoption", rules.always_allow)
rules.add_perm("spread.adopt_for_organisation", is_authenticated & is_member_of)
rules.add_perm("spread.change_adoption", is_adopter_member | is_moderator)
rules.add_perm("spread.confirm_adoption", is_adopter_member | is_source_member)
rules.add_perm("spread.delete_adoption", is_moderator)
