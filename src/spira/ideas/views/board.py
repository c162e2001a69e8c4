"""The coordinators' board of a sluice: one column per stage, each paging on its own."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from spira.ideas.choices import Origin
from spira.ideas.models import Idea
from spira.ideas.queries import board, board_page_param, page_number
from spira.ideas.views.sluices import SluiceMixin

# A card with its form to move the idea. Made with format_html rather than a template: a board
# shows up to a hundred cards, and the template engine took most of the page's time for them.
CARD = """<li class="ideas-card">
  <h3><a href="{url}">{title}</a></h3>
  <p class="object-meta">{meta}</p>
  <form method="post" action="{move_url}" class="ideas-move">
    {csrf}<input type="hidden" name="next" value="{next}">
    <label for="move-{ref}">{move_to}<span class="visually-hidden">: {title}</span></label>
    <select name="stage" id="move-{ref}">{options}</select>
    <label for="answer-{ref}">{answer}<span class="visually-hidden">: {title}</span></label>
    <input type="text" name="answer" id="answer-{ref}" maxlength="5000">
    <button type="submit">{move}<span class="visually-hidden">: {title}</span></button>
  </form>
</li>"""


class SluiceBoardView(LoginRequiredMixin, SluiceMixin, TemplateView):
    """The coordinators' board: one column (a list with a heading) per stage, and on each card a
    small form to move the idea (no drag and drop needed).

    Each column shows one page of its cards, newest first, with its own links to older and newer
    ones (`?page-<stage id>=N`, so every column keeps its place). Without JavaScript the links load
    the board with that column's page; with HTMX they replace only that column's cards
    (`?column=<stage id>`) and move the focus there.
    """

    template_name = "ideas/sluice_board.html"
    column_template_name = "ideas/partials/_board_column.html"

    def get(self, request, *args, **kwargs):
        if not request.user.has_perm("ideas.change_sluice", self.sluice):
            raise PermissionDenied
        self.pages = {
            int(key[5:]): page_number(value)
            for key, value in request.GET.items()
            if key.startswith("page-") and key[5:].isdigit() and len(key) < 20
        }
        column = request.GET.get("column", "")
        if request.htmx and column:
            stage_id = int(column) if column.isdigit() and len(column) < 10 else None
            columns = board(self.sluice, request.user, self.pages, only_stage=stage_id) if stage_id else []
            if not columns:
                raise Http404
            context = self.get_context_data(columns=columns)
            return render(request, self.column_template_name, {**context, "column": columns[0]})
        return super().get(request, *args, **kwargs)

    def page_query(self, stage_id: int | None = None, page: int | None = None) -> str:
        """The board's query string with every column's page, `stage_id` at `page`."""
        pages = dict(self.pages)
        if stage_id is not None:
            pages[stage_id] = page
        query = QueryDict(mutable=True)
        for pk, value in sorted(pages.items()):
            if value > 1:
                query[board_page_param(pk)] = str(value)
        return query.urlencode()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        columns = kwargs.get("columns") or board(self.sluice, self.request.user, self.pages)
        if len(columns) == 1:
            stages = list(self.sluice.stages.order_by("position", "id"))
        else:
            stages = [column.stage for column in columns]
        query = self.page_query()
        board_url = self.request.path + (f"?{query}" if query else "")
        card = CardMaker(self.request, board_url)
        for column in columns:
            options = move_options(stages, column.stage.pk)
            column.previous_query = self.page_query(column.stage.pk, column.page - 1)
            column.next_query = self.page_query(column.stage.pk, column.page + 1)
            column.cards = [card(idea, options) for idea in column.ideas]
        context["columns"] = columns
        return context


class CardMaker:
    """Makes the cards of one page: what is the same on every card is worked out once."""

    def __init__(self, request, board_url: str):
        self.board_url = board_url
        self.csrf = format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        )
        self.detail_url, self.move_url = url_maker("ideas:idea_detail"), url_maker("ideas:idea_move")
        self.origins = {value: capfirst(str(label)) for value, label in Origin.choices}
        self.labels = {"move_to": _("Move to"), "answer": _("Answer"), "move": _("Move")}

    def __call__(self, idea: Idea, options: str) -> str:
        return format_html(
            CARD,
            url=self.detail_url(idea.pk),
            title=conditional_escape(idea.title),
            meta=self.meta(idea),
            move_url=self.move_url(idea.pk),
            csrf=self.csrf,
            next=self.board_url,
            ref=idea.pk,
            options=options,
            **self.labels,
        )

    def meta(self, idea: Idea) -> str:
        """The line under a card's title: origin, supports, score and coach."""
        parts = [
            self.origins[idea.origin],
            ngettext("%(counter)s support", "%(counter)s supports", idea.support_count)
            % {"counter": idea.support_count},
        ]
        if idea.score is not None:
            parts.append(f"{_('score')} {localize(idea.score)}")
        if idea.coach is not None:
            parts.append(f"{_('coach')} {idea.coach}")
        return " · ".join(parts)


def url_maker(name: str):
    """A function giving the URL of `name` for a primary key: one reverse() per page instead of
    one per card."""
    marker = "2147483647"
    pattern = reverse(name, kwargs={"pk": int(marker)})
    return lambda pk: pattern.replace(marker, str(int(pk)))


def move_options(stages, selected: int) -> str:
    """The <option>s of a card's "move to" list: the same on every card of a column."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((stage.pk, " selected" if stage.pk == selected else "", stage.name) for stage in stages),
    )
