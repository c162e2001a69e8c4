"""Facet counts and hit totals of the typed search page.

With words, the full-text index filters by type, publicity and checked facet values itself
(spira.search.keys), so each statement reads only the rows it counts: the hits, and for every
facet with checked values the documents that fail that facet's filter alone (a facet's counts
leave out its own filter). Without words the slim document table is read once, with the filters
as substring tests. Facet lines are counted in C (one str.split and Counter per statement).
"""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spira.search import backends, keys
from spira.search import facets as facets_module
from spira.search.backends import Match

# {facet name: {value: number of documents}}
FacetCounts = dict[str, dict[str, int]]


@dataclass
class Counts:
    """The hit total, the facet counts of the hits, and for each filtered facet (by its position in
    the groups) the facet counts of the documents failing only that facet's filter."""

    total: int
    everywhere: FacetCounts = field(default_factory=dict)
    but_one: dict[int, FacetCounts] = field(default_factory=dict)

    def facet_counts(self, name: str, group: int | None) -> dict[str, int]:
        counts = dict(self.everywhere.get(name, {}))
        if group is not None:
            for value, n in self.but_one[group].get(name, {}).items():
                counts[value] = counts.get(value, 0) + n
        return counts


def count_lines(facet_texts: Sequence[str] | str) -> FacetCounts:
    """The facet counts of documents with these `SearchDocument.facets` texts (or those texts
    joined into one)."""
    joined = facet_texts if isinstance(facet_texts, str) else "".join(facet_texts)
    counts: FacetCounts = {}
    # Every line is counted in C (one str.split and Counter), then parsed once per distinct line.
    for line, n in Counter(joined.split("\n")).items():
        if line:
            name, _equals, value = line.partition("=")
            counts.setdefault(name, {})[value] = n
    return counts


def count_values(name: str, joined: str) -> FacetCounts:
    """The counts of one facet's values in joined `facets` texts (found by one regex in C)."""
    pattern = re.compile("\n" + re.escape(name) + "=([^\n]*)")
    return {name: dict(Counter(pattern.findall(joined)))}


def group_keys(groups) -> tuple[tuple[str, ...], ...]:
    """For each (facet, checked values), the keys of which a document needs one."""
    return tuple(
        tuple(keys.facet_key(facets_module.encode(facet.name, value)) for value in values)
        for facet, values in groups
    )


def keyed_match(terms, base_keys: Sequence[str], groups) -> Match:
    """The documents with every word of `terms`, all `base_keys` and a value of every group."""
    return Match(tuple(terms), keys=tuple(base_keys), key_groups=group_keys(groups))


def count_with_words(match: Match, names: Sequence[str], using: str) -> Counts:
    """Counts for a query with words, `match` being the hits (see keyed_match) and `names` the
    names of the facets of its key groups."""
    total, joined = backends.facet_text(backends.render(match, using), using)
    counts = Counts(total, count_lines(joined))
    for index, (group, name) in enumerate(zip(match.key_groups, names, strict=True)):
        others = match.key_groups[:index] + match.key_groups[index + 1 :]
        failing = match.replace(key_groups=others, without=(group,))
        # Only this facet's counts need these documents, so only its values are counted.
        _found, joined = backends.facet_text(backends.render(failing, using), using)
        counts.but_one[index] = count_values(name, joined)
    return counts


def flag_conditions(groups, using: str) -> tuple[list[str], list]:
    """For a query without words: SQL testing each group on `d.facets`, and its parameters."""
    conditions, params = [], []
    for facet, values in groups:
        conditions.append("(" + " OR ".join(backends.contains_sql("d.facets", using) for _ in values) + ")")
        params += [facets_module.needle(facet.name, value) for value in values]
    return conditions, params


def count_without_words(content_type_id: int, groups, using: str) -> Counts:
    """Counts for a query without words: one pass over the type's public documents, leaving out
    in SQL those failing more than one filter."""
    conditions, flag_params = flag_conditions(groups, using)
    flags = [f"CASE WHEN {condition} THEN 1 ELSE 0 END" for condition in conditions]
    where = ["d.content_type_id = %s", "d.public = %s"]
    params: list = [content_type_id, True]
    if groups:
        where.append(" + ".join(flags) + f" >= {len(groups) - 1}")
        params += flag_params
    rows = backends.document_rows(
        None,
        columns=["d.facets", *flags],
        column_params=flag_params,
        where=where,
        params=params,
        using=using,
    )
    passing: list[str] = []
    failing: dict[int, list[str]] = {index: [] for index in range(len(groups))}
    for row in rows:
        missing = [index for index, flag in enumerate(row[1:]) if not flag]
        if not missing:
            passing.append(row[0])
        elif len(missing) == 1:
            failing[missing[0]].append(row[0])
    counts = Counts(len(passing), count_lines(passing))
    counts.but_one = {index: count_lines(texts) for index, texts in failing.items()}
    return counts
