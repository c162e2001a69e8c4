"""Validate a catalogue against DCAT-AP 2.1.1 core and DCAT-AP 3.0.0 + DIGG's Swedish additions,
ignoring exactly the results DIGG's overrides list."""

import json
import warnings
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import RDF

SHAPES = Path(__file__).resolve().parent.parent / "dcat_shapes"
SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class Result:
    profile: str
    focus: str
    path: str
    component: str
    message: str


def _results(data: Graph, shapes: Graph, profile: str) -> list[Result]:
    from pyshacl import validate

    _conforms, report, _text = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(node, SH.resultSeverity)
        if severity != SH.Violation:
            continue
        results.append(
            Result(
                profile,
                str(report.value(node, SH.focusNode)),
                str(report.value(node, SH.resultPath) or ""),
                str(report.value(node, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
                str(report.value(node, SH.resultMessage) or ""),
            )
        )
    return results


def load_catalogue(path: Path) -> Graph:
    """Read catalog.ttl or catalog.jsonld (rdflib's JSON-LD parser still builds a
    ConjunctiveGraph internally and warns about it; the warning is rdflib's own business)."""
    fmt = "json-ld" if path.suffix == ".jsonld" else "turtle"
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return Graph().parse(path, format=fmt)


def overrides() -> set[tuple[str, str]]:
    data = json.loads((SHAPES / "dcat-ap-se-overrides.json").read_text(encoding="utf-8"))
    return {(item["path"], c) for item in data["overrides"] for c in item["ignoreConstraints"]}


def validate_catalogue(data: Graph) -> list[Result]:
    """The violations left: [] means the catalogue conforms to both profiles."""
    core = Graph().parse(SHAPES / "dcat-ap_2.1.1_shacl_shapes.ttl")
    v3 = Graph().parse(SHAPES / "dcat-ap_3.0.0_shacl.ttl")
    v3.parse(SHAPES / "dcat-ap-se-additions.ttl")
    ignored = overrides()
    results = _results(data, core, "DCAT-AP 2.1.1")
    results += [r for r in _results(data, v3, "DCAT-AP 3.0.0 + SE") if (r.path, r.component) not in ignored]
    return results
