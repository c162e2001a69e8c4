"""Pages of the observatory: the national dashboard, the organisation profile and portfolio,
an initiative's effect goals, and the open-data download page."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from spira.core.exports import EXPORT_FORMATS, export_response
from spira.core.views import ObjectTabView
from spira.initiatives.models import Initiative
from spira.initiatives.queries import initiative_detail_queryset
from spira.initiatives.views.browse import InitiativeHeaderMixin, InitiativeTabsMixin
from spira.observatory import services
from spira.observatory.cache import cached
from spira.observatory.charts import Chart
from spira.observatory.choices import PORTFOLIO_QUESTIONS, Facet
from spira.observatory.dashboard import (
    find_chart,
    map_data,
    map_layers,
    national_sections,
    organisation_profile,
    size_comparison,
)
from spira.observatory.forms import (
    EffectGoalForm,
    FacetMappingForm,
    MeasurementForm,
    PortfolioForm,
    add_service_errors,
)
from spira.observatory.models import EffectGoal
from spira.observatory.opendata.dcat import catalogue_graph
from spira.observatory.opendata.writer import open_datasets
from spira.observatory.queries import current_assessment, goal_state, goals_of, similar_portfolio_average
from spira.observatory.scope import read_scope
from spira.organisations.models import Organisation
from spira.organisations.queries import organisation_detail_queryset

EXTRA_PARAMS = ("layer", "chart", "format")


def chart_csv_response(chart: Chart, filename: str) -> HttpResponse:
    response = HttpResponse(chart.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


class DashboardView(TemplateView):
    """The national dashboard. Filters live in the URL, so a view can be shared as a link."""

    template_name = "observatory/dashboard.html"

    def get(self, request, *args, **kwargs):
        self.form, self.scope, unknown = read_scope(request.GET, EXTRA_PARAMS)
        layers = dict(map_layers())
        self.layer = request.GET.get("layer") or next(iter(layers), "")
        if self.layer not in layers:
            messages.warning(
                request,
                _("There is no map of “%(layer)s”; showing %(default)s.")
                % {"layer": self.layer, "default": next(iter(layers.values()), "")},
            )
            self.layer = next(iter(layers), "")
        if unknown:
            messages.warning(
                request, _("Unknown filters were ignored: %(names)s") % {"names": ", ".join(unknown)}
            )
        chart_id = request.GET.get("chart")
        if chart_id is not None:
            if request.GET.get("format", "csv") != "csv":
                return JsonResponse(
                    {"detail": _("Unknown export format."), "errors": {"format": [_("Use csv.")]}}, status=400
                )
            chart = find_chart(self.scope, chart_id, self.layer)
            if chart is None:
                raise Http404
            return chart_csv_response(chart, chart_id)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        for name in ("chart", "format"):
            query.pop(name, None)
        querystring = query.urlencode()

        def body() -> str:
            # The charts' markup is cached as a whole, so a cached page renders no chart at all.
            return render_to_string(
                "observatory/partials/_dashboard_body.html",
                {
                    "sections": national_sections(self.scope),
                    "comparison": size_comparison(self.scope),
                    "map": map_data(self.scope, self.layer),
                    "querystring": querystring,
                },
            )

        def filters() -> str:
            return render_to_string(
                "observatory/partials/_filters.html",
                {"form": self.form, "layers": map_layers(), "layer": self.layer},
            )

        context.update(
            form=self.form,
            scope=self.scope,
            # The form's markup is cached too: its widgets cost more to render than the page.
            filters=mark_safe(cached("filters", filters, querystring, self.layer)),
            body=mark_safe(cached("body", body, self.scope.key, self.layer, querystring)),
            layers=map_layers(),
            layer=self.layer,
            querystring=querystring,
            share_url=self.request.build_absolute_uri(
                self.request.path + (f"?{querystring}" if query else "")
            ),
        )
        return context


class OrganisationTabMixin:
    model = Organisation
    history_url_name = "organisations:organisation_history"

    def get_queryset(self):
        return organisation_detail_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.request.user.has_perm("organisations.change_organisation", self.object)
        return context


class OrganisationProfileView(OrganisationTabMixin, ObjectTabView):
    template_name = "observatory/organisation_profile.html"
    active_tab = "profile"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        chart_id = request.GET.get("chart")
        if chart_id:
            profile = organisation_profile(self.object)
            charts = [profile["comparison"], *profile["charts"]]
            chart = next((c for c in charts if c.id == chart_id), None)
            if chart is None:
                raise Http404
            return chart_csv_response(chart, f"{self.object.slug}-{chart_id}")
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["profile"] = organisation_profile(self.object)
        return context


def portfolio_chart(organisation, assessment, average) -> Chart:
    series = {
        str(organisation.display_name): [assessment.scores()[f] for f in Facet.values]
        if assessment
        else [0] * 4
    }
    if average:
        series[_("Anonymised mean of similar organisations")] = [average[f] for f in Facet.values]
    return Chart(
        "portfolio",
        _("Innovation portfolio on the four facets (0–100)"),
        [str(label).capitalize() for _v, label in Facet.choices],
        series,
        value_format="{:,.0f}",
    )


class PortfolioView(OrganisationTabMixin, ObjectTabView):
    """The portfolio exploration: the self-assessment, the mapping of the organisation's own
    initiatives onto the facets, and the result next to similar organisations' mean."""

    template_name = "observatory/portfolio.html"
    active_tab = "portfolio"

    def initiatives(self):
        return Initiative.objects.filter(coordinator=self.object).order_by("title_sv", "pk")[:100]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation, user = self.object, self.request.user
        assessment = current_assessment(organisation)
        average, n_similar = similar_portfolio_average(organisation)
        can_assess = user.has_perm("observatory.assess_portfolio", organisation)
        initial = {key: str(value) for key, value in assessment.answers.items()} if assessment else None
        context.update(
            assessment=assessment,
            chart=portfolio_chart(organisation, assessment, average) if assessment else None,
            average=average,
            n_similar=n_similar,
            can_assess=can_assess,
            questions=PORTFOLIO_QUESTIONS,
        )
        if can_assess:
            context["form"] = kwargs.get("form") or PortfolioForm(initial=initial)
            context["facet_form"] = kwargs.get("facet_form") or FacetMappingForm(
                initiatives=self.initiatives()
            )
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not request.user.has_perm("observatory.assess_portfolio", self.object):
            raise PermissionDenied
        if request.POST.get("action") == "facets":
            form = FacetMappingForm(request.POST, initiatives=self.initiatives())
            if form.is_valid():
                try:
                    changed = services.map_initiative_facets(request.user, self.object, form.mapping())
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(
                        request, _("%(n)s initiatives were placed on the facets.") % {"n": changed}
                    )
                    return redirect("observatory:portfolio", slug=self.object.slug)
            return self.render_to_response(self.get_context_data(facet_form=form), status=400)
        form = PortfolioForm(request.POST)
        if form.is_valid():
            try:
                services.submit_portfolio_assessment(request.user, self.object, form.answers())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The self-assessment is saved."))
                return redirect("observatory:portfolio", slug=self.object.slug)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class InitiativeGoalsView(InitiativeHeaderMixin, InitiativeTabsMixin, ObjectTabView):
    """An initiative's effect goals with progress; its editors declare goals and report values."""

    model = Initiative
    template_name = "observatory/initiative_goals.html"
    active_tab = "goals"

    def get_queryset(self):
        return initiative_detail_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        initiative, user = self.object, self.request.user
        can_edit = user.has_perm("observatory.add_effectgoal", initiative)
        bound = kwargs.get("measurement_form")
        goals = []
        for goal in goals_of(initiative):
            progress = goal.progress(goal.latest_value)
            goals.append(
                {
                    "goal": goal,
                    "state": goal_state(goal),
                    "progress": None if progress is None else round(progress * 100),
                    "bar": None if progress is None else max(0, min(100, round(progress * 100))),
                    "form": bound
                    if bound is not None and bound.prefix == f"m{goal.pk}"
                    else MeasurementForm(goal=goal),
                }
            )
        context.update(goals=goals, can_edit=can_edit, goal_form=kwargs.get("goal_form") or EffectGoalForm())
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm("observatory.add_effectgoal", self.object):
            raise PermissionDenied
        if request.POST.get("action") == "measurement":
            goal = get_object_or_404(EffectGoal, pk=request.POST.get("goal") or 0, initiative=self.object)
            form = MeasurementForm(request.POST, goal=goal)
            if form.is_valid():
                try:
                    services.record_measurement(request.user, goal, **form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("The measured value is saved."))
                    return redirect("observatory:initiative_goals", slug=self.object.slug)
            return self.render_to_response(self.get_context_data(measurement_form=form), status=400)
        form = EffectGoalForm(request.POST)
        if form.is_valid():
            try:
                services.create_effect_goal(request.user, self.object, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The effect goal is saved."))
                return redirect("observatory:initiative_goals", slug=self.object.slug)
        return self.render_to_response(self.get_context_data(goal_form=form), status=400)


class OpenDataView(TemplateView):
    template_name = "observatory/opendata.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["datasets"] = open_datasets()
        return context


def opendata_download(request, name: str, fmt: str):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    dataset = next((d for d in open_datasets() if d.name == name), None)
    if dataset is None:
        raise Http404
    return export_response(dataset.read(), dataset.export_columns(), fmt, dataset.name)


def opendata_catalogue(request, fmt: str):
    graph = catalogue_graph(open_datasets())
    if fmt == "ttl":
        return HttpResponse(graph.serialize(format="turtle"), content_type="text/turtle; charset=utf-8")
    return HttpResponse(
        graph.serialize(format="json-ld", auto_compact=True), content_type="application/ld+json"
    )
