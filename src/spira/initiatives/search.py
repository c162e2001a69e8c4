"""Initiatives in the cross-app search (see spira.search.registry)."""

from django.db.models import Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from spira.initiatives.choices import TEXT_FIELDS, InitiativeStatus, InnovationStage, PublicationState, Sector
from spira.initiatives.models import Initiative
from spira.organisations.choices import OrganisationKind
from spira.organisations.models import County, Organisation, Sdg
from spira.search.facets import Facet, YearFacet
from spira.search.registry import ANY_LANGUAGE, SearchField, SearchSpec, register

WEIGHTS = {"title": "A", "summary": "B"}
SNIPPET_FIELDS = ("summary", "overview", "results", "innovation", "purpose")


def _title_ordering():
    first, second = (
        ("title_en", "title_sv") if (get_language() or "sv").startswith("en") else ("title_sv", "title_en")
    )
    return (Lower(Coalesce(NullIf(first, Value("")), second)),)


def _tags(initiative: Initiative) -> str:
    # From the prefetched tags when indexing a batch, without building a manager per record.
    prefetched = getattr(initiative, "_prefetched_objects_cache", {}).get("tags")
    tags = prefetched if prefetched is not None else initiative.tags.all()
    return " ".join(tag.name for tag in tags)


def _coordinator(initiative: Initiative) -> str:
    organisation = initiative.coordinator
    if organisation is None:
        return ""
    return " ".join(
        dict.fromkeys(n for n in (organisation.name, organisation.full_name, organisation.name_en) if n)
    )


def _county_labels(codes):
    return dict(County.objects.filter(code__in=codes).values_list("code", "name"))


def _funder_labels(slugs):
    funders = Organisation.objects.filter(slug__in=slugs).only("slug", "name", "full_name", "name_en")
    return {o.slug: o.display_name for o in funders}


def _sdg_labels(numbers):
    numbers = [int(n) for n in numbers if n.isascii() and n.isdigit()]
    return {str(sdg.number): str(sdg) for sdg in Sdg.objects.filter(number__in=numbers)}


def facets():
    return (
        Facet("status", _("Status"), "status", choices=InitiativeStatus.choices),
        Facet("stage", _("Innovation stage"), "stages__code", choices=InnovationStage.choices),
        Facet("sector", _("Sector"), "sector", choices=Sector.choices),
        Facet(
            "county",
            _("County of the coordinator"),
            "coordinator__county__code",
            labels=_county_labels,
        ),
        Facet("kind", _("Kind of coordinator"), "coordinator__kind", choices=OrganisationKind.choices),
        Facet(
            "sdg",
            _("Sustainable development goal"),
            "sdgs__number",
            labels=_sdg_labels,
        ),
        Facet("funder", _("Funder"), "funder__slug", labels=_funder_labels),
        Facet("call", _("Call"), "call", limit=10),
        YearFacet("year", _("Start year"), "start_month"),
    )


register(
    SearchSpec(
        model=Initiative,
        type_name="initiative",
        label=_("Initiatives"),
        fields=[
            *(
                SearchField(f"{name}_{language}", WEIGHTS.get(name, "C"))
                for name in TEXT_FIELDS
                for language in ("sv", "en")
            ),
            SearchField(_coordinator, "C", ANY_LANGUAGE),
            SearchField(_tags, "C", ANY_LANGUAGE),
        ],
        language_field="original_language",
        public_queryset=lambda: Initiative.objects.published(),
        is_public=lambda initiative: initiative.state == PublicationState.PUBLISHED,
        hit_template="search/hits/initiative.html",
        title=lambda initiative: initiative.title,
        date_field="published_at",
        snippet_fields=SNIPPET_FIELDS,
        orderings={"newest": ("-published_at",), "title": _title_ordering},
        facets=facets,
        select_related=("coordinator", "coordinator__county", "funder"),
        hit_select_related=("coordinator",),
        hit_defer=tuple(
            f"{name}_{language}"
            for name in TEXT_FIELDS
            if name != "title" and name not in SNIPPET_FIELDS
            for language in ("sv", "en")
        ),
        # Their changes change the indexed text (tags) or the facet values kept in the index.
        m2m_fields=("tags", "stages", "sdgs"),
        owner_field="coordinator",
    )
)
