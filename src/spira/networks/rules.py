"""Who may do what with networks, hubs and programmes. Lists use the matching `visible_to`."""

import rules

from spira.core.permissions import is_authenticated, is_platform_admin
from spira.networks.choices import WhoMayBook
from spira.organisations.choices import MembershipRole
from spira.organisations.rules import roles_in


def _network_of(obj):
    """The network an object belongs to (a network is its own)."""
    from spira.networks.models import BookableResource, Booking, Network

    if isinstance(obj, Network):
        return obj
    if isinstance(obj, Booking):
        return obj.resource.location.network
    if isinstance(obj, BookableResource):
        return obj.location.network
    return getattr(obj, "network", None)


@rules.predicate
def is_network_manager(user, obj) -> bool:
    from spira.networks.queries import managed_network_ids

    network = _network_of(obj)
    return network is not None and network.pk in managed_network_ids(user)


@rules.predicate
def is_network_member(user, obj) -> bool:
    from spira.networks.queries import networks_of_user

    network = _network_of(obj)
    return network is not None and network.pk in networks_of_user(user)


@rules.predicate
def may_book(user, resource) -> bool:
    if resource is None or not resource.is_active:
        return False
    if resource.who_may_book == WhoMayBook.MANAGERS:
        return is_network_manager(user, resource)
    return is_network_member(user, resource)


@rules.predicate
def is_booker(user, booking) -> bool:
    return bool(user and user.is_authenticated and booking is not None and booking.booked_by_id == user.pk)


@rules.predicate
def belongs_to_organisation(user, record) -> bool:
    return record is not None and bool(roles_in(user, record.organisation_id))


@rules.predicate
def coordinates_organisation(user, record) -> bool:
    return record is not None and bool(
        roles_in(user, record.organisation_id) & {MembershipRole.ADMIN, MembershipRole.COORDINATOR}
    )


manages = is_network_manager | is_platform_admin
members_area = is_network_member | manages

rules.add_perm("networks.view_network", rules.always_allow)
rules.add_perm("networks.add_network", is_authenticated)
rules.add_perm("networks.change_network", manages)
rules.add_perm("networks.delete_network", is_platform_admin)
rules.add_perm("networks.manage_members", manages)
rules.add_perm("networks.view_members_area", members_area)
rules.add_perm("networks.view_networkpost", members_area)
rules.add_perm("networks.add_networkpost", members_area)
rules.add_perm("networks.view_networkdocument", members_area)
rules.add_perm("networks.add_networkdocument", members_area)
rules.add_perm("networks.view_programme_overview", manages)
rules.add_perm("networks.book_resource", may_book | (is_platform_admin & is_authenticated))
rules.add_perm("networks.view_booking", is_booker | manages)
rules.add_perm("networks.cancel_booking", is_booker | manages)
rules.add_perm("networks.change_booking", is_booker | manages)
rules.add_perm("networks.view_needsassessment", belongs_to_organisation | manages)
rules.add_perm("networks.change_needsassessment", coordinates_organisation | manages)
rules.add_perm("networks.view_programmeplan", belongs_to_organisation | manages)
rules.add_perm("networks.change_programmeplan", coordinates_organisation | manages)
rules.add_perm("networks.view_networkmembership", rules.always_allow)
rules.add_perm("networks.view_hublocation", rules.always_allow)
rules.add_perm("networks.view_bookableresource", rules.always_allow)
rules.add_perm("networks.view_programmemodule", rules.always_allow)
