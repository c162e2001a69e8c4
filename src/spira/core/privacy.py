"""The registry of personal data: every app says what it holds about a person and how to erase it.

An app registers one entry per kind of data in its `AppConfig.ready`::

    register_personal_data("ideas", export=export_ideas, erase=erase_ideas)

`export(user)` returns JSON-safe data (a dict or a list; dates may be `date`/`datetime`, they are
encoded by `DjangoJSONEncoder`). `erase(user)` removes what is private and anonymises what is public
(e.g. sets the author of a public idea to null) and must not delete the user itself: that is done
once, at the end, by `spira.accounts.services.erase_person`, inside one transaction with every eraser.
Rows that point at the user with `on_delete=PROTECT` must be dealt with by their app's eraser. An
eraser that cannot proceed raises ValidationError with a message for the person; nothing is erased.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

FORMAT = "spira-personal-data/1"


@dataclass(frozen=True)
class PersonalDataSource:
    name: str
    export: Callable[[Any], dict | list]
    erase: Callable[[Any], None]


_sources: dict[str, PersonalDataSource] = {}


def register_personal_data(
    name: str, export: Callable[[Any], dict | list], erase: Callable[[Any], None]
) -> None:
    """Register (or replace) the exporter and eraser for one kind of personal data."""
    _sources[name] = PersonalDataSource(name=name, export=export, erase=erase)


def personal_data_sources() -> list[PersonalDataSource]:
    """The registered sources, in registration order (INSTALLED_APPS order)."""
    return list(_sources.values())


def export_personal_data(user) -> dict[str, Any]:
    """Everything Spira holds about `user`, one key per registered source."""
    data: dict[str, Any] = {"format": FORMAT, "exported_at": timezone.now()}
    for source in personal_data_sources():
        data[source.name] = source.export(user)
    return data
