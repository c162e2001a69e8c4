"""`spira import <format> PATH...`: import case-library records from Vinnova and SweCRIS files.

    spira import vinnova-pages PAGE.txt [PAGE.html ...] [--dry-run] [--json]
    spira import vinnova-json FILE [--dry-run] [--json] [--background]
    spira import swecris FILE [--dry-run] [--json] [--background]

--dry-run reads and checks everything and writes nothing; with --json it prints the parsed records
as a JSON list. --json otherwise prints the report as JSON. --background stores the file in a run
and leaves the import to the task worker. A file or record that fails is reported (file, field,
reason) without stopping the others, and the command then exits with status 1.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from spira.initiatives.importers.loader import import_records
from spira.initiatives.importers.records import ParsedInitiative, ParseError
from spira.initiatives.importers.report import ImportReport, failure_from_error
from spira.initiatives.importers.runs import (
    FORMATS,
    dry_run_json,
    finish_run,
    queue_file,
    records_from_path,
)
from spira.initiatives.models import ImportRun


def extra_formats() -> dict:
    """Formats other apps add: a module `<app>/importers.py` with `IMPORT_FORMATS = {name: handler}`,
    where `handler(command, paths, dry_run=..., as_json=...)` does the import."""
    from spira.core.hooks import app_modules

    formats = {}
    for module in app_modules("importers"):
        formats.update(getattr(module, "IMPORT_FORMATS", {}))
    return formats


class Command(BaseCommand):
    help = "Import case-library records: Vinnova project pages, Vinnova open-data JSON or SweCRIS JSON."

    def add_arguments(self, parser):
        parser.add_argument(
            "format", choices=sorted({*FORMATS, *extra_formats()}), help="The format of the files."
        )
        parser.add_argument("paths", nargs="+", metavar="PATH", help="The file(s) to import.")
        parser.add_argument("--dry-run", action="store_true", help="Read and check, but write nothing.")
        parser.add_argument(
            "--json",
            dest="as_json",
            action="store_true",
            help="Print JSON (the parsed records with --dry-run, else the report).",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the import for the task worker and print the run id.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, format, paths, dry_run, as_json, background, no_progress, **options):
        if format not in FORMATS:
            return extra_formats()[format](self, paths, dry_run=dry_run, as_json=as_json)
        origin = FORMATS[format]
        if format != "vinnova-pages" and len(paths) != 1:
            raise CommandError(f"{format} takes exactly one FILE.")
        self.show_index = format != "vinnova-pages"
        if background:
            return self._queue(origin, paths, as_json=as_json)
        records = self._read(origin, paths)
        if dry_run and as_json:
            return self._print_parsed(records)
        progress = not (no_progress or as_json or options["verbosity"] == 0)
        report = self._import(origin, paths, records, dry_run=dry_run, progress=progress)
        self._print_report(report, as_json=as_json, dry_run=dry_run)
        if report.failed:
            raise CommandError(f"{report.failed} of {report.processed} records could not be imported.")

    def _read(self, origin: str, paths: list[str]) -> list:
        records = []
        for path in paths:
            try:
                records.extend(records_from_path(origin, path))
            except ParseError as error:
                raise CommandError(f"{path}: {error.field}: {error.message}") from error
        return records

    def _print_parsed(self, records: list) -> None:
        parsed = [dry_run_json(item) for item in records if isinstance(item, ParsedInitiative)]
        self.stdout.write(json.dumps(parsed, ensure_ascii=False, indent=2))
        errors = [item for item in records if isinstance(item, ParseError)]
        for error in errors:
            self.stderr.write(_describe(failure_from_error(error), self.show_index))
        if errors:
            raise CommandError(f"{len(errors)} of {len(records)} records could not be read.")

    def _import(self, origin: str, paths: list[str], records: list, *, dry_run: bool, progress: bool):
        bar = tqdm(total=len(records), desc="import", unit=" records", disable=not progress, file=sys.stderr)
        with bar:
            if dry_run:
                with transaction.atomic():
                    report = import_records(records, origin, on_progress=bar.update)
                    transaction.set_rollback(True)
                return report
            run = ImportRun.objects.create(
                origin=origin,
                file_name=", ".join(paths)[:300],
                status=ImportRun.Status.RUNNING,
                total=len(records),
            )
            report = import_records(records, origin, run=run, on_progress=bar.update)
            finish_run(run, report)
        return report

    def _print_report(self, report: ImportReport, *, as_json: bool, dry_run: bool) -> None:
        if as_json:
            data = {**report.to_json(), "dry_run": dry_run}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        heading = "Dry run (nothing was written)" if dry_run else f"Import run {report.run_id}"
        self.stdout.write(
            f"{heading}: {report.processed} records: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.failed} failed."
        )
        for failure in report.failures:
            self.stderr.write(_describe(failure, self.show_index))

    def _queue(self, origin: str, paths: list[str], *, as_json: bool) -> None:
        runs = [queue_file(origin, path) for path in paths]
        if as_json:
            self.stdout.write(json.dumps({"runs": [run.pk for run in runs]}))
            return
        for run in runs:
            self.stdout.write(f"Queued import run {run.pk} ({run.file_name}).")


def _describe(failure: dict, show_index: bool = True) -> str:
    """One line per failed record: where (file, record number, reference), which field, why."""
    where = [part for part in (failure.get("source"),) if part]
    if show_index and failure.get("index") is not None:
        where.append(f"record {failure['index'] + 1}")
    if failure.get("reference"):
        where.append(f"({failure['reference']})")
    prefix = " ".join(where)
    return f"{prefix + ': ' if prefix else ''}{failure.get('field')}: {failure.get('message')}"
