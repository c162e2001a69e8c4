"""CSV and JSON exports of any filtered list, with the same filters as the HTML list and the API.

How to use it in an app (the initiatives list is the example)::

    class InitiativeListView(ExportMixin, ObjectListView):
        export_columns = [
            ExportColumn("slug"),
            ExportColumn("title", lambda obj: obj.title),
            ExportColumn("coordinator", "coordinator.slug"),
        ]
        export_filename = "initiatives"

Then the list's own URL answers ``?format=csv`` and ``?format=json`` (``format`` is one of the
global parameters every list understands, see ``spira.core.api.filters.GLOBAL_PARAMS``) with every
row the filters select, not only the current page. Sorting (``ordering``) applies too. In templates,
``{% include "includes/export_links.html" %}`` renders the two links with the current filters.

Details:

- The response is streamed and the rows are read in chunks, so large exports use little memory;
  at most ``export_max_rows`` rows are written (a header ``X-Export-Truncated: 1`` says so).
- CSV is UTF-8 with a byte-order mark (so that spreadsheet programs show å, ä and ö), one header
  row of the column names. Cells starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
  return get a leading apostrophe so that a spreadsheet does not run them as formulas.
- JSON is one array of objects keyed by the column names; dates are ISO 8601, lists stay lists.
- Invalid filters answer 400 with ``{"detail": ..., "errors": {...}}`` (like the API).
- ``export_response(queryset, columns, fmt, filename)`` builds the response for any queryset,
  for views that are not ObjectListViews.
"""

import csv
import datetime
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.http import JsonResponse, StreamingHttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _

EXPORT_FORMATS = ("csv", "json")
CHUNK_SIZE = 500
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportColumn:
    """One column: its name in the header, and how to read it from an object (a dotted
    attribute path or a function of the object). Without an accessor the name is the path."""

    name: str
    accessor: str | Callable[[Any], Any] | None = None

    def value(self, obj) -> Any:
        accessor = self.accessor or self.name
        if callable(accessor):
            return accessor(obj)
        value = obj
        for part in accessor.split("."):
            if value is None:
                return None
            value = getattr(value, part)
            if callable(value) and not isinstance(value, models.Manager):
                value = value()
        return value


def _json_value(value: Any) -> Any:
    if isinstance(value, models.Model):
        return getattr(value, "slug", None) or str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, models.Manager):
        return [_json_value(item) for item in value.all()]
    if isinstance(value, list | tuple | set):
        return [_json_value(item) for item in value]
    return value


def _csv_value(value: Any) -> str:
    value = _json_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(_csv_value(item) for item in value)
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        text = "'" + text
    return text


class _Echo:
    """A file-like object whose write returns the text, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def _rows(queryset: models.QuerySet | Iterable, limit: int | None) -> Iterator:
    if isinstance(queryset, models.QuerySet):
        if limit is not None:
            queryset = queryset[:limit]
        yield from queryset.iterator(chunk_size=CHUNK_SIZE)
    else:
        for number, obj in enumerate(queryset):
            if limit is not None and number >= limit:
                return
            yield obj


def _csv_stream(queryset, columns: list[ExportColumn], limit: int | None) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([column.name for column in columns])
    for obj in _rows(queryset, limit):
        yield writer.writerow([_csv_value(column.value(obj)) for column in columns])


def _json_stream(queryset, columns: list[ExportColumn], limit: int | None) -> Iterator[str]:
    yield "["
    first = True
    for obj in _rows(queryset, limit):
        record = {column.name: _json_value(column.value(obj)) for column in columns}
        yield ("" if first else ",\n") + json.dumps(record, ensure_ascii=False)
        first = False
    yield "]\n"


def export_response(
    queryset: models.QuerySet | Iterable,
    columns: list[ExportColumn],
    fmt: str,
    filename: str,
    max_rows: int | None = None,
) -> StreamingHttpResponse:
    """A streamed CSV or JSON download of `queryset`."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}")
    truncated = False
    if max_rows is not None and isinstance(queryset, models.QuerySet):
        truncated = queryset[max_rows : max_rows + 1].exists()
    if fmt == "csv":
        response = StreamingHttpResponse(
            _csv_stream(queryset, columns, max_rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(
            _json_stream(queryset, columns, max_rows), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    if truncated:
        response["X-Export-Truncated"] = "1"
    return response


class ExportMixin:
    """Adds `?format=csv|json` to an ObjectListView (or any django-filter FilterView)."""

    export_columns: list[ExportColumn] = []
    export_filename: str | None = None
    export_max_rows: int | None = 100_000

    def get_export_columns(self) -> list[ExportColumn]:
        return list(self.export_columns)

    def get_export_filename(self) -> str:
        return self.export_filename or str(self.model._meta.verbose_name_plural).replace(" ", "-")

    def get_export_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        """Hook for exports that need more joined than the page (by default the same queryset)."""
        return queryset

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format")
        if fmt is None:
            return super().get(request, *args, **kwargs)
        if fmt not in EXPORT_FORMATS:
            return JsonResponse(
                {"detail": _("Unknown export format."), "errors": {"format": [_("Use csv or json.")]}},
                status=400,
            )
        filterset = self.get_filterset(self.get_filterset_class())
        if not filterset.is_valid():
            errors = {name: [str(e) for e in messages] for name, messages in filterset.errors.items()}
            return JsonResponse(
                {"detail": _("The request contains invalid data."), "errors": errors}, status=400
            )
        queryset = self.get_export_queryset(filterset.qs)
        return export_response(
            queryset, self.get_export_columns(), fmt, self.get_export_filename(), self.export_max_rows
        )
