"""Reusable reads: lists, the board, one idea's public trail, and similar ideas and initiatives."""

from collections import Counter
from dataclasses import dataclass
from math import ceil

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import Case, Count, F, IntegerField, Prefetch, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber

from spira.ideas.models import Comment, Idea, Review, ReviewRound, Sluice, Stage, StageLog

# Cards per column and page of the board.
BOARD_PAGE_SIZE = 10
SIMILAR_LIMIT = 5


def count_for_organisation(organisation, user=None) -> int:
    """The number on the organisation page's ideas tab: its sluices."""
    return Sluice.objects.filter(organisation=organisation).count()


def sluice_list_queryset() -> QuerySet[Sluice]:
    return Sluice.objects.select_related("organisation").annotate(idea_count=Count("ideas"))


def idea_list_queryset() -> QuerySet[Idea]:
    """What every list of ideas shows, in one query."""
    return Idea.objects.select_related("sluice__organisation", "stage", "coach")


def idea_detail_queryset() -> QuerySet[Idea]:
    return Idea.objects.select_related(
        "sluice__organisation", "stage", "coach", "submitter", "challenge", "merged_into", "initiative"
    )


@dataclass
class BoardColumn:
    """One column of the board: a stage, its number of ideas and one page of its cards."""

    stage: Stage
    count: int
    page: int
    ideas: list[Idea]
    page_size: int = BOARD_PAGE_SIZE

    @property
    def pages(self) -> int:
        return max(1, ceil(self.count / self.page_size))

    @property
    def first(self) -> int:
        """The position of the first card shown (1-based), 0 when there is none."""
        return (self.page - 1) * self.page_size + 1 if self.ideas else 0

    @property
    def last(self) -> int:
        return self.first + len(self.ideas) - 1 if self.ideas else 0

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def board_page_param(stage_id: int) -> str:
    """The query parameter that holds a column's page, so each column pages on its own."""
    return f"page-{stage_id}"


def page_number(value) -> int:
    """A page number from a query parameter: 1 for anything that is not a positive number."""
    try:
        return max(1, int(str(value)[:9]))
    except (TypeError, ValueError):
        return 1


def board(sluice: Sluice, user, pages=None, only_stage: int | None = None) -> list[BoardColumn]:
    """The columns of a sluice's board: each stage with its number of ideas and one page of its
    cards, newest first (`pages` maps a stage id to its page number, from `board_page_param`;
    a page beyond the last shows the last). With `only_stage`, that column alone.

    Three queries, whatever the number of ideas; the cards come from one window query that
    numbers the ideas of each stage and keeps each column's page.
    """
    pages = pages or {}
    stages = sluice.stages.order_by("position", "id")
    if only_stage is not None:
        stages = stages.filter(pk=only_stage)
    stages = list(stages)
    if user.has_perm("ideas.change_sluice", sluice):
        # Its coordinators see every idea of the sluice: no visibility conditions to evaluate.
        ideas = Idea.objects.filter(sluice=sluice)
    else:
        ideas = Idea.objects.visible_to(user).filter(sluice=sluice)
    if only_stage is not None:
        ideas = ideas.filter(stage_id=only_stage)
    counts = dict(ideas.order_by().values_list("stage_id").annotate(n=Count("pk")))
    starts = {}
    for stage in stages:
        last_page = max(1, ceil(counts.get(stage.pk, 0) / BOARD_PAGE_SIZE))
        starts[stage.pk] = (min(page_number(pages.get(stage.pk, 1)), last_page) - 1) * BOARD_PAGE_SIZE
    offset = Case(
        *(When(stage_id=pk, then=Value(start)) for pk, start in starts.items() if start),
        default=Value(0),
        output_field=IntegerField(),
    )
    # Number the ideas of each stage newest first and keep each column's page: only the columns
    # of the board index are read (an index-only scan in board order, no sort), and only the
    # cards shown are then read in full. Saying how many there are at most lets the database
    # plan for a few rows rather than for thousands.
    most = BOARD_PAGE_SIZE * max(len(stages), 1)
    page = (
        ideas.order_by()
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("stage_id")], order_by=[F("submitted_at").desc(), F("id").desc()]
            ),
            offset=offset,
        )
        .filter(rank__gt=F("offset"), rank__lte=F("offset") + BOARD_PAGE_SIZE)
        .values("pk")[:most]
    )
    shown = (
        Idea.objects.filter(pk__in=page)
        .select_related("coach")
        .only(
            "pk",
            "title",
            "stage_id",
            "submitted_at",
            "origin",
            "support_count",
            "score",
            "coach__display_name",
            "coach__email",
            "is_hidden",
            "is_public",
        )
        .order_by("stage_id", "-submitted_at", "-id")
    )
    cards: dict[int, list[Idea]] = {}
    for idea in shown:
        cards.setdefault(idea.stage_id, []).append(idea)
    return [
        BoardColumn(
            stage=stage,
            count=counts.get(stage.pk, 0),
            page=starts[stage.pk] // BOARD_PAGE_SIZE + 1,
            ideas=cards.get(stage.pk, []),
        )
        for stage in stages
    ]


def trail(idea: Idea) -> list[StageLog]:
    """The idea's stays in stages, oldest first, with the answers given."""
    return list(StageLog.objects.filter(idea=idea).select_related("stage").order_by("entered_at", "id"))


def comments_for(idea: Idea, user) -> list[Comment]:
    comments = Comment.objects.filter(idea=idea).select_related("author")
    if not user.has_perm("ideas.view_internal_idea", idea):
        comments = comments.filter(visibility="public")
    return list(comments)


def review_rounds_for(idea: Idea) -> list[ReviewRound]:
    return list(
        ReviewRound.objects.filter(idea=idea)
        .select_related("stage")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=Review.objects.select_related("reviewer").prefetch_related("scores__criterion"),
            )
        )
    )


def open_reviews_of(user) -> QuerySet[Review]:
    return (
        Review.objects.filter(reviewer=user, submitted_at__isnull=True, round__idea__closed_at__isnull=True)
        .filter(round__stage_id=F("round__idea__stage_id"))
        .select_related("round__idea__sluice")
    )


def stages_for_move(idea: Idea) -> list[Stage]:
    """The stages the idea may move to from where it is."""
    from spira.ideas.choices import TRANSITIONS, StageType

    allowed = TRANSITIONS[idea.stage.stage_type] - {StageType.CLOSED_MERGED}
    return [
        s
        for s in idea.sluice.stages.order_by("position", "id")
        if s.stage_type in allowed and s.pk != idea.stage_id
    ]


# Similar ideas and initiatives --------------------------------------------------------------------

# How many of the draft's most characteristic stems a suggestion should contain: first all of
# them, then the first two, then each alone.
ALL_TERMS = 3
# Where a stem stands in the draft says how characteristic it is (as for a saved record).
DRAFT_WEIGHTS = (("title", 3), ("need", 2), ("description", 1))
# Each attempt ranks at most this many of the documents it matches (of any type). Typing must stay
# fast however common a word is: a word in thousands of records is judged by a sample of them.
CANDIDATES = 200


# A stem in more than this share of all indexed records says nothing about a draft (like a stop
# word), and on PostgreSQL even finding its records costs as much as reading the index.
COMMON_SHARE = 0.2
COMMON_STEMS_KEY = "spira:ideas:common-stems"


def common_stems(using: str = "default") -> frozenset[str]:
    """Stems in more than COMMON_SHARE of the search index's records, from PostgreSQL's own
    statistics of the indexed texts (kept by ANALYZE; the commonest lexemes and their shares),
    cached for an hour. None on SQLite, whose full-text index finds a common word cheaply."""
    from spira.search import backends

    connection = connections[using]
    if connection.vendor != "postgresql":
        return frozenset()

    def read() -> frozenset[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats"
                " WHERE schemaname = current_schema() AND tablename = %s AND attname = 'vector'",
                [backends.TEXT_TABLE],
            )
            row = cursor.fetchone()
        if not row or not row[0]:
            return frozenset()
        return frozenset(stem for stem, share in zip(row[0], row[1], strict=False) if share > COMMON_SHARE)

    return cache.get_or_set(COMMON_STEMS_KEY, read, 60 * 60)


def draft_stems(title: str, need: str, description: str, language: str, using: str = "default") -> list[str]:
    """The draft's most characteristic stems, best first: frequent in it, in its heavy fields,
    neither stop words nor in most records, stemmed by its language as the index stems it."""
    from spira.search.stopwords import stop_stems
    from spira.search.text import stems

    ignored = stop_stems() | common_stems(using)
    scores: Counter[str] = Counter()
    for value, weight in zip((title, need, description), (w for _f, w in DRAFT_WEIGHTS), strict=True):
        for stem in stems(value or "", language):
            if len(stem) > 2 and not stem.isdigit() and stem not in ignored:
                scores[stem] += weight
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return [stem for stem, _score in ranked[:ALL_TERMS]]


def _candidates(attempts: list[list[str]], using: str) -> list[tuple[int, int, float]]:
    """(document id, attempt, score) of at most CANDIDATES documents per attempt (all of its stems),
    scored as search scores them, in one statement."""
    from spira.search import backends

    connection = connections[using]
    parts, params = [], []
    if connection.vendor == "postgresql":
        for number, attempt in enumerate(attempts):
            query = " & ".join("'" + stem.replace("\\", "\\\\").replace("'", "''") + "'" for stem in attempt)
            parts.append(
                f"(SELECT document_id, {number}, ts_rank(%s::float4[], vector, %s::tsquery, 1)"
                f" FROM {backends.TEXT_TABLE} WHERE vector @@ %s::tsquery LIMIT {CANDIDATES})"
            )
            params += [backends.TS_RANK_WEIGHTS, query, query]
        # Only the full-text index may find the candidates. For a common word the planner would
        # rather read the table (or its primary key) "until enough are found", which is slow
        # whenever the matching rows are not spread evenly through it.
        nested = connection.in_atomic_block
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)"
            )
            cursor.execute(" UNION ALL ".join(parts), params)
            rows = cursor.fetchall()
            if nested:  # the settings would last until the end of the caller's transaction
                cursor.execute("RESET enable_seqscan")
                cursor.execute("RESET enable_indexscan")
        return rows
    fts = backends.FTS_TABLE
    for number, attempt in enumerate(attempts):
        parts.append(
            f"SELECT * FROM (SELECT rowid, {number}, -bm25({fts}, {backends.BM25_WEIGHTS})"
            f" FROM {fts} WHERE {fts} MATCH %s LIMIT {CANDIDATES})"
        )
        params.append(" AND ".join('"' + stem.replace('"', '""') + '"' for stem in attempt))
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return cursor.fetchall()


def similar_to_draft(
    title: str, need: str = "", description: str = "", language: str = "sv", limit: int = SIMILAR_LIMIT
) -> dict:
    """Public ideas (in any sluice) and published initiatives that resemble a draft idea, for the
    hand-in form ("others have done this"), best first.

    The draft's three most characteristic stems are looked up in the search index in attempts
    from the most to the least specific: records with all three, with the first two, then with
    each alone. A record counts where it is first found, ranked there by search's score. One
    full-text statement with every attempt, each bounded (CANDIDATES), then one query for the
    documents found and one per type for the records shown: fast whatever the size of the index.
    """
    from spira.initiatives.models import Initiative
    from spira.search import registry
    from spira.search.models import SearchDocument

    found: dict[str, list] = {"ideas": [], "initiatives": []}
    using = Idea.objects.db
    language = language if language in ("sv", "en") else "sv"
    top = draft_stems(title, need, description, language, using)
    if not top or registry.spec_for(Idea) is None:
        return found
    types = {"ideas": (Idea, Idea.objects.public().select_related("sluice", "stage"))}
    initiative_spec = registry.spec_for(Initiative)
    if initiative_spec is not None:
        types["initiatives"] = (Initiative, initiative_spec.public_queryset())
    content_types = {
        ContentType.objects.db_manager(using).get_for_model(model).pk: key
        for key, (model, _qs) in types.items()
    }
    attempts = [top[:size] for size in range(len(top), 1, -1)] + [[stem] for stem in top]
    candidates = sorted(_candidates(attempts, using), key=lambda row: (row[1], -row[2], row[0]))
    documents = {
        pk: (content_types[content_type], object_id)
        for pk, content_type, object_id in SearchDocument.objects.using(using)
        .filter(pk__in={row[0] for row in candidates}, public=True, content_type_id__in=content_types)
        .values_list("pk", "content_type_id", "object_id")
    }
    chosen: dict[str, list[int]] = {key: [] for key in types}
    seen: set[int] = set()
    for document_id, _attempt, _score in candidates:
        if document_id in documents and document_id not in seen:
            seen.add(document_id)
            key, object_id = documents[document_id]
            if len(chosen[key]) < limit:
                chosen[key].append(object_id)
    for key, (_model, queryset) in types.items():
        objects = queryset.in_bulk(chosen[key]) if chosen[key] else {}
        found[key] = [objects[pk] for pk in chosen[key] if pk in objects]
    return found
