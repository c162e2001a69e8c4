"""Writing and describing the activity log. Services call `log_action`; nothing else writes it."""

from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from spira.core import bulk
from spira.core.models import ActivityLogEntry

_ACTION_LABELS: dict[str, Promise | str] = {}


def register_actions(labels: dict[str, Promise | str]) -> None:
    """Apps register human labels for their action codes (`ideas.idea.stage_changed`)."""
    _ACTION_LABELS.update(labels)


def action_label(code: str) -> Promise | str:
    return _ACTION_LABELS.get(code, code)


register_actions(
    {
        "core.content.reported": _("reported the content"),
        "core.content.hidden": _("hid the content"),
        "core.content.restored": _("restored the content"),
        "core.report.dismissed": _("dismissed a report"),
    }
)


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value for the change record."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields`, to compare after a change."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """`{field: [old, new]}` for the fields whose value differs."""
    return {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}


def apply_changes(
    obj: models.Model,
    values: dict[str, Any],
    fields: Iterable[str],
    validate: Callable[[Any], None] | None = None,
) -> dict[str, list[Any]]:
    """Set `values` on `obj` (unsaved) and `validate(obj)`, if given; return what changed among
    `fields` (as `diff` gives it) for the service to save and log.

    When validation fails the object is read back from the database before the error goes on,
    so that the caller's object does not keep the refused values."""
    fields = list(fields)
    before = snapshot(obj, fields)
    for name, value in values.items():
        setattr(obj, name, value)
    try:
        if validate is not None:
            validate(obj)
    except ValidationError:
        obj.refresh_from_db()
        raise
    return diff(before, snapshot(obj, fields))


def log_action(
    actor,
    action: str,
    obj: models.Model,
    changes: dict[str, list[Any]] | None = None,
    data: dict[str, Any] | None = None,
) -> ActivityLogEntry:
    """Record that `actor` did `action` to `obj`. Anonymous actors are stored as null."""
    from django.contrib.contenttypes.models import ContentType

    user = actor if getattr(actor, "is_authenticated", False) else None
    return ActivityLogEntry.objects.create(
        actor=user,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=changes or {},
        data={key: _plain(value) for key, value in (data or {}).items()},
    )


def log_actions_bulk(
    actor, action: str, objects: Iterable[models.Model], data: dict[str, Any] | None = None
) -> list[ActivityLogEntry]:
    """Record that `actor` did `action` to each of `objects` (saved records), together (see
    spira.core.bulk; the entries' own keys are not read back).

    The same entries as `log_action` for each object, for services that write many records at
    once (imports); `data` is shared by every entry. No change records: these are creations.
    """
    from django.contrib.contenttypes.models import ContentType

    user = actor if getattr(actor, "is_authenticated", False) else None
    plain = {key: _plain(value) for key, value in (data or {}).items()}
    entries = [
        ActivityLogEntry(
            actor=user,
            action=action,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj)[:300],
            data=plain,
        )
        for obj in objects
    ]
    bulk.insert(ActivityLogEntry, entries)
    return entries
