"""The register, the overview, one barrier's page, reporting and editing, and the inboxes."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from spira.barriers import services
from spira.barriers.choices import CLOSED_STATUSES
from spira.barriers.filtersets import BarrierFilterSet, authorities_with_barriers
from spira.barriers.forms import BarrierForm
from spira.barriers.models import Barrier, Workshop
from spira.barriers.queries import (
    barrier_detail_queryset,
    barrier_list_queryset,
    escalations_of,
    for_organisation,
    heat_map,
    inbox,
    overdue_escalations,
    timeline,
    top_unanswered_authorities,
)
from spira.core.exports import ExportColumn, ExportMixin
from spira.core.forms import add_service_errors
from spira.core.views import (
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectTabView,
    ObjectUpdateView,
)
from spira.organisations.models import County, Organisation
from spira.organisations.queries import organisation_detail_queryset

EXPORT_COLUMNS = [
    ExportColumn("id"),
    ExportColumn("title"),
    ExportColumn("kind"),
    ExportColumn("mandate_level"),
    ExportColumn("current_level"),
    ExportColumn("status"),
    ExportColumn("reporter", "reporter_organisation.slug"),
    ExportColumn("authority", lambda b: b.authority.slug if b.authority else None),
    ExportColumn("legal_reference"),
    ExportColumn("affected_organisations"),
    ExportColumn("affected_population"),
    ExportColumn("answer_due"),
    ExportColumn("reported_at"),
    ExportColumn("description"),
    ExportColumn("proposed_change"),
]


class BarrierListView(ExportMixin, ObjectListView):
    """The public register of system barriers, with filters and CSV/JSON downloads."""

    model = Barrier
    filterset_class = BarrierFilterSet
    template_name = "barriers/barrier_list.html"
    export_columns = EXPORT_COLUMNS
    export_filename = "barriers"
    page_title = gettext_lazy("Barriers")

    def get_queryset(self):
        return barrier_list_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_report"] = self.request.user.has_perm("barriers.add_barrier")
        if not (self.request.htmx and not self.request.htmx.boosted):
            # Plain option lists: hundreds of authorities render far faster than through widgets.
            english = get_language() == "en"
            context["authority_options"] = [
                (slug, (name_en if english and name_en else full_name or name))
                for slug, name, full_name, name_en in authorities_with_barriers().values_list(
                    "slug", "name", "full_name", "name_en"
                )
            ]
            context["county_options"] = list(County.objects.values_list("code", "name"))
            context["selected_authority"] = self.request.GET.get("authority", "")
            context["selected_counties"] = self.request.GET.getlist("county")
        return context


class BarrierOverviewView(TemplateView):
    """The heat map of kind × level, the authorities with most unanswered barriers, overdue count."""

    template_name = "barriers/barrier_overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = Barrier.objects.visible_to(self.request.user)
        context["heat_map"] = heat_map(visible)
        context["top_authorities"] = top_unanswered_authorities()
        context["overdue_count"] = overdue_escalations().count()
        return context


class BarrierPageMixin:
    """What every page of one barrier shows in its header."""

    model = Barrier
    history_url_name = "barriers:barrier_history"

    def get_queryset(self):
        return barrier_detail_queryset().visible_to(self.request.user)

    def get_url_kwargs(self) -> dict:
        return {"pk": self.object.pk}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, barrier = self.request.user, self.object
        context["can_manage"] = user.has_perm("barriers.change_barrier", barrier)
        return context


class BarrierDetailView(BarrierPageMixin, ObjectDetailView):
    template_name = "barriers/barrier_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, barrier = self.request.user, self.object
        escalations = escalations_of(barrier)
        events = timeline(barrier, user, escalations)
        context["timeline"] = events
        context["endorsements"] = [e.obj for e in events if e.kind == "endorsement"]
        context["open_escalation"] = next((e for e in escalations if e.is_open), None)
        context["initiatives"] = barrier.initiatives.visible_to(user).order_by("title_sv", "pk")
        context["workshop_items"] = [e.obj for e in events if e.kind == "workshop"]
        is_open = barrier.status not in CLOSED_STATUSES
        if user.is_authenticated:
            orgs = list(user.memberships.values_list("organisation_id", flat=True))
            context["can_endorse"] = is_open and any(pk != barrier.reporter_organisation_id for pk in orgs)
            open_escalation = context["open_escalation"]
            context["can_answer"] = open_escalation is not None and user.has_perm(
                "barriers.answer_escalation", open_escalation
            )
            context["can_add_to_workshop"] = is_open and (
                user.is_moderator
                or Workshop.objects.filter(
                    organiser__memberships__user=user,
                    organiser__memberships__role__in=["coordinator", "admin"],
                ).exists()
            )
        return context


class BarrierHistoryView(BarrierPageMixin, ObjectHistoryView):
    pass


class BarrierCreateView(LoginRequiredMixin, FormView):
    """Report a barrier for one's municipality, region or agency."""

    template_name = "barriers/barrier_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("barriers.add_barrier"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return BarrierForm(**self.get_form_kwargs(), user=self.request.user)

    def form_valid(self, form):
        values = form.service_values()
        organisation = form.cleaned_data["organisation"]
        try:
            barrier = services.report_barrier(self.request.user, organisation, **values)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The barrier is reported. Others can now say they have it too."))
        return redirect(barrier)


class BarrierUpdateView(BarrierPageMixin, ObjectUpdateView):
    template_name = "barriers/barrier_update.html"

    def get_form(self, data=None) -> BarrierForm:
        # The form works on its own copy so that the service sees the unchanged barrier.
        instance = self.get_queryset().get(pk=self.object.pk)
        initial = {"initiatives": list(instance.initiatives.values_list("pk", flat=True))}
        return BarrierForm(data, instance=instance, initial=initial, user=self.request.user, reporting=False)

    def update(self, form) -> None:
        services.update_barrier(self.request.user, self.object, **form.service_values())


class InboxView(LoginRequiredMixin, TemplateView):
    """Escalations addressed to the user's organisations: the duty to answer, overdue first."""

    template_name = "barriers/inbox.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = Paginator(inbox(self.request.user), 50).get_page(self.request.GET.get("page"))
        return context


class OverdueListView(TemplateView):
    """Every escalation whose answer is overdue, oldest deadline first."""

    template_name = "barriers/overdue_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = Paginator(overdue_escalations(), 50).get_page(self.request.GET.get("page"))
        return context


class OrganisationBarriersView(ObjectTabView):
    """The barriers tab on an organisation's page: reported, endorsed or addressed to it."""

    model = Organisation
    template_name = "barriers/organisation_barriers.html"
    history_url_name = "organisations:organisation_history"
    active_tab = "barriers"

    def get_queryset(self):
        return organisation_detail_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.request.user.has_perm("organisations.change_organisation", self.object)
        barriers = for_organisation(barrier_list_queryset().visible_to(self.request.user), self.object)
        context["page_obj"] = Paginator(barriers, 25).get_page(self.request.GET.get("page"))
        return context
