"""Writing the open data (and the research export) to a directory."""

import csv
import datetime
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterator
from pathlib import Path

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

# The value conversions of the download page's exports, so that both give the same files.
from spira.core.exports import FORMULA_PREFIXES
from spira.core.exports import _csv_value as csv_value
from spira.core.exports import _json_value as json_value
from spira.observatory.opendata.datasets import Dataset
from spira.observatory.opendata.dcat import catalogue_graph
from spira.observatory.registry import registry

CHUNK_SIZE = 2000
# Values that JSON and CSV take as they are (the common case, checked before anything else).
PLAIN = frozenset({str, int, float, bool, type(None)})

LICENCE_TEXT = """CC0 1.0 Universal (Public Domain Dedication)

The data in this directory (every .csv and .json file) is dedicated to the public domain under
CC0 1.0: you may copy, modify, distribute and use it, also commercially, without asking
permission. https://creativecommons.org/publicdomain/zero/1.0/

Data i denna katalog (alla .csv- och .json-filer) är fria att använda utan villkor enligt CC0 1.0.

Boundaries used for maps on Spira: Källa: SCB (not part of this export).
"""


def open_datasets() -> list[Dataset]:
    return [dataset for provider in registry.all() for dataset in provider.datasets()]


def write_dataset(dataset: Dataset, directory: Path) -> list[Path]:
    """`<name>.csv` and `<name>.json` in one pass over the rows, each value read once; the files
    are the same as the download page's (spira.core.exports), byte for byte."""
    columns = dataset.export_columns()
    paths = [directory / f"{dataset.name}.csv", directory / f"{dataset.name}.json"]
    with (
        paths[0].open("w", encoding="utf-8", newline="") as csv_file,
        paths[1].open("w", encoding="utf-8") as json_file,
    ):
        writer = csv.writer(csv_file)
        csv_file.write("\ufeff")
        writer.writerow([column.name for column in columns])
        json_file.write("[")
        separator = ""
        for obj in _rows(dataset.read()):
            values = [_json(column.value(obj)) for column in columns]
            writer.writerow([_csv(value) for value in values])
            record = dict(zip((column.name for column in columns), values, strict=True))
            json_file.write(separator + json.dumps(record, ensure_ascii=False))
            separator = ",\n"
        json_file.write("]\n")
    return paths


def _json(value):
    return value if type(value) in PLAIN else json_value(value)


def _csv(value) -> str:
    """`value` (already as in JSON) in a CSV cell."""
    if type(value) is str:
        return "'" + value if value.startswith(FORMULA_PREFIXES) else value
    if value is None:
        return ""
    return str(value) if type(value) is int else csv_value(value)


def _rows(rows) -> Iterator:
    if isinstance(rows, QuerySet):
        return rows.iterator(chunk_size=CHUNK_SIZE)
    return iter(rows)


def readme(datasets: list[Dataset], title: str, intro: str) -> str:
    lines = [f"# {title}", "", intro, "", _("Licence: CC0 1.0 (public domain). See LICENSE.txt."), ""]
    lines.append(
        _(
            "Files are UTF-8. CSV files have one header row; JSON files hold one array of objects with the same names."
        )
    )
    lines.append("")
    for dataset in datasets:
        lines += [f"## {dataset.name} ({dataset.title})", "", str(dataset.description), ""]
        lines += [f"{_('Files')}: `{dataset.name}.csv`, `{dataset.name}.json`", ""]
        lines += [f"| {_('Column')} | {_('Description')} |", "|---|---|"]
        lines += [f"| `{column.name}` | {column.description} |" for column in dataset.columns]
        lines.append("")
    return "\n".join(lines)


def write_opendata(directory: Path, language: str = "sv") -> list[Path]:
    """Every open dataset as CSV and JSON, README.md, LICENSE.txt, catalog.ttl, catalog.jsonld."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    with translation.override(language):
        datasets = open_datasets()
        for dataset in datasets:
            written += write_dataset(dataset, directory)
        (directory / "README.md").write_text(
            readme(
                datasets,
                _("Spira: open data"),
                _(
                    "Open data on Swedish public-sector innovation from Spira. One dataset per domain; no personal data."
                ),
            ),
            encoding="utf-8",
        )
        (directory / "LICENSE.txt").write_text(LICENCE_TEXT, encoding="utf-8")
        graph = catalogue_graph(datasets)
    graph.serialize(directory / "catalog.ttl", format="turtle")
    graph.serialize(directory / "catalog.jsonld", format="json-ld", auto_compact=True)
    written += [directory / name for name in ("README.md", "LICENSE.txt", "catalog.ttl", "catalog.jsonld")]
    return written


def pseudonym(salt: bytes, kind: str, pk) -> str:
    """A stable code for a row within one export that cannot be traced back without the salt
    (which is never written)."""
    return hmac.new(salt, f"{kind}:{pk}".encode(), hashlib.sha256).hexdigest()[:16]


def research_datasets(salt: bytes) -> list[Dataset]:
    extra = []
    for provider in registry.all():
        builder = getattr(provider, "research_only_datasets", None)
        if builder:
            extra.extend(builder(salt))
    return [*open_datasets(), *extra]


def write_research(directory: Path, language: str = "sv") -> list[Path]:
    """The anonymised bulk export for accompanying research: the open datasets plus row-level
    pseudonymised data, with a data dictionary (data_dictionary.md and .csv)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    salt = secrets.token_bytes(32)
    written = []
    with translation.override(language):
        datasets = research_datasets(salt)
        for dataset in datasets:
            written += write_dataset(dataset, directory)
        (directory / "data_dictionary.md").write_text(
            readme(
                datasets,
                _("Spira: research export"),
                _(
                    "Anonymised bulk export for accompanying research, made %(date)s. Row-level codes are "
                    "pseudonyms valid only within this export; no names, e-mail addresses or texts by people."
                )
                % {"date": datetime.date.today().isoformat()},
            ),
            encoding="utf-8",
        )
        with (directory / "data_dictionary.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["dataset", "column", "description"])
            for dataset in datasets:
                for column in dataset.columns:
                    writer.writerow([dataset.name, column.name, str(column.description)])
        (directory / "LICENSE.txt").write_text(LICENCE_TEXT, encoding="utf-8")
    written += [directory / n for n in ("data_dictionary.md", "data_dictionary.csv", "LICENSE.txt")]
    return written
