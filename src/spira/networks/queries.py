"""Reusable reads for networks: who belongs where (cached per request on the user), and what each
page needs in a fixed number of queries."""

from django.db.models import Count, Prefetch, Q, QuerySet

from spira.networks.choices import MANAGER_ROLES
from spira.networks.models import (
    Booking,
    HubLocation,
    Network,
    NetworkMembership,
    NetworkPerson,
    OpeningHours,
    PlanModule,
    ProgrammePlan,
    current_q,
)
from spira.organisations.choices import MembershipRole


def _cached(user, key: str, compute):
    if not user or not user.is_authenticated:
        return frozenset()
    value = user.__dict__.get(key)
    if value is None:
        value = frozenset(compute(user))
        user.__dict__[key] = value
    return value


def forget_networks(user) -> None:
    for key in ("_spira_managed_networks", "_spira_networks"):
        user.__dict__.pop(key, None)


def _own_organisation_ids(user) -> set[int]:
    return set(user.memberships.order_by().values_list("organisation_id", flat=True))


def _managed(user) -> set[int]:
    direct = set(
        NetworkPerson.objects.filter(user=user, role__in=MANAGER_ROLES).values_list("network_id", flat=True)
    )
    coordinating = set(
        user.memberships.filter(role__in=[MembershipRole.ADMIN, MembershipRole.COORDINATOR])
        .order_by()
        .values_list("organisation_id", flat=True)
    )
    if coordinating:
        direct |= set(Network.objects.filter(coordinator_id__in=coordinating).values_list("pk", flat=True))
    return direct


def managed_network_ids(user) -> frozenset[int]:
    """Networks the user manages: as their administrator or community manager, or as an
    administrator or coordinator of the coordinating organisation."""
    return _cached(user, "_spira_managed_networks", _managed)


def parent_network_ids(network_ids: set[int]) -> set[int]:
    """The networks that `network_ids` are (currently) members of, transitively."""
    found: set[int] = set()
    frontier = set(network_ids)
    while frontier:
        parents = set(
            NetworkMembership.objects.filter(current_q(), member_network_id__in=frontier).values_list(
                "network_id", flat=True
            )
        )
        frontier = parents - found - set(network_ids)
        found |= parents
    return found


def _member_of(user) -> set[int]:
    organisations = _own_organisation_ids(user)
    direct = set(
        NetworkMembership.objects.filter(current_q(), organisation_id__in=organisations).values_list(
            "network_id", flat=True
        )
    )
    direct |= managed_network_ids(user)
    return direct | parent_network_ids(direct)


def networks_of_user(user) -> frozenset[int]:
    """Networks whose members' area the user may enter: through a current membership of one of
    their organisations (also through a member network), or as a manager."""
    return _cached(user, "_spira_networks", _member_of)


def member_network_tree(network: Network) -> set[int]:
    """Every network inside `network` (its member networks, theirs, ...), any period."""
    found: set[int] = set()
    frontier = {network.pk}
    while frontier:
        children = set(
            NetworkMembership.objects.filter(
                network_id__in=frontier, member_network__isnull=False
            ).values_list("member_network_id", flat=True)
        )
        frontier = children - found
        found |= children
    return found


def network_list_queryset() -> QuerySet[Network]:
    return (
        Network.objects.select_related("coordinator")
        .annotate(member_count=Count("memberships", filter=current_q("memberships__"), distinct=True))
        .order_by("name", "pk")
    )


def network_detail_queryset() -> QuerySet[Network]:
    return Network.objects.select_related("coordinator", "event_series")


def membership_queryset(network: Network) -> QuerySet[NetworkMembership]:
    """The member directory: current members, organisations and member networks, by name."""
    return (
        network.memberships.current()
        .select_related("organisation", "organisation__county", "member_network", "cluster")
        .order_by("role", "organisation__name", "member_network__name")
    )


def people_queryset(network: Network) -> QuerySet[NetworkPerson]:
    return network.people.select_related("user").order_by("role", "user__display_name")


def location_queryset(network: Network) -> QuerySet[HubLocation]:
    return (
        network.locations.select_related("community_manager", "municipality")
        .prefetch_related(
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday")),
            "resources",
        )
        .order_by("name")
    )


def bookings_between(resource, starts_at, ends_at) -> QuerySet[Booking]:
    return (
        resource.bookings.confirmed()
        .filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
        .select_related("organisation")
    )


def plan_queryset() -> QuerySet[ProgrammePlan]:
    return ProgrammePlan.objects.select_related("organisation", "network").prefetch_related(
        Prefetch(
            "plan_modules",
            queryset=PlanModule.objects.select_related("module").prefetch_related("milestones"),
        )
    )


def initiatives_of_members(network: Network, user):
    """Initiatives the member organisations coordinate or take part in, visible to the user."""
    from spira.initiatives.models import Initiative, InitiativeOrganisation

    organisations = (
        NetworkMembership.objects.filter(
            current_q(), Q(network=network) | Q(network_id__in=member_network_tree(network))
        )
        .exclude(organisation__isnull=True)
        .values("organisation_id")
    )
    taking_part = InitiativeOrganisation.objects.filter(organisation_id__in=organisations).values(
        "initiative_id"
    )
    return (
        Initiative.objects.visible_to(user)
        .filter(Q(coordinator_id__in=organisations) | Q(pk__in=taking_part))
        .select_related("coordinator")
        .order_by("-published_at", "-pk")
    )


def count_for_organisation(organisation, user=None) -> int:
    """The number on the organisation page's networks tab."""
    return NetworkMembership.objects.current().filter(organisation=organisation).count()


def activity_series(network: Network) -> list:
    """The event series whose activities are the network's: its own series of member activities,
    and the series of its coordinator and of its host organisations (a hub's places)."""
    from spira.events.models import EventSeries

    owners = set(
        network.memberships.current()
        .filter(role="host", organisation__isnull=False)
        .values_list("organisation_id", flat=True)
    )
    if network.coordinator_id:
        owners.add(network.coordinator_id)
    series = Q(owner_id__in=owners)
    if network.event_series_id:
        series |= Q(pk=network.event_series_id)
    return list(EventSeries.objects.filter(series).order_by("starts_on", "pk"))
