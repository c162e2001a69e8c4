"""`spira import publiccode FILE...` (found by the import command's `extra_formats` hook)."""

import json
from pathlib import Path
from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.text import slugify

from spira.core.activity import log_action
from spira.organisations.choices import OrganisationKind
from spira.organisations.models import Organisation
from spira.organisations.models.organisation import fold
from spira.spread.publiccode.loader import load


def _publisher_names(text: str) -> list[str]:
    try:
        data = load(text)
    except Exception:
        return []
    if not isinstance(data, dict):
        return []
    names = []
    organisation = data.get("organisation")
    if isinstance(organisation, dict) and isinstance(organisation.get("name"), str):
        names.append(organisation["name"])
    legal = data.get("legal") if isinstance(data.get("legal"), dict) else {}
    for key in ("mainCopyrightOwner", "repoOwner"):
        if isinstance(legal.get(key), str):
            names.append(legal[key])
    url = data.get("url")
    if isinstance(url, str):
        parts = [p for p in urlparse(url).path.split("/") if p]
        if parts:
            names.append(parts[0])
    return [name.strip() for name in names if name and name.strip()]


def publisher_for(actor, text: str) -> Organisation:
    """The organisation that publishes the software: found by name, or registered (kind other)."""
    names = _publisher_names(text) or ["publiccode.yml"]
    for name in names:
        match = Organisation.objects.filter(search_name__contains=fold(name)).order_by("pk").first()
        if match is not None and fold(name) in match.search_name.split(" | "):
            return match
    base = slugify(names[0])[:100] or "utgivare"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    organisation = Organisation(kind=OrganisationKind.OTHER, name=names[0][:200], slug=slug)
    organisation.full_clean()
    organisation.save()
    log_action(actor, "organisations.organisation.created", organisation, data={"via": "publiccode.yml"})
    return organisation


def import_publiccode_files(command, paths, *, dry_run: bool = False, as_json: bool = False) -> None:
    from spira.accounts.services import COMMAND_LINE
    from spira.spread.services import import_publiccode

    reports, failed = [], 0
    for path in paths:
        try:
            text = Path(path).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reports.append({"file": path, "ok": False, "errors": {"file": [str(exc)]}})
            failed += 1
            continue
        try:
            with transaction.atomic():
                owner = publisher_for(COMMAND_LINE, text)
                solution, created, warnings = import_publiccode(COMMAND_LINE, text, owner, base_dir=None)
                if dry_run:
                    transaction.set_rollback(True)
        except ValidationError as error:
            reports.append({"file": path, "ok": False, "errors": error.message_dict})
            failed += 1
            continue
        reports.append(
            {
                "file": path,
                "ok": True,
                "created": created,
                "solution": solution.slug,
                "owner": owner.slug,
                "warnings": [w.as_text() for w in warnings],
            }
        )
    for report in reports:
        if as_json:
            command.stdout.write(json.dumps(report, ensure_ascii=False))
        elif report["ok"]:
            verb = "created" if report["created"] else "updated"
            command.stdout.write(
                f"{report['file']}: {verb} solution {report['solution']} ({report['owner']})."
            )
            for warning in report["warnings"]:
                command.stderr.write(f"{report['file']}: warning: {warning}")
        else:
            for key, messages in report["errors"].items():
                for message in messages:
                    command.stderr.write(f"{report['file']}: {key}: {message}")
    if failed:
        raise CommandError(
            f"{failed} of {len(paths)} files could not be imported; nothing was changed for them."
        )


IMPORT_FORMATS = {"publiccode": import_publiccode_files}
