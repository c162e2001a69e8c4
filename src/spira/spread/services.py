"""Every write to solutions and adoptions.

Each function checks permission (PermissionDenied) and the rules of the change (ValidationError
with a dict of field → message), saves, writes the activity log and notifies (e-mails go out on
commit). Views, the API, the import command, `spira demo` and tasks call these and nothing else.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spira.core.activity import diff, log_action, snapshot
from spira.core.notifications import notify
from spira.spread import notifications as kinds
from spira.spread.choices import (
    ACTIVE_STATUSES,
    STATUS_DATE_FIELD,
    TRANSITIONS,
    AdoptionStatus,
    CostBand,
    Effort,
    Maturity,
    SolutionKind,
)
from spira.spread.models import Adoption, Solution, SolutionLink
from spira.spread.publiccode.spdx import spdx_problem

SOLUTION_FIELDS = [
    "name",
    "language",
    "summary",
    "description",
    "kind",
    "maturity",
    "cost_band",
    "effort",
    "competences",
    "licence",
    "contact_name",
    "contact_email",
    "website",
    "repository_url",
    "software_version",
    "development_status",
    "software_type",
    "procurement_requirements",
    "procurement_evaluation_model",
    "framework_agreement",
]
ADOPTION_FIELDS = [
    "adaptations",
    "effect",
    "indicator",
    "indicator_unit",
    "baseline",
    "result",
]
DATE_FIELDS = ["interested_on", "pilot_started_on", "in_use_since", "discontinued_on"]


# Helpers ------------------------------------------------------------------------------------------


def _text(value) -> str:
    """Text as stored: NUL characters removed (PostgreSQL refuses them), outer space trimmed."""
    return str(value or "").replace("\x00", "").strip()


def _check_fields(values: dict, allowed: list[str]) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in unknown})


def _clean(values: dict) -> dict:
    return {name: _text(value) if isinstance(value, str) else value for name, value in values.items()}


def _members(organisation_id):
    return get_user_model().objects.filter(memberships__organisation_id=organisation_id, is_active=True)


def unique_slug(name: str, exclude_pk=None) -> str:
    base = slugify(name)[:100] or "losning"
    slug, number = base, 2
    taken = Solution.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def refresh_adopter_count(solution: Solution) -> None:
    count = Adoption.objects.filter(solution=solution, status__in=ACTIVE_STATUSES).count()
    Solution.objects.filter(pk=solution.pk).update(adopter_count=count)
    solution.adopter_count = count


# Solutions --------------------------------------------------------------------------------------


def _validate_solution(solution: Solution) -> None:
    errors = {}
    if not solution.name:
        errors["name"] = _("Give the solution a name.")
    if not solution.summary:
        errors["summary"] = _("Summarise the solution in a few sentences.")
    if solution.kind not in SolutionKind.values:
        errors["kind"] = _("Choose what kind of solution this is.")
    if solution.maturity not in Maturity.values:
        errors["maturity"] = _("Choose how mature the solution is.")
    if solution.cost_band and solution.cost_band not in CostBand.values:
        errors["cost_band"] = _("Choose one of the cost bands offered.")
    if solution.effort and solution.effort not in Effort.values:
        errors["effort"] = _("Choose one of the efforts offered.")
    if solution.licence and spdx_problem(solution.licence):
        errors["licence"] = _("Give the licence as an SPDX licence expression, e.g. EUPL-1.2 or MIT.")
    if errors:
        raise ValidationError(errors)
    solution.has_procurement_documents = (
        bool(
            solution.procurement_requirements
            or solution.procurement_evaluation_model
            or solution.framework_agreement
        )
        or solution.kind == SolutionKind.PROCUREMENT
    )
    solution.full_clean(exclude=["owner", "created_by", "slug"])


def _set_initiatives(solution: Solution, initiatives) -> None:
    if initiatives is not None:
        solution.initiatives.set(list(initiatives))


def _set_links(solution: Solution, links) -> None:
    if links is None:
        return
    solution.links.all().delete()
    rows = []
    for link in links:
        title, url = _text(link.get("title")), _text(link.get("url"))
        if not url:
            continue
        row = SolutionLink(
            solution=solution, title=title or url, url=url, is_procurement=bool(link.get("is_procurement"))
        )
        try:
            row.full_clean(exclude=["solution"])
        except ValidationError as exc:
            raise ValidationError({"links": _("Each link needs a valid address (http or https).")}) from exc
        rows.append(row)
    SolutionLink.objects.bulk_create(rows)


@transaction.atomic
def create_solution(actor, owner, *, initiatives=None, links=None, publiccode=None, **values) -> Solution:
    """Share a solution on behalf of `owner` (an organisation the actor belongs to)."""
    if not actor.has_perm("spread.share_for_organisation", owner):
        raise PermissionDenied
    _check_fields(values, SOLUTION_FIELDS)
    solution = Solution(owner=owner, created_by=actor if actor.is_authenticated else None, **_clean(values))
    if publiccode is not None:
        solution.publiccode = publiccode
    _validate_solution(solution)
    solution.slug = unique_slug(solution.name)
    solution.save()
    _set_initiatives(solution, initiatives)
    _set_links(solution, links)
    log_action(actor, "spread.solution.created", solution, data={"owner": owner.pk})
    return solution


@transaction.atomic
def update_solution(
    actor, solution: Solution, *, initiatives=None, links=None, publiccode=None, **values
) -> Solution:
    if not actor.has_perm("spread.change_solution", solution):
        raise PermissionDenied
    _check_fields(values, SOLUTION_FIELDS)
    values = _clean(values)
    before = snapshot(solution, values)
    for name, value in values.items():
        setattr(solution, name, value)
    if publiccode is not None:
        solution.publiccode = publiccode
    _validate_solution(solution)
    solution.save()
    _set_initiatives(solution, initiatives)
    _set_links(solution, links)
    changes = diff(before, snapshot(solution, values))
    if changes:
        log_action(actor, "spread.solution.updated", solution, changes=changes)
    return solution


# Adoptions --------------------------------------------------------------------------------------


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
    _check_fields(values, ADOPTION_FIELDS)
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
    if status == AdoptionStatus.DISCONTINUED and not _text(reason):
        raise ValidationError({"reason": _("Say why the solution was discontinued.")})
    adoption = Adoption(
        solution=solution,
        adopter=organisation,
        source=_source_for(solution, source),
        status=status,
        created_by=actor if actor.is_authenticated else None,
        discontinued_reason=_text(reason) if status == AdoptionStatus.DISCONTINUED else "",
        **_clean(values),
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
        _members(solution.owner_id),
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
    reason = _text(reason)
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
        _members(adoption.solution.owner_id),
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
    _check_fields(values, ADOPTION_FIELDS)
    values = _clean(values)
    before = snapshot(adoption, values)
    for name, value in values.items():
        setattr(adoption, name, value)
    if (adoption.baseline is not None or adoption.result is not None) and not adoption.indicator:
        raise ValidationError({"indicator": _("Name the indicator that the baseline and result measure.")})
    adoption.full_clean(exclude=["solution", "adopter", "source", "created_by"], validate_unique=False)
    adoption.save()
    changes = diff(before, snapshot(adoption, values))
    if changes:
        log_action(actor, "spread.adoption.updated", adoption, changes=changes)
    return adoption


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
            _members(other),
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


# publiccode.yml -----------------------------------------------------------------------------------

# Problems that make a file unusable for import (a key the solution cannot do without is missing).
# Everything else in an imported file is kept and reported as a warning: real files deviate.
IMPORT_REQUIRED_KEYS = frozenset(
    {
        "publiccodeYmlVersion", "name", "url", "platforms", "developmentStatus", "softwareType",
        "description", "legal", "legal.license", "maintenance", "maintenance.type", "localisation",
    }
)  # fmt: skip


def _import_problems(result):
    """Split a validation result into what stops an import and what only deviates."""
    from spira.spread.publiccode.validator import Problem

    blocking, deviations = [], list(result.warnings)
    for problem in result.errors:
        hard = not problem.key or (problem.key in IMPORT_REQUIRED_KEYS and problem.message == "required")
        hard = hard or (problem.key == "publiccodeYmlVersion" and problem.message.startswith("unsupported"))
        (blocking if hard else deviations).append(problem)
    if (
        result.data is not None
        and not any(
            isinstance(v, dict) and v.get("shortDescription")
            for v in (result.data.get("description") or {}).values()
        )
        and not blocking
    ):
        blocking.append(Problem("description", "needs a shortDescription in at least one language"))
    return blocking, deviations


@transaction.atomic
def import_publiccode(actor, text: str, owner, *, base_dir=None):
    """Create or update (by repository URL) the software solution a publiccode.yml describes.

    Returns (solution, created, deviations). A file that is not YAML or lacks required keys raises
    ValidationError listing each problem by key, and nothing is changed.
    """
    from spira.spread.publiccode.convert import solution_values
    from spira.spread.publiccode.validator import problems_by_key, validate_text

    result = validate_text(text, base_dir=base_dir)
    blocking, deviations = _import_problems(result)
    if blocking:
        raise ValidationError(dict(problems_by_key(blocking).items()))
    values = solution_values(result)
    if values["licence"] and spdx_problem(values["licence"]):
        values["licence"] = ""
    if values["contact_email"] and "@" not in values["contact_email"]:
        values["contact_email"] = ""
    existing = (
        Solution.objects.filter(repository_url=values["repository_url"]).first()
        if values["repository_url"]
        else None
    )
    if existing is not None:
        solution = update_solution(actor, existing, publiccode=result.data, **values)
        created = False
    else:
        solution = create_solution(actor, owner, publiccode=result.data, **values)
        created = True
    log_action(
        actor,
        "spread.solution.imported",
        solution,
        data={"created": created, "warnings": [p.as_text() for p in deviations][:50]},
    )
    return solution, created, deviations


def publiccode_export(solution: Solution) -> dict:
    """The solution's publiccode.yml, `usedBy` filled from verified adoptions (read-only)."""
    from spira.spread.publiccode.convert import publiccode_for

    verified = (
        Adoption.objects.filter(solution=solution)
        .verified()
        .select_related("adopter")
        .order_by("adopter__name")
    )
    return publiccode_for(solution, [a.adopter.display_name for a in verified])
