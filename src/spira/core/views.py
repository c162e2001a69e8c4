"""Generic views every app's HTML pages are built from (NetBox-style: the same pieces everywhere)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from spira.core.api.filters import GLOBAL_PARAMS
from spira.core.forms import add_service_errors
from spira.core.models import ActivityLogEntry
from spira.core.navigation import tabs_for


class VisibleToMixin:
    """Querysets limited to what the user may see, the same rule as the API."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(self.request.user)
        return queryset


class ObjectListView(VisibleToMixin, FilterView):
    """A filtered, paginated list. With HTMX only the results partial is rendered.

    Subclasses set `model`, `filterset_class` and, by convention, the templates
    `<app>/<model>_list.html` and `<app>/partials/_<model>_results.html`.
    """

    paginate_by = 25
    strict = False
    results_template_name: str | None = None

    def get_results_template_name(self) -> str:
        if self.results_template_name:
            return self.results_template_name
        meta = self.model._meta
        return f"{meta.app_label}/partials/_{meta.model_name}_results.html"

    def get(self, request, *args, **kwargs):
        known = set(GLOBAL_PARAMS) | set(self.filterset_class.base_filters)
        unknown = sorted(set(request.GET) - known)
        if unknown and not request.htmx:
            messages.warning(
                request, _("Unknown filters were ignored: %(names)s") % {"names": ", ".join(unknown)}
            )
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        if self.request.htmx and not self.request.htmx.boosted:
            return [self.get_results_template_name()]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["querystring"] = query.urlencode()
        context["results_template_name"] = self.get_results_template_name()
        return context


class ObjectDetailView(VisibleToMixin, DetailView):
    """A detail page with tabs: overview, the tabs other apps add (`core.navigation.register_tab`)
    and the history. Subclasses name `history_url_name`; URLs take the object's slug unless
    `get_url_kwargs` says otherwise."""

    active_tab = "overview"
    history_url_name: str | None = None

    def get_url_kwargs(self) -> dict:
        return {"slug": self.object.slug}

    def get_tabs(self) -> list[dict]:
        obj, user = self.object, self.request.user
        tabs = [{"name": "overview", "label": _("Overview"), "url": obj.get_absolute_url(), "count": None}]
        tabs += [
            {
                "name": tab.name,
                "label": tab.label,
                "url": tab.url(obj),
                "count": tab.count(obj, user) if tab.count else None,
            }
            for tab in tabs_for(obj)
        ]
        if self.history_url_name:
            tabs.append(
                {
                    "name": "history",
                    "label": _("History"),
                    "url": reverse(self.history_url_name, kwargs=self.get_url_kwargs()),
                    "count": None,
                }
            )
        return tabs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tabs"] = self.get_tabs()
        context["active_tab"] = self.active_tab
        return context


class ObjectTabView(ObjectDetailView):
    """A tab of another app on a detail page; the subclass sets the template and `active_tab`."""


class ObjectHistoryView(ObjectDetailView):
    """The activity log of one object, shown as its history tab."""

    active_tab = "history"
    template_name = "core/object_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = ActivityLogEntry.objects.for_object(self.object).select_related("actor")
        context["page_obj"] = Paginator(entries, 50).get_page(self.request.GET.get("page"))
        context["base_template"] = f"{self.model._meta.app_label}/{self.model._meta.model_name}_base.html"
        return context


class ObjectUpdateView(LoginRequiredMixin, ObjectDetailView):
    """The edit page of one object, with its detail page's tabs, for those who may change it
    (`<app>.change_<model>`). The subclass builds the form (`get_form(data)`, on its own copy of
    the object so that the service sees the unchanged one) and saves it through the app's service
    (`update(form)`); the service's ValidationError is shown on the form."""

    # The status of a page whose form has errors (some apps answer 400).
    invalid_status = 200

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        meta = self.object._meta
        if not request.user.has_perm(f"{meta.app_label}.change_{meta.model_name}", self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data=None):
        raise NotImplementedError

    def update(self, form) -> None:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                self.update(form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The changes are saved."))
                return redirect(self.object)
        return self.render_to_response(self.get_context_data(form=form), status=self.invalid_status)


class HomeView(TemplateView):
    template_name = "core/home.html"


class AccessibilityStatementView(TemplateView):
    template_name = "core/accessibility.html"


def get_object_or_404_visible(queryset: models.QuerySet, user, **lookup):
    try:
        return queryset.visible_to(user).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)
