"""Every write to organisations and memberships goes through these functions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from spira.core.activity import diff, log_action, snapshot
from spira.organisations.choices import MembershipRole, OrganisationKind
from spira.organisations.models import Membership, Organisation
from spira.organisations.rules import forget_roles
from spira.organisations.validators import normalise_org_number

EDITABLE_FIELDS = [
    "name",
    "name_en",
    "full_name",
    "short_name",
    "kind",
    "org_number",
    "county",
    "website",
    "city",
    "description",
    "description_en",
    "parent",
]
# Official facts of reference organisations come from the registers, not from users.
REFERENCE_FIELDS = {"name", "full_name", "kind", "org_number", "municipality_code", "county"}


def unique_slug(name: str) -> str:
    base = slugify(name)[:110] or "organisation"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _clean(values: dict) -> dict:
    values = dict(values)
    if values.get("org_number"):
        values["org_number"] = normalise_org_number(values["org_number"])
    else:
        values.pop("org_number", None)
    return values


@transaction.atomic
def create_organisation(actor, **values) -> Organisation:
    """Register an organisation that is not in the reference data (a company, a network, ...).

    The creator becomes its administrator.
    """
    if not actor.has_perm("organisations.add_organisation"):
        raise PermissionDenied
    values = _clean(values)
    if values.get("kind") in {OrganisationKind.MUNICIPALITY, OrganisationKind.REGION}:
        raise ValidationError({"kind": _("Municipalities and regions come from the official registers.")})
    if values.get("org_number") and Organisation.objects.filter(org_number=values["org_number"]).exists():
        raise ValidationError(
            {"org_number": _("An organisation with this organisation number already exists.")}
        )
    organisation = Organisation(slug=unique_slug(values.get("name", "")), **values)
    organisation.full_clean()
    organisation.save()
    log_action(actor, "organisations.organisation.created", organisation)
    if actor.is_authenticated:
        add_membership(actor, organisation, actor, MembershipRole.ADMIN, check=False)
    return organisation


@transaction.atomic
def update_organisation(actor, organisation: Organisation, **values) -> Organisation:
    if not actor.has_perm("organisations.change_organisation", organisation):
        raise PermissionDenied
    if organisation.is_reference and REFERENCE_FIELDS & set(values):
        raise ValidationError(
            {
                name: _("This fact comes from the official registers.")
                for name in REFERENCE_FIELDS & set(values)
            }
        )
    values = _clean(values)
    before = snapshot(organisation, EDITABLE_FIELDS)
    for name, value in values.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    changes = diff(before, snapshot(organisation, EDITABLE_FIELDS))
    if changes:
        organisation.save()
        log_action(actor, "organisations.organisation.updated", organisation, changes=changes)
    return organisation


@transaction.atomic
def add_membership(actor, organisation: Organisation, user, role: str = MembershipRole.MEMBER, *, check=True):
    """Give `user` a role in `organisation` (or change the role they have)."""
    if check and not actor.has_perm("organisations.manage_members", organisation):
        raise PermissionDenied
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Unknown role.")})
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    if not created and membership.role != role:
        old = membership.role
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
        log_action(
            actor,
            "organisations.membership.changed",
            organisation,
            changes={"role": [old, role]},
            data={"user_id": user.pk},
        )
    elif created:
        log_action(
            actor, "organisations.membership.added", organisation, data={"user_id": user.pk, "role": role}
        )
    forget_roles(user)
    return membership


@transaction.atomic
def remove_membership(actor, membership: Membership) -> None:
    organisation = membership.organisation
    if actor != membership.user and not actor.has_perm("organisations.manage_members", organisation):
        raise PermissionDenied
    admins = organisation.memberships.filter(role=MembershipRole.ADMIN)
    if membership.role == MembershipRole.ADMIN and admins.count() == 1 and not organisation.is_reference:
        raise ValidationError(_("An organisation needs at least one administrator."))
    log_action(actor, "organisations.membership.removed", organisation, data={"user_id": membership.user_id})
    membership.delete()
    forget_roles(membership.user)
