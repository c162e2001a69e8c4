"""Adoptions: interest, registration, status, effect and confirmation."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spira.core.activity import apply_changes, diff, log_action, snapshot
from spira.core.notifications import notify
from spira.spread import notifications as kinds
from spira.spread.choices import (
    STATUS_DATE_FIELD,
    TRANSITIONS,
    AdoptionStatus,
)
from spira.spread.models import Adoption, Solution
from spira.spread.services.common import (
    check_fields,
    clean_text,
    clean_values,
    members_of,
    refresh_adopter_count,
)

ADOPTION_FIELDS = [
    "adaptations",
    "effect",
    "indicator",
    "indicator_unit",
    "baseline",
    "result",
]
DATE_FIELDS = ["interested_on", "pilot_started_on", "in_use_since", "discontinued_on"]


def _today() -> date:
    return timezone.localdate()


def _check_party(solution: Solution, organisation, source) -> None:
    if organisation.pk == solution.owner_id:
        raise ValidationError(
            {"organisation": _("An organisation cannot adopt its own solution. Choose another organisation.")}
        )
    if source is not None and source.pk == organisation.pk:
        raise ValidationError({"source": _("An organisation cannot learn a solution from itself.")})


def _check_dates(adoption: Adoption) -> None:
    today, errors = _today(), {}
    for name in DATE_FIELDS:
        value = getattr(adoption, name)
        if value is not None and value > today:
            errors[name] = _("A step that has happened cannot be dated in the future.")
    order = [getattr(adoption, name) for name in DATE_FIELDS[:3]]
    known = [value for value in order if value is not None]
    if known != sorted(known) and not errors:
        errors["in_use_since"] = _("The steps must be in order: interest, pilot, use.")
    if adoption.discontinued_on and known and adoption.discontinued_on < min(known) and not errors:
        errors["discontinued_on"] = _("An adoption cannot be discontinued before it started.")
    if errors:
        raise ValidationError(errors)


def _started_on(adoption: Adoption):
    dates = [getattr(adoption, name) for name in DATE_FIELDS[:3] if getattr(adoption, name)]
    return min(dates) if dates else None


def _source_for(solution: Solution, source):
    return source if source is not None else solution.owner


@transaction.atomic
def register_adoption(
    actor,
    solution: Solution,
    organisation,
    *,
    status: str = AdoptionStatus.INTERESTED,
    source=None,
    on: date | None = None,
    reason: str = "",
    **values,
) -> Adoption:
    """Record that `organisation` takes up `solution` (learned from `source`, by default the owner).

    Interest is the usual start ("We are interested", one click); an organisation that already
    uses a solution can register it directly as piloting or in use. The owner hears about it.
    """
    if not actor.has_perm("spread.adopt_for_organisation", organisation):
        raise PermissionDenied
    check_fields(values, ADOPTION_FIELDS)
    _check_party(solution, organisation, source)
    if status not in AdoptionStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses offered.")})
    if Adoption.objects.filter(solution=solution, adopter=organisation).exists():
        raise ValidationError(
            {
                "organisation": _(
                    "This organisation has already registered this solution. Update that adoption instead."
                )
            }
        )
    if status == AdoptionStatus.DISCONTINUED and not clean_text(reason):
        raise ValidationError({"reason": _("Say why the solution was discontinued.")})
    adoption = Adoption(
        solution=solution,
        adopter=organisation,
        source=_source_for(solution, source),
        status=status,
        created_by=actor if actor.is_authenticated else None,
        discontinued_reason=clean_text(reason) if status == AdoptionStatus.DISCONTINUED else "",
        **clean_values(values),
    )
    setattr(adoption, STATUS_DATE_FIELD[status], on or _today())
    _check_dates(adoption)
    adoption.started_on = _started_on(adoption) or adoption.discontinued_on
    adoption.full_clean(exclude=["solution", "adopter", "source", "created_by"], validate_unique=False)
    adoption.save()
    refresh_adopter_count(solution)
    action = (
        "spread.adoption.interested" if status == AdoptionStatus.INTERESTED else "spread.adoption.created"
    )
    log_action(actor, action, adoption, data={"status": status, "solution": solution.pk})
    kind = kinds.INTEREST if status == AdoptionStatus.INTERESTED else kinds.ADOPTION_CHANGED
    notify(
        members_of(solution.owner_id),
        kind,
        format_lazy(
            gettext_lazy("{organisation} is interested in {solution}")
            if status == AdoptionStatus.INTERESTED
            else gettext_lazy("{organisation} registered that it uses {solution}"),
            organisation=organisation.display_name,
            solution=solution.name,
        ),
        url=adoption.get_absolute_url(),
        actor=actor,
    )
    return adoption


def mark_interest(actor, solution: Solution, organisation) -> Adoption:
    """ "We are interested": one click, the owner is told, and demand becomes visible."""
    return register_adoption(actor, solution, organisation, status=AdoptionStatus.INTERESTED)


@transaction.atomic
def change_adoption_status(
    actor, adoption: Adoption, status: str, *, on: date | None = None, reason: str = ""
) -> Adoption:
    """Move an adoption on (interested → piloting → in use, or discontinued with a reason).

    The confirmations are cleared: both parties confirm the adoption as it now stands.
    """
    if not actor.has_perm("spread.change_adoption", adoption):
        raise PermissionDenied
    if status not in AdoptionStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses offered.")})
    if status not in TRANSITIONS[adoption.status]:
        raise ValidationError(
            {
                "status": _("An adoption that is %(current)s cannot become %(new)s.")
                % {"current": adoption.get_status_display(), "new": AdoptionStatus(status).label}
            }
        )
    reason = clean_text(reason)
    if status == AdoptionStatus.DISCONTINUED and not reason:
        raise ValidationError({"reason": _("Say why the solution was discontinued.")})
    old = adoption.status
    before = snapshot(adoption, ["status", *DATE_FIELDS, "discontinued_reason"])
    adoption.status = status
    setattr(adoption, STATUS_DATE_FIELD[status], on or _today())
    if status == AdoptionStatus.DISCONTINUED:
        adoption.discontinued_reason = reason
    else:
        adoption.discontinued_on, adoption.discontinued_reason = None, ""
    _check_dates(adoption)
    adoption.started_on = _started_on(adoption) or adoption.discontinued_on
    adoption.adopter_confirmed_at = adoption.source_confirmed_at = None
    adoption.save()
    refresh_adopter_count(adoption.solution)
    log_action(
        actor,
        "spread.adoption.status_changed",
        adoption,
        changes=diff(before, snapshot(adoption, ["status", *DATE_FIELDS, "discontinued_reason"])),
        data={"from": old, "to": status},
    )
    notify(
        members_of(adoption.solution.owner_id),
        kinds.ADOPTION_CHANGED,
        format_lazy(
            gettext_lazy("{organisation}: {solution} is now {status}"),
            organisation=adoption.adopter.display_name,
            solution=adoption.solution.name,
            status=AdoptionStatus(status).label,
        ),
        url=adoption.get_absolute_url(),
        actor=actor,
    )
    return adoption


@transaction.atomic
def update_adoption(actor, adoption: Adoption, **values) -> Adoption:
    """What was adapted and the effect seen (text, and optionally an indicator with baseline and result)."""
    if not actor.has_perm("spread.change_adoption", adoption):
        raise PermissionDenied
    check_fields(values, ADOPTION_FIELDS)
    values = clean_values(values)
    changes = apply_changes(adoption, values, values, _validate_adoption)
    adoption.save()
    if changes:
        log_action(actor, "spread.adoption.updated", adoption, changes=changes)
    return adoption


def _validate_adoption(adoption: Adoption) -> None:
    if (adoption.baseline is not None or adoption.result is not None) and not adoption.indicator:
        raise ValidationError({"indicator": _("Name the indicator that the baseline and result measure.")})
    adoption.full_clean(exclude=["solution", "adopter", "source", "created_by"], validate_unique=False)


@transaction.atomic
def confirm_adoption(actor, adoption: Adoption, organisation) -> Adoption:
    """Confirm the adoption for `organisation`, which must be its adopter or its source.

    Verified once both have confirmed; the other party is asked to confirm.
    """
    if organisation.pk not in {adoption.adopter_id, adoption.source_id}:
        raise ValidationError(
            {
                "organisation": _(
                    "Only the adopting organisation and the organisation it learned from can confirm an adoption."
                )
            }
        )
    if not actor.has_perm("spread.adopt_for_organisation", organisation):
        raise PermissionDenied
    now = timezone.now()
    side = "adopter_confirmed_at" if organisation.pk == adoption.adopter_id else "source_confirmed_at"
    if getattr(adoption, side) is not None:
        raise ValidationError({"organisation": _("Your organisation has already confirmed this adoption.")})
    setattr(adoption, side, now)
    adoption.save(update_fields=[side, "updated_at"])
    log_action(
        actor,
        "spread.adoption.confirmed",
        adoption,
        data={"organisation": organisation.pk, "verified": adoption.is_verified},
    )
    other = adoption.source_id if side == "adopter_confirmed_at" else adoption.adopter_id
    if not adoption.is_verified:
        notify(
            members_of(other),
            kinds.CONFIRMATION_REQUESTED,
            format_lazy(
                gettext_lazy("{organisation} confirmed the adoption of {solution}: please confirm it too"),
                organisation=organisation.display_name,
                solution=adoption.solution.name,
            ),
            url=adoption.get_absolute_url(),
            actor=actor,
        )
    return adoption
