"""Finding the organisations an imported record names, in the registry, with one lookup per run.

Imported records name their coordinator and funder as free text ("Piteå kommun -
KOMMUNLEDNINGSKONTORET", "Region Västerbotten", "KTH, Kungliga tekniska högskolan (202100-3054)").
:class:`OrganisationMatcher` loads every organisation's names once, answers from memory, and
creates the organisations it cannot find (a system action, logged with no actor). Creations made
inside a record's savepoint are held as pending until the caller commits or forgets them, so that a
record that fails never leaves a vanished organisation in the cache.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from spira.core.activity import log_action
from spira.organisations.choices import OrganisationKind
from spira.organisations.models import Organisation
from spira.organisations.models.organisation import fold
from spira.organisations.services import unique_slug
from spira.organisations.validators import normalise_org_number

VINNOVA_ORG_NUMBER = "202100-5216"
# Names under which sources refer to registry organisations whose official name differs.
ALIASES: dict[str, str] = {
    "vinnova": VINNOVA_ORG_NUMBER,
    "verket för innovationssystem": VINNOVA_ORG_NUMBER,
    "sweden's innovation agency": VINNOVA_ORG_NUMBER,
}
NAME_MAX_LENGTH = 200

_COMPANY = re.compile(r"\b(?:ab|hb|kb|aktiebolag|handelsbolag|kommanditbolag)\b|\(publ\)", re.IGNORECASE)
_ACADEMIA = re.compile(r"universitet|högskola|university|\brise\b|institute of technology", re.IGNORECASE)
_CIVIL_SOCIETY = re.compile(r"förening|stiftelse|association|foundation", re.IGNORECASE)
_REGION = re.compile(r"^region\b|regionen$", re.IGNORECASE)
_MUNICIPALITY_SUFFIX = re.compile(r"\s+(?:kommun|stad)$", re.IGNORECASE)


def guess_kind(name: str) -> str:
    """The kind of an organisation that is not in the registry, guessed from its name."""
    if re.search(r"\bkommun\b", name, re.IGNORECASE):
        return OrganisationKind.MUNICIPALITY
    if _REGION.search(name.strip()):
        return OrganisationKind.REGION
    if _COMPANY.search(name):
        return OrganisationKind.COMPANY
    if _ACADEMIA.search(name):
        return OrganisationKind.ACADEMIA
    if _CIVIL_SOCIETY.search(name):
        return OrganisationKind.CIVIL_SOCIETY
    return OrganisationKind.OTHER


def clean_org_number(raw: str | None) -> str | None:
    """A valid organisation number in the NNNNNN-NNNN form, or None."""
    if not raw:
        return None
    try:
        return normalise_org_number(raw)
    except ValidationError:
        return None


@dataclass(frozen=True, slots=True)
class _Entry:
    pk: int
    kind: str
    is_reference: bool
    label: str
    slug: str


# Preference when two organisations share a name (e.g. "Region Gotland" is both a municipality and
# a region): registry rows first, then the kind the name suggests.
_KIND_ORDER = (
    OrganisationKind.MUNICIPALITY,
    OrganisationKind.REGION,
    OrganisationKind.AGENCY,
    OrganisationKind.ACADEMIA,
    OrganisationKind.COMPANY,
    OrganisationKind.CIVIL_SOCIETY,
    OrganisationKind.NETWORK,
    OrganisationKind.OTHER,
)


class OrganisationMatcher:
    """Matches organisation names and numbers to Organisation ids, creating the unknown ones."""

    def __init__(self, *, source: str = "import") -> None:
        self.source = source
        self._by_name: dict[str, list[_Entry]] | None = None
        self._by_number: dict[str, _Entry] = {}
        self._municipalities: dict[str, _Entry] = {}
        self._entries: dict[int, _Entry] = {}
        self._pending: list[tuple[str | None, list[str], _Entry]] = []
        self.created: list[int] = []

    # Loading ------------------------------------------------------------------------------------
    def _load(self) -> None:
        self._by_name = {}
        rows = Organisation.objects.values_list(
            "pk", "kind", "is_reference", "name", "full_name", "name_en", "short_name", "org_number", "slug"
        ).order_by("pk")
        for pk, kind, is_reference, name, full_name, name_en, short_name, org_number, slug in rows:
            entry = _Entry(pk, kind, is_reference, full_name or name, slug)
            self._add(entry, org_number, [name, full_name, name_en, short_name])
            if kind == OrganisationKind.MUNICIPALITY and is_reference:
                self._municipalities[fold(name)] = entry

    def _add(self, entry: _Entry, org_number: str | None, names: list[str]) -> None:
        assert self._by_name is not None
        self._entries[entry.pk] = entry
        if org_number:
            self._by_number[org_number] = entry
        for name in dict.fromkeys(fold(n) for n in names if n):
            self._by_name.setdefault(name, []).append(entry)

    def _ensure_loaded(self) -> None:
        if self._by_name is None:
            self._load()

    # Lookups ------------------------------------------------------------------------------------
    def label(self, pk: int | None) -> str | None:
        """The display name of an organisation this matcher knows (for change records)."""
        if pk is None:
            return None
        self._ensure_loaded()
        entry = self._entries.get(pk)
        return entry.label if entry else str(pk)

    def slug(self, pk: int | None) -> str | None:
        """The slug of an organisation this matcher knows (revisions name organisations by slug)."""
        if pk is None:
            return None
        self._ensure_loaded()
        entry = self._entries.get(pk)
        if entry is None:
            return Organisation.objects.filter(pk=pk).values_list("slug", flat=True).first()
        return entry.slug

    def find(self, name: str | None, org_number: str | None = None) -> int | None:
        """The id of the organisation with this number or name, or None."""
        self._ensure_loaded()
        assert self._by_name is not None
        number = clean_org_number(org_number)
        if number and number in self._by_number:
            return self._by_number[number].pk
        folded = fold(name or "")
        if not folded:
            return None
        if folded in ALIASES and ALIASES[folded] in self._by_number:
            return self._by_number[ALIASES[folded]].pk
        entries = self._by_name.get(folded)
        if entries:
            return self._best(entries, name or "").pk
        # "Göteborgs Stad", "Lunds kommun", "Malmö stad" → the municipality Göteborg, Lund, Malmö.
        if municipality := self.municipality(_MUNICIPALITY_SUFFIX.sub("", folded)):
            return municipality
        return None

    def municipality(self, name: str) -> int | None:
        """The id of the municipality called ``name`` ("Lund", "Lunds", "Piteå")."""
        self._ensure_loaded()
        folded = fold(name)
        entry = self._municipalities.get(folded)
        if entry is None and folded.endswith("s"):
            entry = self._municipalities.get(folded[:-1])
        return entry.pk if entry else None

    def by_number(self, org_number: str) -> int | None:
        self._ensure_loaded()
        entry = self._by_number.get(org_number)
        return entry.pk if entry else None

    @staticmethod
    def _best(entries: list[_Entry], name: str) -> _Entry:
        preferred = guess_kind(name)

        def rank(entry: _Entry) -> tuple:
            return (not entry.is_reference, entry.kind != preferred, _KIND_ORDER.index(entry.kind), entry.pk)

        return min(entries, key=rank)

    # Creating -----------------------------------------------------------------------------------
    def match_or_create(self, name: str | None, org_number: str | None = None) -> int | None:
        """The id of the named organisation; an unknown one is created with a guessed kind.

        Call inside the record's savepoint and then :meth:`commit` or :meth:`forget`.
        """
        found = self.find(name, org_number)
        if found is not None or not (name or "").strip():
            return found
        return self._create(name.strip(), clean_org_number(org_number))

    def _create(self, name: str, org_number: str | None) -> int:
        if org_number and Organisation.objects.filter(org_number=org_number).exists():
            org_number = None  # taken by a row created after the cache was loaded; keep the name only
        given, name = name, name[:NAME_MAX_LENGTH]
        organisation = Organisation.objects.create(
            kind=guess_kind(name), name=name, slug=unique_slug(name), org_number=org_number
        )
        log_action(None, "organisations.organisation.created", organisation, data={"source": self.source})
        entry = _Entry(organisation.pk, organisation.kind, False, name, organisation.slug)
        names = [given, name]
        self._add(entry, org_number, names)
        self._pending.append((org_number, list(dict.fromkeys(fold(n) for n in names)), entry))
        return organisation.pk

    def commit(self) -> None:
        """The record's savepoint was released: keep what it created."""
        self.created.extend(entry.pk for _number, _names, entry in self._pending)
        self._pending.clear()

    def forget(self) -> None:
        """The record's savepoint was rolled back: drop what it created from the cache."""
        assert self._by_name is not None or not self._pending
        for org_number, names, entry in self._pending:
            if org_number:
                self._by_number.pop(org_number, None)
            for name in names:
                remaining = [other for other in self._by_name.get(name, []) if other.pk != entry.pk]
                if remaining:
                    self._by_name[name] = remaining
                else:
                    self._by_name.pop(name, None)
            self._entries.pop(entry.pk, None)
        self._pending.clear()
