"""Reusable reads: lists, the board, one idea's public trail, and similar ideas and initiatives."""

from dataclasses import dataclass
from math import ceil

from django.contrib.contenttypes.models import ContentType
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

# Fewer stems than a saved record's similar(): typing should be fast and the draft is short.
DRAFT_TERMS = 8
# How many of them a suggestion must all contain to be ranked first.
ALL_TERMS = 3


def similar_to_draft(
    title: str, need: str = "", description: str = "", language: str = "sv", limit: int = SIMILAR_LIMIT
) -> dict:
    """Public ideas (in any sluice) and published initiatives that resemble a draft idea, for the
    hand-in form ("others have done this"). Two index queries and two record queries."""
    from spira.initiatives.models import Initiative
    from spira.search import backends, registry
    from spira.search.index import build_document
    from spira.search.services import characteristic_terms

    draft = Idea(
        title=title or "",
        need=need or "",
        description=description or "",
        language=language if language in ("sv", "en") else "sv",
    )
    spec = registry.spec_for(Idea)
    if spec is None:
        return {"ideas": [], "initiatives": []}
    terms = characteristic_terms(build_document(spec, draft, public=False).search_text, limit=DRAFT_TERMS)
    if not terms:
        return {"ideas": [], "initiatives": []}
    result = {}
    for key, model, queryset in (
        ("ideas", Idea, Idea.objects.public().select_related("sluice", "stage")),
        (
            "initiatives",
            Initiative,
            registry.spec_for(Initiative).public_queryset()
            if registry.spec_for(Initiative)
            else Initiative.objects.none(),
        ),
    ):
        content_type = ContentType.objects.get_for_model(model)
        where, params = ["d.content_type_id = %s", "d.public = %s"], [content_type.pk, True]
        # Records with all of the draft's most characteristic stems, ranked; with fewer stems
        # when that finds too little, then each stem alone. Each query is selective, so the index finds few rows;
        # ranking every record that shares any one common word would be slow at national scale.
        rows: list = []
        top = terms[:ALL_TERMS]
        attempts = [top[:size] for size in range(len(top), 1, -1)] + [[term] for term in top]
        for attempt in attempts:
            found = {row[0] for row in rows}
            more = backends.document_rows(
                backends.match_expression(attempt),
                columns=["d.object_id"],
                where=where,
                params=params,
                rank=True,
                order_by="score DESC, d.id",
                limit=limit,
            )
            rows += [row for row in more if row[0] not in found]
            if len(rows) >= limit:
                break
        rows = rows[:limit]
        ids = [row[0] for row in rows]
        objects = queryset.in_bulk(ids) if ids else {}
        result[key] = [objects[pk] for pk in ids if pk in objects]
    return result
