"""Dialogue workshops: the list, one workshop with its agenda and outcomes, and its calendar file."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView

from spira.barriers import services
from spira.barriers.calendar import workshop_ical
from spira.barriers.filtersets import WorkshopFilterSet
from spira.barriers.forms import OutcomeForm, WorkshopForm
from spira.barriers.models import Workshop, WorkshopBarrier
from spira.barriers.queries import workshop_detail_queryset, workshop_list_queryset
from spira.core.forms import add_service_errors
from spira.core.views import ObjectListView


class WorkshopListView(ObjectListView):
    model = Workshop
    filterset_class = WorkshopFilterSet
    template_name = "barriers/workshop_list.html"

    def get_queryset(self):
        return workshop_list_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = self.request.user.has_perm("barriers.add_workshop")
        return context


class WorkshopDetailView(DetailView):
    model = Workshop
    template_name = "barriers/workshop_detail.html"

    def get_queryset(self):
        return workshop_detail_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.request.user.has_perm("barriers.change_workshop", self.object)
        return context


class WorkshopCreateView(LoginRequiredMixin, FormView):
    template_name = "barriers/workshop_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("barriers.add_workshop"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return WorkshopForm(**self.get_form_kwargs(), user=self.request.user)

    def form_valid(self, form):
        try:
            workshop = services.create_workshop(
                self.request.user, form.cleaned_data["organiser"], **form.service_values()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The workshop is created. Put barriers on its agenda from their pages.")
        )
        return redirect(workshop)


class WorkshopOutcomeView(LoginRequiredMixin, TemplateView):
    """Record what the workshop concluded about one barrier on its agenda."""

    template_name = "barriers/workshop_outcome.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.item = get_object_or_404(
            WorkshopBarrier.objects.select_related("workshop", "barrier"),
            pk=kwargs["item"],
            workshop_id=kwargs["pk"],
        )
        if not request.user.has_perm("barriers.change_workshop", self.item.workshop):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data=None):
        item = self.item
        initial = {
            "recommendation": item.recommendation,
            "commitment": item.commitment,
            "committed_by": item.committed_by_id,
            "follow_up_on": item.follow_up_on,
        }
        return OutcomeForm(data, initial=initial, workshop=item.workshop, barrier=item.barrier)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["item"] = self.item
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                services.record_workshop_outcome(request.user, self.item, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The outcome is recorded."))
                return redirect(self.item.workshop)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class WorkshopCalendarView(DetailView):
    model = Workshop

    def get_queryset(self):
        return Workshop.objects.select_related("organiser").visible_to(self.request.user)

    def render_to_response(self, context, **response_kwargs):
        workshop = self.object
        response = HttpResponse(
            workshop_ical(workshop, workshop.get_absolute_url()), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="workshop-{workshop.pk}.ics"'
        return response
