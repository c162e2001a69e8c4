"""Sharing and editing solutions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from spira.core.activity import diff, log_action, snapshot
from spira.spread.choices import (
    MAX_INITIATIVES,
    MAX_LINKS,
    CostBand,
    Effort,
    Maturity,
    SolutionKind,
)
from spira.spread.models import Solution, SolutionLink
from spira.spread.publiccode.spdx import spdx_problem
from spira.spread.services.common import check_fields, clean_text, clean_values

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


# Addresses under /spridning/ that a solution's slug would hide (see urls.py).
RESERVED_SLUGS = frozenset({"dela", "oversikt", "initiativval", "importera", "adoptioner"})


def unique_slug(name: str, exclude_pk=None) -> str:
    base = slugify(name)[:100] or "losning"
    slug, number = base, 2
    taken = Solution.objects.exclude(pk=exclude_pk)
    while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


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


def _check_initiatives(actor, initiatives) -> list | None:
    if initiatives is None:
        return None
    initiatives = list(dict.fromkeys(initiatives))
    if len(initiatives) > MAX_INITIATIVES:
        raise ValidationError(
            {"initiatives": _("Choose at most %(count)s initiatives.") % {"count": MAX_INITIATIVES}}
        )
    hidden = [i for i in initiatives if not actor.has_perm("initiatives.view_initiative", i)]
    if hidden:
        raise ValidationError({"initiatives": _("Link only to initiatives you can see in the case library.")})
    return initiatives


def _check_links(links) -> list[SolutionLink] | None:
    """The links as unsaved rows (rows without an address are dropped), or a ValidationError."""
    if links is None:
        return None
    rows = []
    for link in links:
        title, url = clean_text(link.get("title")), clean_text(link.get("url"))
        if not url:
            continue
        row = SolutionLink(
            title=title[:200] or url[:200], url=url, is_procurement=bool(link.get("is_procurement"))
        )
        try:
            row.full_clean(exclude=["solution"])
        except ValidationError as exc:
            raise ValidationError({"links": _("Each link needs a valid address (http or https).")}) from exc
        rows.append(row)
    if len(rows) > MAX_LINKS:
        raise ValidationError(
            {"links": _("A solution can have at most %(count)s links.") % {"count": MAX_LINKS}}
        )
    return rows


def _related(solution: Solution) -> dict:
    """The initiatives and links of a solution, as the activity log records them."""
    if solution.pk is None:
        return {"initiatives": [], "links": []}
    return {
        "initiatives": sorted(solution.initiatives.values_list("slug", flat=True)),
        "links": [[link.title, link.url, link.is_procurement] for link in solution.links.order_by("id")],
    }


def _set_related(solution: Solution, initiatives, links) -> None:
    if initiatives is not None:
        solution.initiatives.set(initiatives)
    if links is not None:
        solution.links.all().delete()
        for row in links:
            row.solution = solution
        SolutionLink.objects.bulk_create(links)


@transaction.atomic
def create_solution(actor, owner, *, initiatives=None, links=None, publiccode=None, **values) -> Solution:
    """Share a solution on behalf of `owner` (an organisation the actor belongs to)."""
    if not actor.has_perm("spread.share_for_organisation", owner):
        raise PermissionDenied
    check_fields(values, SOLUTION_FIELDS)
    initiatives, links = _check_initiatives(actor, initiatives), _check_links(links)
    solution = Solution(
        owner=owner, created_by=actor if actor.is_authenticated else None, **clean_values(values)
    )
    if publiccode is not None:
        solution.publiccode = publiccode
    _validate_solution(solution)
    solution.slug = unique_slug(solution.name)
    solution.save()
    _set_related(solution, initiatives, links)
    log_action(actor, "spread.solution.created", solution, data={"owner": owner.pk, **_related(solution)})
    return solution


@transaction.atomic
def update_solution(
    actor, solution: Solution, *, initiatives=None, links=None, publiccode=None, **values
) -> Solution:
    if not actor.has_perm("spread.change_solution", solution):
        raise PermissionDenied
    check_fields(values, SOLUTION_FIELDS)
    initiatives, links = _check_initiatives(actor, initiatives), _check_links(links)
    values = clean_values(values)
    before = {**snapshot(solution, values), **_related(solution)}
    for name, value in values.items():
        setattr(solution, name, value)
    if publiccode is not None:
        solution.publiccode = publiccode
    _validate_solution(solution)
    solution.save()
    _set_related(solution, initiatives, links)
    changes = diff(before, {**snapshot(solution, values), **_related(solution)})
    if changes:
        log_action(actor, "spread.solution.updated", solution, changes=changes)
    return solution
