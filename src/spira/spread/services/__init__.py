"""Every write to solutions and adoptions.

Each function checks permission (PermissionDenied) and the rules of the change (ValidationError
with a dict of field → message), saves, writes the activity log and notifies (e-mails go out on
commit). Views, the API, the import command, `spira demo` and tasks call these and nothing else.
"""

from spira.spread.services.adoptions import (
    ADOPTION_FIELDS,
    DATE_FIELDS,
    change_adoption_status,
    confirm_adoption,
    mark_interest,
    register_adoption,
    update_adoption,
)
from spira.spread.services.common import refresh_adopter_count
from spira.spread.services.publiccode import (
    IMPORT_REQUIRED_KEYS,
    PubliccodeInvalid,
    import_publiccode,
    publiccode_export,
)
from spira.spread.services.solutions import SOLUTION_FIELDS, create_solution, unique_slug, update_solution

__all__ = [
    "ADOPTION_FIELDS",
    "DATE_FIELDS",
    "IMPORT_REQUIRED_KEYS",
    "SOLUTION_FIELDS",
    "PubliccodeInvalid",
    "change_adoption_status",
    "confirm_adoption",
    "create_solution",
    "import_publiccode",
    "mark_interest",
    "publiccode_export",
    "refresh_adopter_count",
    "register_adoption",
    "unique_slug",
    "update_adoption",
    "update_solution",
]
