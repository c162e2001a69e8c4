"""Reusable reads: what an organisation adopted and spread, the spread of a solution, the national view,
and "organisations like yours use these"."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Min, Q

from spira.organisations.models import Organisation
from spira.spread.choices import ACTIVE_STATUSES, AdoptionStatus
from spira.spread.models import Adoption, Solution

SIMILAR_POPULATION_FACTOR = 2.0
SIMILAR_LIMIT = 10


# Tab counts -------------------------------------------------------------------------------------


def count_for_organisation_adopted(organisation, user=None) -> int:
    return Adoption.objects.filter(adopter=organisation).count()


def _spread_ids(organisation):
    """Ids of the adoptions others learned from `organisation` or of its solutions. A UNION of two
    index lookups: the OR of the two conditions made PostgreSQL scan every adoption."""
    learned = Adoption.objects.filter(source=organisation).order_by().values("pk")
    owned = Adoption.objects.filter(solution__owner=organisation).order_by().values("pk")
    return learned.union(owned)


def count_for_organisation_spread(organisation, user=None) -> int:
    return _spread_ids(organisation).count()


def count_for_initiative(initiative, user=None) -> int:
    return Solution.objects.filter(initiatives=initiative).count()


# One solution -----------------------------------------------------------------------------------


ORG_FIELDS = ("name", "full_name", "name_en", "slug", "municipality_code", "latitude", "longitude", "county")


def adoptions_of(solution: Solution):
    """Every adoption of `solution` with the few organisation columns the page draws (not their
    JSON `extra`): a widely spread solution has hundreds."""
    return (
        Adoption.objects.filter(solution=solution)
        .select_related("adopter", "adopter__county", "source")
        .only(
            *(f.name for f in Adoption._meta.concrete_fields if f.name not in {"created_by"}),
            *(f"adopter__{name}" for name in ORG_FIELDS),
            "adopter__county__name",
            *(f"source__{name}" for name in ORG_FIELDS if name != "county"),
        )
        .order_by("started_on", "id")
    )


@dataclass(frozen=True)
class TimelineEvent:
    day: date
    adoption: Adoption
    status: str


def timeline(adoptions) -> list[TimelineEvent]:
    """Every dated step of every adoption, oldest first."""
    fields = (
        ("interested_on", AdoptionStatus.INTERESTED),
        ("pilot_started_on", AdoptionStatus.PILOTING),
        ("in_use_since", AdoptionStatus.IN_USE),
        ("discontinued_on", AdoptionStatus.DISCONTINUED),
    )
    events = [
        TimelineEvent(getattr(a, name), a, status)
        for a in adoptions
        for name, status in fields
        if getattr(a, name)
    ]
    return sorted(events, key=lambda e: (e.day, e.adoption.pk))


def learning_edges(solution: Solution, adoptions) -> list[tuple[Organisation, Organisation, Adoption]]:
    """Who learned from whom: (source, adopter, adoption) for every adoption."""
    return [(a.source, a.adopter, a) for a in adoptions]


# Organisations ----------------------------------------------------------------------------------


NAME_FIELDS = ("name", "full_name", "name_en", "slug")
LISTED_FIELDS = (
    "status", "started_on", "adopter_confirmed_at", "source_confirmed_at", "solution__slug",
    "solution__name", *(f"adopter__{name}" for name in NAME_FIELDS),
    *(f"source__{name}" for name in NAME_FIELDS),
)  # fmt: skip


def _listed(adoptions):
    """Adoptions as the organisation tabs list them: the few columns shown, not the solutions'
    long texts and publiccode.yml."""
    return adoptions.select_related("solution", "adopter", "source").only(*LISTED_FIELDS)


def adopted_by(organisation):
    return _listed(Adoption.objects.filter(adopter=organisation)).order_by("-started_on", "-id")


def adopted_from(organisation):
    """Adoptions of the organisation's solutions, and adoptions others learned from it."""
    return _listed(Adoption.objects.filter(pk__in=_spread_ids(organisation))).order_by("-started_on", "-id")


def similar_organisations(organisation):
    """Organisations of the same kind, similar size (within a factor of two) or the same county."""
    similar = Organisation.objects.filter(kind=organisation.kind).exclude(pk=organisation.pk)
    condition = Q()
    if organisation.population:
        low = int(organisation.population / SIMILAR_POPULATION_FACTOR)
        high = int(organisation.population * SIMILAR_POPULATION_FACTOR)
        condition |= Q(population__gte=low, population__lte=high)
    if organisation.county_id:
        condition |= Q(county_id=organisation.county_id)
    return similar.filter(condition) if condition else similar


def recommended_for(organisation, limit: int = SIMILAR_LIMIT) -> list[Solution]:
    """ "Organisations like yours use these": solutions piloted or used by similar organisations
    that this one has not registered yet (nor owns), the most used first.

    Four small queries: the peers, what the organisation already has, the peers' active adoptions
    counted per solution (an index-only scan; the top `limit` plus as many as could be left out),
    and the solutions shown. Leaving out the organisation's own solutions in Python keeps the
    count a plain aggregate, which is what makes it fast at national scale."""
    peers = list(similar_organisations(organisation).values_list("pk", flat=True))
    if not peers:
        return []
    taken = Adoption.objects.filter(adopter=organisation).order_by().values_list("solution_id", flat=True)
    owned = Solution.objects.filter(owner=organisation).order_by().values_list("pk", flat=True)
    excluded = set(taken.union(owned))
    rows = (
        Adoption.objects.filter(adopter_id__in=peers, status__in=ACTIVE_STATUSES)
        .order_by()
        .values("solution_id")
        .annotate(peers=Count("adopter_id"))
        .order_by("-peers", "solution_id")
        .values_list("solution_id", "peers")[: limit + len(excluded)]
    )
    counts = dict([row for row in rows if row[0] not in excluded][:limit])
    solutions = Solution.objects.filter(pk__in=counts).select_related("owner")
    result = sorted(solutions, key=lambda s: (-counts[s.pk], s.name))
    for solution in result:
        solution.peer_count = counts[solution.pk]
    return result


# National view ----------------------------------------------------------------------------------


def most_spread(limit: int = 20):
    return (
        Solution.objects.filter(adopter_count__gt=0)
        .select_related("owner")
        .order_by("-adopter_count", "name")[:limit]
    )


def spread_per_county() -> list[dict]:
    """Per county: active adoptions and the number of distinct adopting organisations."""
    return list(
        Adoption.objects.filter(status__in=ACTIVE_STATUSES, adopter__county__isnull=False)
        .values("adopter__county__code", "adopter__county__name")
        .annotate(adoptions=Count("id"), organisations=Count("adopter_id", distinct=True))
        .order_by("adopter__county__code")
    )


def time_to_tenth_adoption(limit: int = 20) -> list[dict]:
    """For solutions with at least ten active adoptions: days from the first pilot to the tenth
    adoption (by the date each started), the fastest first."""
    candidates = list(
        Solution.objects.filter(adopter_count__gte=10)
        .order_by("-adopter_count", "pk")
        .values_list("pk", flat=True)[:500]
    )
    if not candidates:
        return []
    dates: dict[int, list[date]] = defaultdict(list)
    pilots: dict[int, date] = {}
    rows = (
        Adoption.objects.filter(
            solution_id__in=candidates, status__in=ACTIVE_STATUSES, started_on__isnull=False
        )
        .values_list("solution_id", "started_on", "pilot_started_on")
        .order_by("solution_id", "started_on")
    )
    for solution_id, started, pilot in rows:
        dates[solution_id].append(started)
        if pilot and (solution_id not in pilots or pilot < pilots[solution_id]):
            pilots[solution_id] = pilot
    result = []
    for solution_id, started in dates.items():
        if len(started) < 10:
            continue
        first = min(pilots.get(solution_id, started[0]), started[0])
        result.append(
            {
                "solution_id": solution_id,
                "days": (started[9] - first).days,
                "first": first,
                "tenth": started[9],
            }
        )
    result.sort(key=lambda row: (row["days"], row["solution_id"]))
    result = result[:limit]
    names = dict(Solution.objects.filter(pk__in=[r["solution_id"] for r in result]).values_list("pk", "slug"))
    titles = dict(Solution.objects.filter(pk__in=names).values_list("pk", "name"))
    for row in result:
        row["slug"], row["name"] = names[row["solution_id"]], titles[row["solution_id"]]
    return result


def adoption_totals() -> dict:
    counts = Counter(dict(Adoption.objects.values_list("status").annotate(n=Count("id")).order_by()))
    verified = Adoption.objects.verified().count()
    return {
        "by_status": counts,
        "verified": verified,
        "first": Adoption.objects.aggregate(first=Min("started_on"))["first"],
    }


@dataclass(frozen=True)
class OrgRow:
    pk: int
    display_name: str
    municipality_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class SpreadRow:
    """One adoption as the figures need it: plain values, no model instances (there can be hundreds)."""

    pk: int
    adopter: OrgRow
    source: OrgRow
    status: str
    interested_on: date | None
    pilot_started_on: date | None
    in_use_since: date | None
    discontinued_on: date | None
    is_verified: bool

    @property
    def adopter_id(self) -> int:
        return self.adopter.pk


def _display(name, full_name, name_en) -> str:
    from django.utils.translation import get_language

    if (get_language() or "").startswith("en") and name_en:
        return name_en
    return full_name or name


def spread_rows(solution: Solution) -> list[SpreadRow]:
    """Every adoption of `solution` in one query of plain values, oldest first."""
    rows = (
        Adoption.objects.filter(solution=solution)
        .order_by("started_on", "id")
        .values_list(
            "pk",
            "status",
            "interested_on",
            "pilot_started_on",
            "in_use_since",
            "discontinued_on",
            "adopter_confirmed_at",
            "source_confirmed_at",
            "adopter_id",
            "adopter__name",
            "adopter__full_name",
            "adopter__name_en",
            "adopter__municipality_code",
            "adopter__latitude",
            "adopter__longitude",
            "source_id",
            "source__name",
            "source__full_name",
            "source__name_en",
        )
    )
    result = []
    for (pk, status, interested, pilot, in_use, discontinued, adopter_ok, source_ok,
         a_pk, a_name, a_full, a_en, code, lat, lon, s_pk, s_name, s_full, s_en) in rows:  # fmt: skip
        result.append(
            SpreadRow(
                pk=pk,
                adopter=OrgRow(a_pk, _display(a_name, a_full, a_en), code, lat, lon),
                source=OrgRow(s_pk, _display(s_name, s_full, s_en)),
                status=status,
                interested_on=interested,
                pilot_started_on=pilot,
                in_use_since=in_use,
                discontinued_on=discontinued,
                is_verified=adopter_ok is not None and source_ok is not None,
            )
        )
    return result
