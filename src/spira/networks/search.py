"""Networks in the cross-app search (see spira.search.registry)."""

from django.utils.translation import gettext_lazy as _

from spira.networks.choices import NetworkKind
from spira.networks.models import Network
from spira.search.facets import Facet
from spira.search.registry import ANY_LANGUAGE, SearchField, SearchSpec, register


def _coordinator(network: Network) -> str:
    organisation = network.coordinator
    if organisation is None:
        return ""
    return " ".join(
        dict.fromkeys(n for n in (organisation.name, organisation.full_name, organisation.name_en) if n)
    )


register(
    SearchSpec(
        model=Network,
        type_name="network",
        label=_("Networks"),
        fields=[
            SearchField("name", "A", ANY_LANGUAGE),
            SearchField("name_en", "A", "en"),
            SearchField("description", "B", "sv"),
            SearchField("description_en", "B", "en"),
            SearchField(_coordinator, "C", ANY_LANGUAGE),
        ],
        public_queryset=lambda: Network.objects.all(),
        hit_template="search/hits/network.html",
        title=lambda network: network.display_name,
        date_field="created_at",
        snippet_fields=("description",),
        orderings={"title": ("name",)},
        facets=lambda: (Facet("kind", _("Kind"), "kind", choices=NetworkKind.choices),),
        select_related=("coordinator",),
        owner_field="coordinator",
    )
)
