"""Pages: solutions (list, page with map, timeline and graph, sharing, editing), adoptions (list,
interest, status, effect, confirmation), the organisation and initiative tabs, the national view and
each software solution's publiccode.yml."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from spira.core.cache import cache_public_page
from spira.core.exports import ExportColumn, ExportMixin
from spira.core.permissions import is_moderator
from spira.core.views import ObjectDetailView, ObjectHistoryView, ObjectListView, ObjectTabView
from spira.initiatives.models import Initiative
from spira.organisations.models import Organisation
from spira.organisations.queries import organisation_detail_queryset
from spira.spread import caching, figures, maps, queries, services
from spira.spread.choices import TRANSITIONS
from spira.spread.filtersets import AdoptionFilterSet, SolutionFilterSet
from spira.spread.forms import (
    AdoptionEffectForm,
    AdoptionStatusForm,
    OrganisationChoiceForm,
    SolutionForm,
    add_service_errors,
    find_initiatives,
    my_organisations,
)
from spira.spread.models import Adoption, Solution
from spira.spread.publiccode.convert import to_yaml

SOLUTION_COLUMNS = [
    ExportColumn("slug"),
    ExportColumn("name"),
    ExportColumn("kind"),
    ExportColumn("maturity"),
    ExportColumn("owner", "owner.slug"),
    ExportColumn("summary"),
    ExportColumn("cost_band"),
    ExportColumn("effort"),
    ExportColumn("licence"),
    ExportColumn("repository_url"),
    ExportColumn("has_procurement_documents"),
    ExportColumn("framework_agreement"),
    ExportColumn("adopters", "adopter_count"),
    ExportColumn("created_at"),
]
ADOPTION_COLUMNS = [
    ExportColumn("id"),
    ExportColumn("solution", "solution.slug"),
    ExportColumn("adopter", "adopter.slug"),
    ExportColumn("source", "source.slug"),
    ExportColumn("status"),
    ExportColumn("verified", "is_verified"),
    ExportColumn("interested_on"),
    ExportColumn("pilot_started_on"),
    ExportColumn("in_use_since"),
    ExportColumn("discontinued_on"),
    ExportColumn("discontinued_reason"),
    ExportColumn("adaptations"),
    ExportColumn("effect"),
    ExportColumn("indicator"),
    ExportColumn("baseline"),
    ExportColumn("result"),
]


class SolutionListView(ExportMixin, ObjectListView):
    model = Solution
    filterset_class = SolutionFilterSet
    template_name = "spread/solution_list.html"
    export_columns = SOLUTION_COLUMNS
    export_filename = "solutions"

    def get_queryset(self):
        return super().get_queryset().select_related("owner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_share"] = self.request.user.has_perm("spread.add_solution")
        context["can_import"] = self.request.user.has_perm("spread.import_publiccode")
        return context


class AdoptionListView(ExportMixin, ObjectListView):
    model = Adoption
    filterset_class = AdoptionFilterSet
    template_name = "spread/adoption_list.html"
    export_columns = ADOPTION_COLUMNS
    export_filename = "adoptions"

    def get_queryset(self):
        return super().get_queryset().select_related("solution", "adopter", "source")


@method_decorator(cache_public_page, name="dispatch")
class SolutionDetailView(ObjectDetailView):
    model = Solution
    template_name = "spread/solution_detail.html"
    history_url_name = "spread:solution_history"

    def get_queryset(self):
        return super().get_queryset().select_related("owner").prefetch_related("links")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        solution, user = self.object, self.request.user
        drawn = figures.figures_for(solution)
        context["figures"] = drawn
        context["more_adoptions"] = drawn.adoption_count > figures.TABLE_LIMIT
        context["all_url"] = reverse("spread:adoption_list") + f"?solution={solution.slug}"
        context["initiatives"] = solution.initiatives.published().only("slug", "title_sv", "title_en")
        context["can_change"] = user.has_perm("spread.change_solution", solution)
        mine = (
            list(my_organisations(user).only("slug", "name", "full_name", "name_en"))
            if user.is_authenticated
            else []
        )
        rows = _rows_for_reader(drawn.rows, {org.pk for org in mine}, is_moderator(user))
        if any(row["can_change"] or row["confirm_as"] for row in rows):
            context["adoption_rows"] = rows
        taken = drawn.adopter_ids | {solution.owner_id}
        context["interest_choices"] = [org for org in mine if org.pk not in taken]
        return context


def _rows_for_reader(rows, mine: set[int], moderator: bool) -> list[dict]:
    """The cached table rows with what this reader may do on each: change the adoption (members of
    the adopter, moderators) and confirm it (members of a party that has not confirmed yet)."""
    return [
        {
            "row": row,
            "can_change": row.adopter.pk in mine or moderator,
            "confirm_as": [
                party
                for party, confirmed in (
                    (row.adopter, row.adopter_confirmed),
                    (row.source, row.source_confirmed),
                )
                if party.pk in mine and not confirmed
            ],
        }
        for row in rows
    ]


class SolutionHistoryView(ObjectHistoryView):
    model = Solution


class SolutionFormMixin(LoginRequiredMixin):
    form_class = SolutionForm
    template_name = "spread/solution_form.html"

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.finding:
            form.show_without_errors()
            return self.render_to_response(self.get_context_data(form=form))
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class SolutionCreateView(SolutionFormMixin, FormView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("spread.add_solution"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            solution = services.create_solution(
                self.request.user, form.cleaned_data["owner"], **form.values()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The solution was shared."))
        return redirect(solution)


class SolutionUpdateView(SolutionFormMixin, FormView):
    def dispatch(self, request, *args, **kwargs):
        self.solution = get_object_or_404(Solution, slug=kwargs["slug"])
        if request.user.is_authenticated and not request.user.has_perm(
            "spread.change_solution", self.solution
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.solution}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "object": self.solution}

    def form_valid(self, form):
        try:
            services.update_solution(self.request.user, self.solution, **form.values())
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The solution was saved."))
        return redirect(self.solution)


def initiative_choices(request):
    """Initiatives matching `initiative_search`, as boxes to tick (the solution form's search as
    you type); those already ticked (`initiatives`) are left out."""
    query = request.GET.get("initiative_search", "")[:200]
    ticked = set(request.GET.getlist("initiatives"))
    found = [i for i in find_initiatives(query) if i.slug not in ticked] if query.strip() else []
    return render(
        request, "spread/partials/_initiative_found.html", {"found": found, "query": query, "boxes": True}
    )


class SolutionInterestView(LoginRequiredMixin, View):
    """ "We are interested": one click (one form button) on the solution's page."""

    def post(self, request, slug):
        solution = get_object_or_404(Solution, slug=slug)
        form = OrganisationChoiceForm(request.POST, user=request.user)
        if not form.is_valid():
            messages.error(request, _("Choose one of your organisations."))
            return redirect(solution)
        try:
            services.mark_interest(request.user, solution, form.cleaned_data["organisation"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(solution)
        messages.success(request, _("Your interest was registered and the owner was told."))
        return redirect(solution.get_absolute_url() + "#adoptions")


class AdoptionMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        self.adoption = get_object_or_404(
            Adoption.objects.select_related("solution", "adopter", "source"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "adoption": self.adoption}


class AdoptionStatusView(AdoptionMixin, FormView):
    form_class = AdoptionStatusForm
    template_name = "spread/adoption_status.html"

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        return response

    def get(self, request, *args, **kwargs):
        if not request.user.has_perm("spread.change_adoption", self.adoption):
            raise PermissionDenied
        if not TRANSITIONS[self.adoption.status]:
            messages.info(request, _("This adoption cannot change status."))
            return redirect(self.adoption)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "adoption": self.adoption}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.change_adoption_status(
                self.request.user, self.adoption, data["status"], on=data["on"], reason=data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The status was changed."))
        return redirect(self.adoption)


class AdoptionEffectView(AdoptionMixin, FormView):
    form_class = AdoptionEffectForm
    template_name = "spread/adoption_effect.html"

    def get(self, request, *args, **kwargs):
        if not request.user.has_perm("spread.change_adoption", self.adoption):
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.adoption}

    def form_valid(self, form):
        values = {name: form.cleaned_data[name] for name in AdoptionEffectForm.Meta.fields}
        values = {k: ("" if v is None and k not in {"baseline", "result"} else v) for k, v in values.items()}
        try:
            services.update_adoption(self.request.user, self.adoption, **values)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The adoption was saved."))
        return redirect(self.adoption)


class AdoptionConfirmView(AdoptionMixin, View):
    def post(self, request, pk):
        organisation = Organisation.objects.filter(slug=request.POST.get("organisation", "")).first()
        if organisation is None:
            messages.error(request, _("Choose one of your organisations."))
            return redirect(self.adoption)
        try:
            services.confirm_adoption(request.user, self.adoption, organisation)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.adoption)
        if self.adoption.is_verified:
            messages.success(request, _("Both organisations have confirmed: the adoption is verified."))
        else:
            messages.success(request, _("Confirmed. The other organisation is asked to confirm too."))
        return redirect(self.adoption)


def solution_publiccode(request, slug):
    """The publiccode.yml of a software solution (usedBy from verified adoptions)."""
    solution = get_object_or_404(Solution.objects.software().select_related("owner"), slug=slug)
    response = HttpResponse(
        to_yaml(services.publiccode_export(solution)), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{solution.slug}-publiccode.yml"'
    return response


@method_decorator(cache_public_page, name="dispatch")
class NationalView(TemplateView):
    template_name = "spread/national.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        per_county = queries.spread_per_county()
        context["most_spread"] = queries.most_spread()
        context["per_county"] = per_county
        context["map_svg"] = maps.county_map_svg(
            maps.county_shades({row["adopter__county__code"]: row["adoptions"] for row in per_county}),
            _(
                "Map of Sweden's counties shaded by the number of organisations piloting or using shared solutions"
            ),
        )
        context["tenth"] = queries.time_to_tenth_adoption()
        context["totals"] = queries.adoption_totals()
        return context


class OrganisationTabBase(ObjectTabView):
    model = Organisation
    history_url_name = "organisations:organisation_history"

    def get_queryset(self):
        return organisation_detail_queryset().visible_to(self.request.user)


@method_decorator(cache_public_page, name="dispatch")
class OrganisationAdoptedView(OrganisationTabBase):
    template_name = "spread/organisation_adopted.html"
    active_tab = "adopted"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = Paginator(queries.adopted_by(self.object), 25).get_page(
            self.request.GET.get("page")
        )
        context["recommended"] = caching.recommended_for(self.object)
        return context


@method_decorator(cache_public_page, name="dispatch")
class OrganisationSpreadView(OrganisationTabBase):
    template_name = "spread/organisation_spread.html"
    active_tab = "spread"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["solutions"] = (
            Solution.objects.filter(owner=self.object)
            .only("slug", "name", "adopter_count")
            .order_by("-adopter_count", "name")[:50]
        )
        context["page_obj"] = Paginator(queries.adopted_from(self.object), 25).get_page(
            self.request.GET.get("page")
        )
        return context


class InitiativeSolutionsView(ObjectTabView):
    model = Initiative
    template_name = "spread/initiative_solutions.html"
    active_tab = "solutions"
    history_url_name = "initiatives:initiative_history"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["solutions"] = (
            Solution.objects.filter(initiatives=self.object)
            .select_related("owner")
            .order_by("-adopter_count", "name")
        )
        context["title_lang"] = self.object.original_language or get_language()
        return context
