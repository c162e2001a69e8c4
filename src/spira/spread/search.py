"""Solutions in the cross-app search (see spira.search.registry). Procurement documents are
indexed and offered as a facet, so that procurable solutions can be searched as such."""

from django.utils.translation import gettext_lazy as _

from spira.organisations.models import County
from spira.search.facets import Facet
from spira.search.registry import ANY_LANGUAGE, SearchField, SearchSpec, register
from spira.spread.choices import Maturity, SolutionKind
from spira.spread.models import Solution


def _owner(solution: Solution) -> str:
    owner = solution.owner
    return " ".join(dict.fromkeys(n for n in (owner.name, owner.full_name, owner.name_en) if n))


def _procurement(solution: Solution) -> str:
    return " ".join(
        t
        for t in (
            solution.procurement_requirements,
            solution.procurement_evaluation_model,
            solution.framework_agreement,
        )
        if t
    )


def _county_labels(codes):
    return dict(County.objects.filter(code__in=codes).values_list("code", "name"))


def facets():
    return (
        Facet("kind", _("Kind"), "kind", choices=SolutionKind.choices),
        Facet("maturity", _("Maturity"), "maturity", choices=Maturity.choices),
        Facet(
            "procurement",
            _("Procurement documents"),
            "has_procurement_documents",
            choices=[
                ("True", _("with procurement documents")),
                ("False", _("without procurement documents")),
            ],
        ),
        Facet("county", _("County of the owner"), "owner__county__code", labels=_county_labels),
    )


register(
    SearchSpec(
        model=Solution,
        type_name="solution",
        label=_("Solutions"),
        fields=[
            SearchField("name", "A"),
            SearchField("summary", "B"),
            SearchField("description", "C"),
            SearchField("competences", "C"),
            SearchField(_procurement, "C"),
            SearchField(_owner, "C", ANY_LANGUAGE),
        ],
        language_field="language",
        public_queryset=lambda: Solution.objects.all(),
        hit_template="search/hits/default.html",
        title=lambda solution: solution.name,
        date_field="created_at",
        snippet_fields=("summary", "description"),
        orderings={"newest": ("-created_at",), "spread": ("-adopter_count", "name")},
        facets=facets,
        select_related=("owner", "owner__county"),
        owner_field="owner",
    )
)
