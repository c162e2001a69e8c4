"""Knowledge resources in the cross-app search (see spira.search.registry)."""

from django.utils.translation import gettext_lazy as _

from spira.knowledge.choices import Adaptability, Discipline, IntendedUser, ResourceType
from spira.knowledge.models import KnowledgeResource
from spira.search.facets import Facet
from spira.search.registry import ANY_LANGUAGE, SearchField, SearchSpec, register


def _publisher(resource: KnowledgeResource) -> str:
    return resource.publisher_display or ""


def _networks(resource: KnowledgeResource) -> str:
    return " ".join(n.name for n in resource.networks.all())


def facets():
    return (
        Facet("type", _("Type"), "type", choices=ResourceType.choices),
        Facet("discipline", _("Discipline or practice"), "discipline", choices=Discipline.choices),
        Facet("intended_user", _("Intended user"), "intended_user", choices=IntendedUser.choices),
        Facet("adaptability", _("How adaptable"), "adaptability", choices=Adaptability.choices),
    )


register(
    SearchSpec(
        model=KnowledgeResource,
        type_name="knowledge",
        label=_("Knowledge resources"),
        fields=[
            SearchField("title", "A"),
            SearchField("title_en", "A"),
            SearchField("summary", "B"),
            SearchField("summary_en", "B"),
            SearchField("description", "C"),
            SearchField("research_theme", "C"),
            SearchField(_publisher, "C", ANY_LANGUAGE),
            SearchField(_networks, "C", ANY_LANGUAGE),
        ],
        language_field="language",
        public_queryset=lambda: KnowledgeResource.objects.not_hidden(),
        hit_template="search/hits/knowledge.html",
        title=lambda resource: resource.display_title,
        date_field="created_at",
        snippet_fields=("summary", "description"),
        orderings={"title": ("title",), "newest": ("-created_at",)},
        facets=facets,
        select_related=("publisher",),
        prefetch_related=("networks",),
        m2m_fields=("networks",),
        owner_field="publisher",
    )
)
