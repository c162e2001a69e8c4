"""Import and export of publiccode.yml."""

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.translation import gettext_noop

from spira.core.activity import log_action
from spira.spread.models import Adoption, Solution
from spira.spread.publiccode.convert import json_safe, publiccode_for, solution_values
from spira.spread.publiccode.spdx import spdx_problem
from spira.spread.publiccode.validator import UNSUPPORTED_VERSION, Problem, problems_by_key, validate_text
from spira.spread.services.solutions import create_solution, update_solution

# Problems that make a file unusable for import (a key the solution cannot do without is missing).
# Everything else in an imported file is kept and reported as a warning: real files deviate.
IMPORT_REQUIRED_KEYS = frozenset(
    {
        "publiccodeYmlVersion", "name", "url", "platforms", "developmentStatus", "softwareType",
        "description", "legal", "legal.license", "maintenance", "maintenance.type", "localisation",
    }
)  # fmt: skip


# Model fields that an imported file fills, and the key of the file each comes from.
FIELD_KEYS = {
    "name": "name",
    "summary": "description.shortDescription",
    "description": "description.longDescription",
    "licence": "legal.license",
    "contact_name": "maintenance.contacts[0].name",
    "contact_email": "maintenance.contacts[0].email",
    "website": "landingURL",
    "repository_url": "url",
    "software_version": "softwareVersion",
    "development_status": "developmentStatus",
    "software_type": "softwareType",
}


class PubliccodeInvalid(ValidationError):
    """A publiccode.yml that cannot be imported. `problems` lists each problem by key (the pages
    show `Problem.localised()`); as a ValidationError it maps each key to its English messages."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(problems_by_key(self.problems))


def _import_problems(result):
    """Split a validation result into what stops an import and what only deviates."""
    blocking, deviations = [], list(result.warnings)
    for problem in result.errors:
        hard = not problem.key or (problem.key in IMPORT_REQUIRED_KEYS and problem.template == "required")
        hard = hard or (problem.key == "publiccodeYmlVersion" and problem.template == UNSUPPORTED_VERSION)
        (blocking if hard else deviations).append(problem)
    descriptions = (result.data or {}).get("description")
    descriptions = descriptions.values() if isinstance(descriptions, dict) else []
    if (
        result.data is not None
        and not any(isinstance(v, dict) and v.get("shortDescription") for v in descriptions)
        and not blocking
    ):
        blocking.append(
            Problem("description", gettext_noop("needs a shortDescription in at least one language"))
        )
    return blocking, deviations


def _usable(values: dict) -> dict:
    """Leave out what the solution cannot store as given (it stays in the file, reported as a
    deviation): an invalid licence expression, e-mail address or landing page."""
    if values["licence"] and spdx_problem(values["licence"]):
        values["licence"] = ""
    for name, validator in (("contact_email", EmailValidator()), ("website", URLValidator())):
        try:
            validator(values[name])
        except ValidationError:
            values[name] = ""
    return values


@transaction.atomic
def import_publiccode(actor, text: str, owner, *, base_dir=None):
    """Create or update (by repository URL) the software solution a publiccode.yml describes.

    Returns (solution, created, deviations). A file that is not YAML, lacks required keys or
    cannot make a solution raises PubliccodeInvalid listing each problem by key, and nothing is
    changed. The file is stored as JSON: text without NUL characters, numbers that JSON can hold.
    """
    result = validate_text(text, base_dir=base_dir)
    blocking, deviations = _import_problems(result)
    if blocking:
        raise PubliccodeInvalid(blocking)
    values = _usable(solution_values(result))
    existing = (
        Solution.objects.filter(repository_url=values["repository_url"]).first()
        if values["repository_url"]
        else None
    )
    data = json_safe(result.data)
    try:
        if existing is not None:
            solution = update_solution(actor, existing, publiccode=data, **values)
        else:
            solution = create_solution(actor, owner, publiccode=data, **values)
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise PubliccodeInvalid(
            Problem(FIELD_KEYS.get(name, name), message)
            for name, messages in error.message_dict.items()
            for message in messages
        ) from error
    log_action(
        actor,
        "spread.solution.imported",
        solution,
        data={"created": existing is None, "warnings": [p.as_text() for p in deviations][:50]},
    )
    return solution, existing is None, deviations


def publiccode_export(solution: Solution) -> dict:
    """The solution's publiccode.yml, `usedBy` filled from verified adoptions (read-only)."""
    verified = (
        Adoption.objects.filter(solution=solution)
        .verified()
        .select_related("adopter")
        .order_by("adopter__name")
    )
    return publiccode_for(solution, [a.adopter.display_name for a in verified])
