"""Import runs: reading an import file in any format, starting a run and carrying it out.

Shared by `spira import`, the moderators' upload page and the background task
(`initiatives.tasks.run_import`), so that all three read files and record outcomes the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spira.core.activity import log_action
from spira.core.permissions import is_moderator
from spira.initiatives.choices import Origin
from spira.initiatives.models import ImportRun

from .loader import import_records
from .messages import failure_text
from .records import (
    MAX_JSON_BYTES,
    MAX_PAGE_BYTES,
    ParsedInitiative,
    ParseError,
    decode_text,
    read_bytes,
)
from .report import ImportReport, failure_from_error
from .swecris import parse_swecris
from .vinnova_json import parse_vinnova_json
from .vinnova_pages import parse_vinnova_page

# The command's format names and the origin each one records.
FORMATS: dict[str, str] = {
    "vinnova-pages": Origin.VINNOVA_PAGE,
    "vinnova-json": Origin.VINNOVA_JSON,
    "swecris": Origin.SWECRIS,
}
FORMAT_OF_ORIGIN = {origin: name for name, origin in FORMATS.items()}
EXTENSIONS: dict[str, tuple[str, ...]] = {
    Origin.VINNOVA_PAGE: (".txt", ".html", ".htm"),
    Origin.VINNOVA_JSON: (".json",),
    Origin.SWECRIS: (".json",),
}
UPLOAD_MAX_BYTES = 20 * 1024 * 1024
# The fields `spira import vinnova-pages --dry-run --json` prints for each record.
DRY_RUN_FIELDS = (
    "title",
    "reference_number",
    "coordinator",
    "funding_sek",
    "start",
    "end",
    "status",
    "call",
    "application_round",
    "label_language",
    "sections",
    "machine_translated",
    "last_updated",
)

Records = list[ParsedInitiative | ParseError]


# --- reading ------------------------------------------------------------------------------------


def records_from_bytes(origin: str, data: bytes, name: str) -> Records:
    """The records in one file's content. ParseError(field="file") when the file as a whole cannot be
    read (invalid JSON, wrong shape); a Vinnova page that is not one gives a one-item list holding
    its ParseError, so that a batch of pages goes on."""
    if not data.strip():
        raise ParseError("file", "empty_file", source=name)
    text = decode_text(data)
    if origin == Origin.VINNOVA_PAGE:
        try:
            return [parse_vinnova_page(text, source_name=name)]
        except ParseError as error:
            error.source = error.source or name
            return [error]
    try:
        decoded = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ParseError("file", "invalid_json", params={"reason": error}, source=name) from error
    parse = parse_vinnova_json if origin == Origin.VINNOVA_JSON else parse_swecris
    try:
        records: Records = parse(decoded)
    except ParseError as error:
        error.source = error.source or name
        raise
    for item in records:
        if isinstance(item, ParseError):
            item.source = item.source or name
        else:
            item.source_name = item.source_name or name
    return records


def records_from_path(origin: str, path: str | Path) -> Records:
    """The records in a file on disk (see :func:`records_from_bytes`)."""
    path = Path(path)
    limit = MAX_PAGE_BYTES if origin == Origin.VINNOVA_PAGE else MAX_JSON_BYTES
    try:
        data = read_bytes(path, limit)
    except ParseError as error:
        error.source = path.name
        if origin == Origin.VINNOVA_PAGE:
            return [error]
        raise
    return records_from_bytes(origin, data, path.name)


def dry_run_json(record: ParsedInitiative) -> dict[str, Any]:
    data = record.to_json()
    return {name: data[name] for name in DRY_RUN_FIELDS}


# --- checking an upload -------------------------------------------------------------------------


def check_upload(origin: str, name: str, data: bytes) -> Records:
    """The records of an uploaded file, or ValidationError({"file": message}) when the file is of
    the wrong type or shape or holds no readable record."""
    if origin not in EXTENSIONS:
        raise ValidationError({"origin": _("Choose one of the formats.")})
    if not name.lower().endswith(EXTENSIONS[origin]):
        raise ValidationError(
            {
                "file": _("A file in this format ends with %(extensions)s.")
                % {"extensions": " / ".join(EXTENSIONS[origin])}
            }
        )
    if len(data) > UPLOAD_MAX_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than %(limit)s MB.") % {"limit": UPLOAD_MAX_BYTES // 2**20}}
        )
    try:
        records = records_from_bytes(origin, data, name)
    except ParseError as error:
        raise ValidationError({"file": failure_text(failure_from_error(error))}) from error
    if not records:
        raise ValidationError({"file": failure_text({"code": "no_records"})})
    readable = [item for item in records if isinstance(item, ParsedInitiative)]
    if not readable:
        first = failure_text(failure_from_error(records[0]))
        if len(records) == 1:
            raise ValidationError({"file": first})
        raise ValidationError(
            {
                "file": failure_text(
                    {"code": "no_readable_records", "params": {"count": len(records), "first": first}}
                )
            }
        )
    return records


# --- runs ---------------------------------------------------------------------------------------


def start_import_run(actor, origin: str, name: str, data: bytes) -> ImportRun:
    """A moderator uploads a file: check it, store it and import it in the background.

    Nothing is written when the file is refused (ValidationError with the reason).
    """
    if not is_moderator(actor):
        raise PermissionDenied
    records = check_upload(origin, name, data)
    with transaction.atomic():
        run = ImportRun.objects.create(
            origin=origin, file_name=name[:300], started_by=actor, total=len(records)
        )
        run.file.save(Path(name).name, ContentFile(data), save=True)
        log_action(actor, "initiatives.importrun.started", run, data={"origin": origin, "file": name})
        enqueue_run(run)
    return run


def queue_file(origin: str, path: str | Path, actor=None) -> ImportRun:
    """Store a file from disk in a new run and enqueue it (`spira import --background`)."""
    path = Path(path)
    with transaction.atomic():
        run = ImportRun.objects.create(origin=origin, file_name=path.name[:300], started_by=actor)
        with path.open("rb") as handle:
            run.file.save(path.name, ContentFile(handle.read()), save=True)
        enqueue_run(run)
    return run


def enqueue_run(run: ImportRun) -> None:
    from spira.initiatives.tasks import run_import

    transaction.on_commit(lambda: run_import.enqueue(run.pk))


def execute_run(run_id: int, on_progress: Callable[[int], None] | None = None) -> ImportRun:
    """Carry out a queued run from its stored file. Safe to call twice: a finished run is left alone."""
    run = ImportRun.objects.select_related("started_by").get(pk=run_id)
    if run.status in (ImportRun.Status.FINISHED, ImportRun.Status.FAILED):
        return run
    run.status = ImportRun.Status.RUNNING
    run.save(update_fields=["status", "updated_at"])
    try:
        with run.file.open("rb") as handle:
            data = handle.read()
        records = records_from_bytes(run.origin, data, run.file_name)
    except ParseError as error:
        return fail_run(run, error)
    except OSError as error:
        return fail_run(
            run, ParseError("file", "unreadable_file", params={"reason": error}, source=run.file_name)
        )
    run.total = len(records)
    run.save(update_fields=["total", "updated_at"])
    report = import_records(records, run.origin, run=run, actor=run.started_by, on_progress=on_progress)
    return finish_run(run, report)


def finish_run(run: ImportRun, report: ImportReport) -> ImportRun:
    run.status = ImportRun.Status.FINISHED
    run.processed = report.processed
    run.total = max(run.total, report.processed)
    run.created_count, run.updated_count = report.created, report.updated
    run.unchanged_count, run.failed_count = report.unchanged, report.failed
    run.failures = report.failures
    run.finished_at = timezone.now()
    run.save()
    return run


def fail_run(run: ImportRun, error: ParseError) -> ImportRun:
    """The file as a whole could not be read."""
    run.status = ImportRun.Status.FAILED
    run.error = str(error)
    run.failures = [failure_from_error(error)]
    run.finished_at = timezone.now()
    run.save()
    return run
