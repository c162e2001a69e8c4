"""Readable differences between two revisions of an initiative.

The result is data (segments of unchanged, deleted and inserted text), rendered by the template
with autoescaping, so that nothing an author wrote is ever marked safe.
"""

import difflib
import re

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from spira.initiatives.models import Initiative

RELATION_LABELS = {
    "stages": _("Innovation stages"),
    "sdgs": _("Sustainable development goals"),
    "tags": _("Tags"),
    "participations": _("Participating organisations"),
    "links": _("Links"),
}
_TOKENS = re.compile(r"(\s+)")


def field_label(name: str):
    if name in RELATION_LABELS:
        return RELATION_LABELS[name]
    try:
        return capfirst(Initiative._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(kind, text)] with kind "equal", "delete" or "insert", word by word."""
    a = [t for t in _TOKENS.split(old or "") if t]
    b = [t for t in _TOKENS.split(new or "") if t]
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(("insert", "".join(b[j1:j2])))
    return segments


def _item(value) -> str:
    if isinstance(value, list | tuple):
        return " – ".join(str(v) for v in value if v not in (None, ""))
    return str(value)


def revision_changes(old: dict, new: dict) -> list[dict]:
    """The fields that differ between two snapshots, each with how to show the difference."""
    changes = []
    for name in new:
        before, after = old.get(name), new.get(name)
        if before == after or (before in (None, "", []) and after in (None, "", [])):
            continue
        change = {"name": name, "label": field_label(name)}
        if isinstance(after, list) or isinstance(before, list):
            before_items = [_item(v) for v in before or []]
            after_items = [_item(v) for v in after or []]
            change["removed"] = [v for v in before_items if v not in after_items]
            change["added"] = [v for v in after_items if v not in before_items]
            change["kind"] = "list"
        elif (
            isinstance(after, str)
            and isinstance(before, str | type(None))
            and len(after or "") + len(before or "") > 80
        ):
            change["segments"] = word_diff(before or "", after or "")
            change["kind"] = "text"
        else:
            change["old"] = "" if before is None else before
            change["new"] = "" if after is None else after
            change["kind"] = "value"
        changes.append(change)
    return changes
