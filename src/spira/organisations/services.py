"""Every write to organisations and memberships goes through these functions.

Each one checks permission (PermissionDenied) and the rules of the change (ValidationError with a
dict of field → message), saves, and writes the activity log. Views, the API and commands call them.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from spira.core.activity import apply_changes, log_action
from spira.organisations.choices import REGISTRABLE_KINDS, MembershipRole
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
REFERENCE_FIELDS = frozenset({"name", "full_name", "kind", "org_number", "municipality_code", "county"})
# Path segments under /organisationer/ that a slug must not take.
RESERVED_SLUGS = frozenset({"registrera", "ny", "new"})


def unique_slug(name: str, exclude_pk=None) -> str:
    base = slugify(name)[:110] or "organisation"
    slug, number = base, 2
    others = Organisation.objects.exclude(pk=exclude_pk) if exclude_pk else Organisation.objects.all()
    while slug in RESERVED_SLUGS or others.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _check_fields(values: dict) -> None:
    unknown = sorted(set(values) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in unknown})


def _normalise_org_number(values: dict) -> dict:
    values = dict(values)
    if "org_number" in values:
        raw = values["org_number"]
        if raw in (None, "") or (isinstance(raw, str) and not raw.strip()):
            values["org_number"] = None
        else:
            try:
                values["org_number"] = normalise_org_number(raw)
            except ValidationError as exc:
                raise ValidationError({"org_number": exc.messages}) from exc
    return values


def _check_org_number_free(org_number: str | None, exclude_pk=None) -> None:
    if not org_number:
        return
    taken = Organisation.objects.filter(org_number=org_number)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError(
            {"org_number": _("An organisation with this organisation number already exists.")}
        )


def _save(organisation: Organisation) -> None:
    """Save in a savepoint so that a lost race on a unique field is a ValidationError, not a 500."""
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"org_number": _("An organisation with this organisation number already exists.")}
        ) from exc


@transaction.atomic
def create_organisation(actor, **values) -> Organisation:
    """Register an organisation that is not in the reference data (a company, a network, ...).

    Municipalities, regions and agencies come only from the registers (`load_reference`). The
    creator becomes the organisation's administrator.
    """
    if not actor.has_perm("organisations.add_organisation"):
        raise PermissionDenied
    _check_fields(values)
    values = _normalise_org_number(values)
    if not values.get("kind"):
        raise ValidationError({"kind": _("Choose what kind of organisation this is.")})
    if values["kind"] not in REGISTRABLE_KINDS:
        raise ValidationError(
            {"kind": _("Municipalities, regions and government agencies come from the official registers.")}
        )
    _check_org_number_free(values.get("org_number"))
    organisation = Organisation(slug=unique_slug(values.get("name") or ""), **values)
    organisation.full_clean()
    _save(organisation)
    log_action(actor, "organisations.organisation.created", organisation)
    add_membership(actor, organisation, actor, MembershipRole.ADMIN, check=False)
    return organisation


@transaction.atomic
def update_organisation(actor, organisation: Organisation, **values) -> Organisation:
    """Change an organisation's details. For reference organisations the official facts
    (REFERENCE_FIELDS) cannot change; values equal to the current ones are accepted."""
    if not actor.has_perm("organisations.change_organisation", organisation):
        raise PermissionDenied
    _check_fields(values)
    values = _normalise_org_number(values)
    changed = {name for name, value in values.items() if getattr(organisation, name) != value}
    if organisation.is_reference and REFERENCE_FIELDS & changed:
        raise ValidationError(
            {name: _("This fact comes from the official registers.") for name in REFERENCE_FIELDS & changed}
        )
    if "kind" in changed and values["kind"] not in REGISTRABLE_KINDS:
        raise ValidationError(
            {"kind": _("Municipalities, regions and government agencies come from the official registers.")}
        )
    if "parent" in changed and values["parent"] is not None and values["parent"].pk == organisation.pk:
        raise ValidationError({"parent": _("An organisation cannot be part of itself.")})
    if "org_number" in changed:
        _check_org_number_free(values["org_number"], exclude_pk=organisation.pk)
    changes = apply_changes(organisation, values, EDITABLE_FIELDS, Organisation.full_clean)
    if changes:
        _save(organisation)
        log_action(actor, "organisations.organisation.updated", organisation, changes=changes)
    return organisation


def _is_last_admin(membership: Membership) -> bool:
    if membership.role != MembershipRole.ADMIN or membership.organisation.is_reference:
        # Reference organisations exist without any admin on Spira; platform admins manage them.
        return False
    others = membership.organisation.memberships.filter(role=MembershipRole.ADMIN).exclude(pk=membership.pk)
    return not others.exists()


@transaction.atomic
def add_membership(
    actor, organisation: Organisation, user, role: str = MembershipRole.MEMBER, *, check: bool = True
) -> Membership:
    """Give `user` a role in `organisation`, or change the role they already have.

    `check=False` is for other services that have already decided (the creator of an
    organisation becomes its administrator).
    """
    if check and not actor.has_perm("organisations.manage_members", organisation):
        raise PermissionDenied
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Unknown role.")})
    if not user.is_active:
        raise ValidationError({"user": _("This account is not active.")})
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    if membership is not None:
        return change_membership_role(actor, membership, role, check=False)
    membership = Membership.objects.create(user=user, organisation=organisation, role=role)
    log_action(actor, "organisations.membership.added", organisation, data={"user_id": user.pk, "role": role})
    forget_roles(user)
    return membership


@transaction.atomic
def change_membership_role(actor, membership: Membership, role: str, *, check: bool = True) -> Membership:
    """Change a member's role; an organisation keeps at least one administrator."""
    organisation = membership.organisation
    if check and not actor.has_perm("organisations.manage_members", organisation):
        raise PermissionDenied
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Unknown role.")})
    if membership.role == role:
        return membership
    if _is_last_admin(membership):
        raise ValidationError({"role": _("An organisation needs at least one administrator.")})
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    log_action(
        actor,
        "organisations.membership.changed",
        organisation,
        changes={"role": [old, role]},
        data={"user_id": membership.user_id},
    )
    forget_roles(membership.user)
    return membership


@transaction.atomic
def remove_membership(actor, membership: Membership) -> None:
    """End a membership: an admin removes a member, or a member leaves."""
    organisation = membership.organisation
    if actor != membership.user and not actor.has_perm("organisations.manage_members", organisation):
        raise PermissionDenied
    if _is_last_admin(membership):
        raise ValidationError({"role": _("An organisation needs at least one administrator.")})
    log_action(
        actor,
        "organisations.membership.removed",
        organisation,
        data={"user_id": membership.user_id, "role": membership.role},
    )
    membership.delete()
    forget_roles(membership.user)
