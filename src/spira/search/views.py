from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from spira.search import registry, services

MAX_QUERY_LENGTH = 200


class SearchView(TemplateView):
    """/sok/: one search box over every registered type; facets when one type is searched.

    A plain GET form, so it works without JavaScript; with HTMX only the results are rendered and
    the facets and the result count are swapped out of band.
    """

    template_name = "search/search.html"
    partial_template_name = "search/partials/_search_update.html"
    page_title = _("Search")

    def get_template_names(self):
        if self.request.htmx and not self.request.htmx.boosted:
            return [self.partial_template_name]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        query = params.get("q", "")[:MAX_QUERY_LENGTH].replace("\x00", "")
        results = services.search(
            query,
            type_name=params.get("type") or None,
            params=params,
            sort=params.get("sort", "relevance"),
            page=params.get("page", 1),
        )
        querystring = params.copy()
        querystring.pop("page", None)
        context.update(
            results=results,
            querystring=querystring.urlencode(),
            page_obj=results.page,
            sorts=[
                ("relevance", _("Relevance")),
                ("newest", _("Newest first")),
                ("title", _("Title")),
            ],
            types=registry.specs(),
            type_name=params.get("type", ""),
        )
        return context
