"""Writing imported records into the case library: the importers' service layer.

:func:`import_records` takes the parsers' :class:`ParsedInitiative` records (and the ParseErrors of
records that could not be read) and upserts Initiative rows:

- an existing initiative is found by reference number (diarienummer), else by its Swedish or English
  title (case-insensitive) together with its coordinator;
- a new one is created PUBLISHED (imported records are public records) with its provenance;
- an existing one is updated field by field, and only the fields the record gives; when nothing
  differs nothing is written at all (no save, no revision, no log entry), so importing the same
  file twice changes nothing;
- every record is written in its own savepoint, so a record that fails leaves nothing behind and
  never stops the others; the report says why, per record.

Records are processed in batches of :data:`BATCH_SIZE`, each batch in one transaction, after which
the ImportRun's progress is saved so that other processes can show it.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterable
from datetime import date
from functools import cached_property
from typing import Any

from django.db import DatabaseError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from spira.core import bulk
from spira.core.activity import diff, log_action, log_actions_bulk, snapshot
from spira.core.cache import deferred_bumps
from spira.initiatives.choices import Origin, PublicationState
from spira.initiatives.models import ImportRun, Initiative, InitiativeLink, InitiativeRevision
from spira.initiatives.services import RESERVED_SLUGS, SCALAR_FIELDS, content_snapshot

from .mapping import Plan, plan_record, reference_of
from .matching import VINNOVA_ORG_NUMBER, OrganisationMatcher
from .records import ParsedInitiative, ParseError
from .report import ImportReport, failure_from_error

BATCH_SIZE = 100
VINNOVA_ORIGINS = frozenset({Origin.VINNOVA_PAGE, Origin.VINNOVA_JSON})


def import_records(
    records: Iterable[ParsedInitiative | ParseError],
    origin: str,
    run: ImportRun | None = None,
    actor=None,
    *,
    on_progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportReport:
    """Create or update an Initiative for every record; see the module docstring.

    ``records`` may hold ParseErrors (records the parser could not read); they are counted as
    failed. With ``run`` the run's progress and counts are saved after every batch.
    """
    loader = _Loader(origin, run, actor)
    loader.report.run_id = run.pk if run is not None else None
    numbered = enumerate(records)
    with _bulk_indexing():
        while batch := list(itertools.islice(numbered, batch_size)):
            # Cached versions (pages, figures) bumped once per batch, after its commit.
            with deferred_bumps(), transaction.atomic():
                loader.load_batch(batch)
            if on_progress is not None:
                on_progress(len(batch))
            if run is not None:
                loader.save_progress()
    loader.report.failures.sort(key=lambda failure: (failure["index"] is None, failure["index"] or 0))
    loader.report.created_organisations = list(loader.matcher.created)
    return loader.report


def _index_for_search(initiatives: list[Initiative]) -> None:
    """Rows made with bulk_create send no signals: index them now, from memory (they are not
    read again), in the batch's transaction."""
    try:
        from spira.search.index import index_instances
    except ImportError:
        return
    index_instances(Initiative, initiatives, created=True)


def _bulk_indexing():
    """The search app's batching of index updates, when it provides one."""
    try:
        from spira.search.index import bulk_indexing
    except ImportError:
        return contextlib.nullcontext()
    return bulk_indexing()


class _Loader:
    def __init__(self, origin: str, run: ImportRun | None, actor) -> None:
        self.origin = origin
        self.run = run
        self.actor = actor if getattr(actor, "is_authenticated", False) else None
        self.report = ImportReport(origin=origin)
        self.matcher = OrganisationMatcher(source=origin)
        self.now = timezone.now()
        self._by_reference: dict[str, Initiative] = {}
        self._missing_references: set[str] = set()
        self._titles: dict[int | None, dict[str, list[tuple[int, bool]]]] = {}
        self._slugs: set[str] | None = None
        self._funder_id: int | bool | None = False

    # Batches ------------------------------------------------------------------------------------
    def prefetch(self, items: Iterable[ParsedInitiative | ParseError]) -> None:
        """Fetch the batch's initiatives by reference number in one query."""
        references = {
            item.reference_number
            for item in items
            if isinstance(item, ParsedInitiative) and isinstance(item.reference_number, str)
        }
        references -= self._by_reference.keys() | self._missing_references
        if not references:
            return
        found = Initiative.objects.filter(reference_number__in=references).prefetch_related("links")
        for initiative in found:
            self._by_reference[initiative.reference_number] = initiative
        self._missing_references |= references - self._by_reference.keys()

    def save_progress(self) -> None:
        report, run = self.report, self.run
        run.processed = report.processed
        run.created_count, run.updated_count = report.created, report.updated
        run.unchanged_count, run.failed_count = report.unchanged, report.failed
        run.failures = report.failures
        ImportRun.objects.filter(pk=run.pk).update(
            processed=run.processed,
            created_count=run.created_count,
            updated_count=run.updated_count,
            unchanged_count=run.unchanged_count,
            failed_count=run.failed_count,
            failures=run.failures,
            updated_at=timezone.now(),
        )

    # One record ---------------------------------------------------------------------------------
    def load_batch(self, batch: list[tuple[int, ParsedInitiative | ParseError]]) -> None:
        """Validate a batch, insert its new initiatives together, then write the rest one by one.

        The new records of a batch are inserted with a few bulk statements inside one savepoint;
        if that fails, the savepoint is rolled back and every record of the batch is written in
        its own savepoint instead, so the failing record is found and nothing is half-written.
        """
        self.prefetch(item for _index, item in batch)
        plans = []
        for index, item in batch:
            if isinstance(item, ParseError):
                self._fail(failure_from_error(item, index))
                continue
            try:
                plans.append((index, plan_record(item)))
            except ParseError as error:
                error.source = error.source or item.source_name
                error.reference = error.reference or reference_of(item)
                self._fail(failure_from_error(error, index))
        rest = plans
        if len(plans) > 1:
            try:
                with transaction.atomic():
                    new, rest = self._split(plans)
                    created = self._bulk_create(new)
            except (DatabaseError, OverflowError):
                self.matcher.forget()
                self._slugs = None  # read again: it holds the slugs of the rolled-back rows
                for _index, plan in plans:
                    self._forget(plan)
                rest = plans
            else:
                self.matcher.commit()
                for (_index, plan, _values), initiative in zip(new, created, strict=True):
                    self._remember(plan, initiative)
                self.report.created += len(created)
                self.report.created_ids.extend(initiative.pk for initiative in created)
        for index, plan in rest:
            self.load(index, plan)

    def _split(self, plans: list[tuple[int, Plan]]) -> tuple[list, list]:
        """(new records with their values, records that match an initiative or a new one)."""
        new, rest = [], []
        references: set[str] = set()
        titles: set[tuple[int | None, str]] = set()
        for index, plan in plans:
            values = self._values(plan)
            coordinator_id = values.get("coordinator_id")
            keys = {(coordinator_id, title) for title in plan.titles}
            duplicate = (plan.reference and plan.reference in references) or keys & titles
            if duplicate or self._find(plan, coordinator_id) is not None:
                rest.append((index, plan))
                continue
            new.append((index, plan, values))
            if plan.reference:
                references.add(plan.reference)
            titles |= keys
        return new, rest

    def _bulk_create(self, new: list[tuple[int, Plan, dict[str, Any]]]) -> list[Initiative]:
        initiatives = [self._new_initiative(plan, values) for _index, plan, values in new]
        bulk.insert(Initiative, initiatives, key=["slug"])
        if any(initiative.pk is None for initiative in initiatives):  # SQLite before 3.35
            pks = dict(
                Initiative.objects.filter(slug__in=[i.slug for i in initiatives]).values_list("slug", "pk")
            )
            for initiative in initiatives:
                initiative.pk = pks[initiative.slug]
        links = []
        for initiative, (_index, plan, _values) in zip(initiatives, new, strict=True):
            initiative._new_links = [InitiativeLink(initiative=initiative, url=url) for url in plan.links]
            links.extend(initiative._new_links)
        bulk.insert(InitiativeLink, links)
        bulk.insert(InitiativeRevision, [self._first_revision(initiative) for initiative in initiatives])
        data = {"origin": self.origin, "run": self.run.pk if self.run else None}
        log_actions_bulk(self.actor, "initiatives.initiative.imported", initiatives, data=data)
        _index_for_search(initiatives)
        return initiatives

    def load(self, index: int, plan: Plan) -> None:
        """Write one record in its own savepoint."""
        item = plan.record
        try:
            with transaction.atomic():
                outcome, initiative = self._write(plan)
        except (DatabaseError, OverflowError) as error:
            self.matcher.forget()
            self._forget(plan)
            self._fail(
                {
                    "index": index,
                    "reference": plan.reference,
                    "source": item.source_name,
                    "field": "record",
                    "code": "database_error",
                    "params": {"reason": str(error)[:200]},
                    "message": f"The record could not be saved: {str(error)[:200]}",
                }
            )
            return
        self.matcher.commit()
        self._remember(plan, initiative)
        if outcome == "created":
            self.report.created += 1
            self.report.created_ids.append(initiative.pk)
        elif outcome == "updated":
            self.report.updated += 1
            self.report.updated_ids.append(initiative.pk)
        else:
            self.report.unchanged += 1

    def _fail(self, failure: dict[str, Any]) -> None:
        self.report.failed += 1
        self.report.failures.append(failure)

    # Writing ------------------------------------------------------------------------------------
    def _values(self, plan: Plan) -> dict[str, Any]:
        """The plan's values with its coordinator and funder matched (or created)."""
        record, values = plan.record, dict(plan.values)
        coordinator_id = self.matcher.match_or_create(record.coordinator, record.coordinator_org_number)
        if coordinator_id is not None:
            values["coordinator_id"] = coordinator_id
        funder_id = self._funder(record)
        if funder_id is not None:
            values["funder_id"] = funder_id
        return values

    def _write(self, plan: Plan) -> tuple[str, Initiative]:
        values = self._values(plan)
        initiative = self._find(plan, values.get("coordinator_id"))
        if initiative is None:
            return "created", self._create(plan, values)
        return self._update(plan, initiative, values), initiative

    def _funder(self, record: ParsedInitiative) -> int | None:
        if self.origin in VINNOVA_ORIGINS or (record.funder or "").casefold() == "vinnova":
            if self._funder_id is False:
                self._funder_id = self.matcher.by_number(VINNOVA_ORG_NUMBER)
            if self._funder_id is not None:
                return self._funder_id
        return self.matcher.match_or_create(record.funder) if record.funder else None

    def _find(self, plan: Plan, coordinator_id: int | None) -> Initiative | None:
        if plan.reference:
            if plan.reference in self._by_reference:
                return self._by_reference[plan.reference]
            if plan.reference not in self._missing_references:
                self.prefetch([plan.record])
                if plan.reference in self._by_reference:
                    return self._by_reference[plan.reference]
        candidates = self._titles_of(coordinator_id)
        for title in plan.titles:
            for pk, has_reference in candidates.get(title, ()):
                # A different reference number is a different project with the same name.
                if not (plan.reference and has_reference):
                    return Initiative.objects.prefetch_related("links").get(pk=pk)
        return None

    def _titles_of(self, coordinator_id: int | None) -> dict[str, list[tuple[int, bool]]]:
        if coordinator_id not in self._titles:
            titles: dict[str, list[tuple[int, bool]]] = {}
            rows = Initiative.objects.filter(coordinator_id=coordinator_id).values_list(
                "pk", "title_sv", "title_en", "reference_number"
            )
            for pk, title_sv, title_en, reference in rows.order_by("pk"):
                for title in {title_sv.casefold(), title_en.casefold()} - {""}:
                    titles.setdefault(title, []).append((pk, bool(reference)))
            self._titles[coordinator_id] = titles
        return self._titles[coordinator_id]

    def _new_initiative(self, plan: Plan, values: dict[str, Any]) -> Initiative:
        initiative = Initiative(
            **values,
            slug=self._slug(plan.record.title),
            original_language=plan.language,
            origin=self.origin,
            imported_at=self.now,
            state=PublicationState.PUBLISHED,
            published_at=self.now,
        )
        self._slugs.add(initiative.slug)
        return initiative

    def _first_revision(self, initiative: Initiative) -> InitiativeRevision:
        data = self._new_snapshot(initiative)
        return InitiativeRevision(
            initiative=initiative,
            number=1,
            author=self.actor,
            data=data,
            changed_fields=[name for name, value in data.items() if value not in (None, "", [], False)],
            note=self._revision_note,
        )

    @cached_property
    def _revision_note(self) -> str:
        """The note of every revision the run writes (the same for all: computed once)."""
        if self.origin not in Origin.values:
            return ""
        return str(_("Imported from %(origin)s") % {"origin": Origin(self.origin).label})

    def _create(self, plan: Plan, values: dict[str, Any]) -> Initiative:
        initiative = self._new_initiative(plan, values)
        initiative.save(force_insert=True)
        self._write_links(initiative, plan.links)
        self._write_revision(initiative, 1, list(values))
        log_action(
            self.actor,
            "initiatives.initiative.imported",
            initiative,
            data={"origin": self.origin, "run": self.run.pk if self.run else None},
        )
        return initiative

    def _update(self, plan: Plan, initiative: Initiative, values: dict[str, Any]) -> str:
        names = list(values)
        before = snapshot(initiative, names)
        for name, value in values.items():
            setattr(initiative, name, value)
        changes = diff(before, snapshot(initiative, names))
        known = {link.url for link in initiative.links.all()}
        new_links = [url for url in plan.links if url not in known]
        if not changes and not new_links:
            return "unchanged"
        initiative.imported_at = self.now
        initiative.save(update_fields=[*changes, "imported_at", "updated_at"])
        self._write_links(initiative, new_links)
        number = (initiative.revisions.aggregate(last=Max("number"))["last"] or 0) + 1
        self._write_revision(initiative, number, list(changes))
        data: dict[str, Any] = {"origin": self.origin, "run": self.run.pk if self.run else None}
        if new_links:
            data["links_added"] = new_links
        log_action(
            self.actor,
            "initiatives.initiative.imported_updated",
            initiative,
            changes=self._readable(changes),
            data=data,
        )
        return "updated"

    def _write_links(self, initiative: Initiative, urls: list[str]) -> None:
        initiative._new_links = [InitiativeLink(initiative=initiative, url=url) for url in urls]
        if urls:
            InitiativeLink.objects.bulk_create(initiative._new_links)
            # The prefetched links of a cached initiative must include the new ones.
            getattr(initiative, "_prefetched_objects_cache", {}).pop("links", None)

    def _write_revision(self, initiative: Initiative, number: int, changed: list[str]) -> None:
        """A revision in the same form as the editors' (services.content_snapshot), so that the
        difference between an imported version and a later edit is shown correctly."""
        if number == 1:
            self._first_revision(initiative).save()
            return
        InitiativeRevision.objects.create(
            initiative=initiative,
            number=number,
            author=self.actor,
            data=content_snapshot(initiative),
            changed_fields=[name.removesuffix("_id") for name in changed],
            note=self._revision_note,
        )

    def _new_snapshot(self, initiative: Initiative) -> dict[str, Any]:
        """content_snapshot() of a just-created initiative, without its queries: it has no stages,
        SDGs, tags or participations yet, and its links are the ones just written."""
        data = {}
        for name in SCALAR_FIELDS:
            if name in ("coordinator", "funder"):
                data[name] = self.matcher.slug(getattr(initiative, f"{name}_id"))
            else:
                value = getattr(initiative, name)
                data[name] = value.isoformat() if isinstance(value, date) else value
        links = [[link.url, link.title] for link in getattr(initiative, "_new_links", [])]
        data.update(stages=[], sdgs=[], tags=[], participations=[], links=links)
        return data

    def _readable(self, changes: dict[str, list[Any]]) -> dict[str, list[Any]]:
        """Organisation ids in a change record become names."""
        readable = {}
        for name, (old, new) in changes.items():
            if name in ("coordinator_id", "funder_id"):
                readable[name.removesuffix("_id")] = [self.matcher.label(old), self.matcher.label(new)]
            else:
                readable[name] = [old, new]
        return readable

    def _slug(self, title: str) -> str:
        if self._slugs is None:
            self._slugs = set(Initiative.objects.values_list("slug", flat=True))
        base = slugify(title)[:100].strip("-") or "initiativ"
        slug, number = base, 2
        while slug in self._slugs or slug in RESERVED_SLUGS:
            slug = f"{base}-{number}"
            number += 1
        return slug

    # Caches after the savepoint ------------------------------------------------------------------
    def _remember(self, plan: Plan, initiative: Initiative) -> None:
        if initiative.reference_number:
            self._by_reference[initiative.reference_number] = initiative
            self._missing_references.discard(initiative.reference_number)
        if self._slugs is not None:
            self._slugs.add(initiative.slug)
        titles = self._titles.get(initiative.coordinator_id)
        if titles is not None:
            for title in {initiative.title_sv.casefold(), initiative.title_en.casefold()} - {""}:
                entries = titles.setdefault(title, [])
                if all(pk != initiative.pk for pk, _ref in entries):
                    entries.append((initiative.pk, bool(initiative.reference_number)))

    def _forget(self, plan: Plan) -> None:
        """A rolled-back record may have changed a cached initiative in memory: fetch it again."""
        if plan.reference:
            self._by_reference.pop(plan.reference, None)
            self._missing_references.discard(plan.reference)
        self._titles.clear()
