"""Networks, their members and people, and the members' area."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spira.core.activity import apply_changes, log_action
from spira.networks.choices import MemberRole, MembershipPlan, NetworkKind, PersonRole
from spira.networks.models import Network, NetworkDocument, NetworkMembership, NetworkPerson, NetworkPost
from spira.networks.queries import forget_networks, member_network_tree
from spira.networks.services.common import check_fields, check_length, require, text, unique_slug
from spira.organisations.choices import MembershipRole
from spira.organisations.rules import roles_in

NETWORK_FIELDS = [
    "kind",
    "name",
    "name_en",
    "description",
    "description_en",
    "coordinator",
    "website",
    "open_to_join",
    "event_series",
]
# Path segments under /natverk/ that a network's slug must not take.
RESERVED_SLUGS = frozenset({"ny", "new", "mina-bokningar", "bokningar", "organisation"})


def _clean_network(network: Network) -> None:
    try:
        network.full_clean(exclude=["slug"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from error


@transaction.atomic
def create_network(actor, **values) -> Network:
    """Start a network; the creator becomes its administrator."""
    if not actor.has_perm("networks.add_network"):
        raise PermissionDenied
    check_fields(values, NETWORK_FIELDS)
    require(values, "name", _("Give the network a name."))
    if values.get("kind") not in NetworkKind.values:
        raise ValidationError({"kind": _("Choose what kind of network this is.")})
    values["name"] = text(values["name"])
    network = Network(
        slug=unique_slug(Network.objects.all(), values["name"], "natverk", RESERVED_SLUGS),
        created_by=actor,
        **values,
    )
    _clean_network(network)
    network.save()
    log_action(actor, "networks.network.created", network)
    NetworkPerson.objects.create(network=network, user=actor, role=PersonRole.ADMIN)
    forget_networks(actor)
    return network


@transaction.atomic
def update_network(actor, network: Network, **values) -> Network:
    if not actor.has_perm("networks.change_network", network):
        raise PermissionDenied
    check_fields(values, NETWORK_FIELDS)
    if "name" in values:
        require(values, "name", _("Give the network a name."))
    changes = apply_changes(network, values, NETWORK_FIELDS, _clean_network)
    if changes:
        network.save()
        log_action(actor, "networks.network.updated", network, changes=changes)
    return network


def _check_period(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The membership cannot end before it starts.")})


def _check_role(role: str, plan: str) -> None:
    if role not in MemberRole.values:
        raise ValidationError({"role": _("Unknown role.")})
    if plan not in MembershipPlan.values:
        raise ValidationError({"plan": _("Unknown membership plan.")})


def _check_cluster(network: Network, cluster) -> None:
    if cluster is not None and cluster.network_id != network.pk:
        raise ValidationError({"cluster": _("The cluster belongs to another programme.")})


def _create_membership(actor, network: Network, **fields) -> NetworkMembership:
    try:
        with transaction.atomic():
            membership = NetworkMembership.objects.create(network=network, **fields)
    except IntegrityError as exc:
        raise ValidationError(
            {"organisation": _("This organisation is already a member of the network.")}
        ) from exc
    member = membership.member
    log_action(
        actor,
        "networks.membership.added",
        network,
        data={"member": str(member), "role": membership.role, "plan": membership.plan},
    )
    forget_networks(actor)
    return membership


@transaction.atomic
def add_member(
    actor,
    network: Network,
    organisation,
    role: str = MemberRole.MEMBER,
    *,
    plan: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    cluster=None,
) -> NetworkMembership:
    """A manager makes an organisation a member of the network."""
    if not actor.has_perm("networks.manage_members", network):
        raise PermissionDenied
    _check_role(role, plan)
    _check_period(starts_on, ends_on)
    _check_cluster(network, cluster)
    if network.memberships.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("This organisation is already a member of the network.")})
    return _create_membership(
        actor,
        network,
        organisation=organisation,
        role=role,
        plan=plan,
        starts_on=starts_on,
        ends_on=ends_on,
        cluster=cluster,
    )


@transaction.atomic
def add_member_network(
    actor, network: Network, member: Network, role: str = MemberRole.MEMBER, *, starts_on=None, ends_on=None
) -> NetworkMembership:
    """Make a network a member of another (the six platforms are NATSAM's members). A network
    cannot be a member of itself, directly or through a chain of memberships."""
    if not actor.has_perm("networks.manage_members", network):
        raise PermissionDenied
    _check_role(role, "")
    _check_period(starts_on, ends_on)
    # Lock the parent so that two managers cannot close a cycle at the same moment.
    Network.objects.select_for_update().filter(pk=network.pk).first()
    if member.pk == network.pk:
        raise ValidationError({"member_network": _("A network cannot be a member of itself.")})
    if network.pk in member_network_tree(member):
        raise ValidationError(
            {
                "member_network": _(
                    "%(network)s is already a member of %(member)s (perhaps through other networks): "
                    "the membership would go round in a circle."
                )
                % {"network": network.display_name, "member": member.display_name}
            }
        )
    if network.memberships.filter(member_network=member).exists():
        raise ValidationError({"member_network": _("This network is already a member.")})
    return _create_membership(
        actor, network, member_network=member, role=role, starts_on=starts_on, ends_on=ends_on
    )


@transaction.atomic
def join_network(
    actor, network: Network, organisation, *, plan: str = "", starts_on: date | None = None
) -> NetworkMembership:
    """An administrator or coordinator of an organisation makes it a member of a network that is
    open to join (a coworking hub), with a membership plan, from `starts_on` (today by default)."""
    if not actor.is_authenticated:
        raise PermissionDenied
    if not roles_in(actor, organisation) & {MembershipRole.ADMIN, MembershipRole.COORDINATOR}:
        raise PermissionDenied(_("Only administrators and coordinators of the organisation can join for it."))
    if not network.open_to_join:
        raise ValidationError(
            {"__all__": _("This network takes new members through its coordinators; contact them.")}
        )
    if plan not in MembershipPlan.values or (network.is_hub and not plan):
        raise ValidationError({"plan": _("Choose a membership plan.")})
    existing = network.memberships.filter(organisation=organisation).first()
    if existing is not None and existing.is_current:
        raise ValidationError({"organisation": _("This organisation is already a member of the network.")})
    starts_on = starts_on or timezone.localdate()
    if existing is not None:
        existing.plan, existing.starts_on, existing.ends_on = plan, starts_on, None
        existing.save(update_fields=["plan", "starts_on", "ends_on", "updated_at"])
        log_action(
            actor, "networks.membership.added", network, data={"member": str(organisation), "plan": plan}
        )
        forget_networks(actor)
        return existing
    return _create_membership(
        actor, network, organisation=organisation, role=MemberRole.MEMBER, plan=plan, starts_on=starts_on
    )


@transaction.atomic
def end_membership(actor, membership: NetworkMembership, ends_on: date | None = None) -> NetworkMembership:
    """End a membership (kept for the record): by a manager, or by the member organisation's admins."""
    network = membership.network
    own = membership.organisation_id and roles_in(actor, membership.organisation_id) & {
        MembershipRole.ADMIN,
        MembershipRole.COORDINATOR,
    }
    if not own and not actor.has_perm("networks.manage_members", network):
        raise PermissionDenied
    ends_on = ends_on or timezone.localdate()
    _check_period(membership.starts_on, ends_on)
    old = membership.ends_on
    membership.ends_on = ends_on
    membership.save(update_fields=["ends_on", "updated_at"])
    log_action(
        actor,
        "networks.membership.ended",
        network,
        changes={"ends_on": [old.isoformat() if old else None, ends_on.isoformat()]},
        data={"member": str(membership.member)},
    )
    forget_networks(actor)
    return membership


@transaction.atomic
def add_person(actor, network: Network, user, role: str, title: str = "") -> NetworkPerson:
    """Give a person a role in the network: administrator, community manager or contact."""
    if not actor.has_perm("networks.manage_members", network):
        raise PermissionDenied
    if role not in PersonRole.values:
        raise ValidationError({"role": _("Unknown role.")})
    title = text(title)
    check_length(title, "title", 150)
    person, created = NetworkPerson.objects.get_or_create(
        network=network, user=user, role=role, defaults={"title": title}
    )
    if created:
        log_action(actor, "networks.person.added", network, data={"user_id": user.pk, "role": role})
        forget_networks(user)
    return person


@transaction.atomic
def add_post(actor, network: Network, title: str, body: str) -> NetworkPost:
    """A post in the members' area."""
    if not actor.has_perm("networks.add_networkpost", network):
        raise PermissionDenied(_("Only the network's members can write in the members' area."))
    title, body = text(title), str(body or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Give the post a title.")
    elif len(title) > 200:
        errors["title"] = _("Write at most %(count)d characters.") % {"count": 200}
    if not body:
        errors["body"] = _("Write something.")
    elif len(body) > 20_000:
        errors["body"] = _("Write at most %(count)d characters.") % {"count": 20_000}
    if errors:
        raise ValidationError(errors)
    post = NetworkPost.objects.create(network=network, author=actor, title=title, body=body)
    log_action(actor, "networks.post.created", network, data={"post_id": post.pk, "title": title})
    return post


@transaction.atomic
def add_document(actor, network: Network, title: str, url: str, description: str = "") -> NetworkDocument:
    """A document shared in the members' area (a link to where it is kept)."""
    if not actor.has_perm("networks.add_networkdocument", network):
        raise PermissionDenied(_("Only the network's members can share documents here."))
    document = NetworkDocument(
        network=network,
        added_by=actor,
        title=text(title),
        url=text(url),
        description=str(description or "").strip(),
    )
    try:
        document.full_clean(exclude=["network", "added_by"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from error
    document.save()
    log_action(
        actor, "networks.document.added", network, data={"document_id": document.pk, "title": document.title}
    )
    return document
