"""Ideas in the cross-app search and in "similar ideas" (see spira.search.registry)."""

from django.utils.translation import gettext_lazy as _

from spira.ideas.choices import Origin, StageType, Theme
from spira.ideas.models import Idea
from spira.search.facets import Facet
from spira.search.registry import SearchField, SearchSpec, register


def facets():
    return (
        Facet("theme", _("Theme"), "theme", choices=Theme.choices),
        Facet("stage_type", _("Stage"), "stage__stage_type", choices=StageType.choices),
        Facet("origin", _("Origin"), "origin", choices=Origin.choices),
    )


register(
    SearchSpec(
        model=Idea,
        type_name="idea",
        label=_("Ideas"),
        fields=[
            SearchField("title", "A"),
            SearchField("need", "B"),
            SearchField("description", "C"),
            SearchField("beneficiaries", "C"),
        ],
        language_field="language",
        public_queryset=lambda: Idea.objects.public(),
        hit_template="search/hits/default.html",
        title=lambda idea: idea.title,
        date_field="submitted_at",
        snippet_fields=("need", "description"),
        orderings={"newest": ("-submitted_at",), "title": ("title",)},
        facets=facets,
        select_related=("sluice", "stage"),
        owner_field="sluice",
    )
)
