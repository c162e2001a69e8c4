"""Pages for the state changes of one barrier. Each shows a form, calls one service and returns
to the barrier's page; the service's message appears on the form when it refuses."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from spira.barriers import services
from spira.barriers.forms import (
    AgendaForm,
    AnswerForm,
    EndorsementForm,
    EscalationForm,
    StatusForm,
)
from spira.barriers.models import Barrier, Endorsement, Escalation
from spira.barriers.queries import barrier_detail_queryset
from spira.core.forms import add_service_errors


class BarrierActionView(LoginRequiredMixin, TemplateView):
    """GET shows the form, POST calls `act`; `permission` is checked before either."""

    template_name = "barriers/barrier_action.html"
    permission: str | None = None
    heading = ""
    submit_label = ""

    def get_barrier(self) -> Barrier:
        return get_object_or_404(
            barrier_detail_queryset().visible_to(self.request.user), pk=self.kwargs["pk"]
        )

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.barrier = self.get_barrier()
        self.check_permission()
        return super().dispatch(request, *args, **kwargs)

    def check_permission(self) -> None:
        if self.permission and not self.request.user.has_perm(self.permission, self.barrier):
            raise PermissionDenied

    def get_form(self, data=None):
        raise NotImplementedError

    def act(self, form) -> str:
        """Call the service; return the success message."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context.update(
            barrier=self.barrier,
            heading=self.get_heading(),
            submit_label=self.submit_label,
            intro=self.get_intro(),
        )
        return context

    def get_heading(self) -> str:
        return self.heading

    def get_intro(self) -> str:
        return ""

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                message = self.act(form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, message)
                return redirect(self.get_success_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_success_url(self) -> str:
        return self.barrier.get_absolute_url()


class BarrierStatusView(BarrierActionView):
    permission = "barriers.change_barrier_status"

    heading = gettext_lazy("Change the status")

    submit_label = gettext_lazy("Change status")

    def get_form(self, data=None):
        return StatusForm(data, barrier=self.barrier)

    def act(self, form) -> str:
        barrier = services.change_barrier_status(
            self.request.user, self.barrier, form.cleaned_data["status"], form.cleaned_data["reason"]
        )
        return _("The barrier is now %(status)s.") % {"status": barrier.get_status_display()}


class BarrierEscalateView(BarrierActionView):
    permission = "barriers.escalate_barrier"

    heading = gettext_lazy("Escalate the barrier")

    def get_intro(self):
        return _(
            "The authority's members see the barrier in their inbox and must answer publicly "
            "within %(days)d days."
        ) % {"days": services.answer_days()}

    submit_label = gettext_lazy("Escalate")

    def get_form(self, data=None):
        return EscalationForm(data)

    def act(self, form) -> str:
        escalation = services.escalate_barrier(
            self.request.user,
            self.barrier,
            form.cleaned_data["authority"],
            form.cleaned_data["level"],
            form.cleaned_data["message"],
        )
        return _("The barrier is escalated to %(authority)s, who must answer by %(deadline)s.") % {
            "authority": escalation.addressed_to.display_name,
            "deadline": escalation.deadline.isoformat(),
        }


class BarrierEndorseView(BarrierActionView):
    def check_permission(self) -> None:
        if not self.request.user.memberships.exclude(
            organisation=self.barrier.reporter_organisation_id
        ).exists():
            raise PermissionDenied

    heading = gettext_lazy("We have this barrier too")

    def get_intro(self):
        return _("Each organisation counts once. Your short case shows where the barrier bites.")

    submit_label = gettext_lazy("Endorse")

    def get_form(self, data=None):
        return EndorsementForm(data, user=self.request.user, barrier=self.barrier)

    def act(self, form) -> str:
        endorsement = services.endorse_barrier(
            self.request.user,
            self.barrier,
            form.cleaned_data["organisation"],
            form.cleaned_data["case_description"],
        )
        return _("%(organisation)s is counted among the organisations that have this barrier.") % {
            "organisation": endorsement.organisation.display_name
        }


class BarrierAgendaView(BarrierActionView):
    def check_permission(self) -> None:
        if not self.request.user.has_perm("barriers.add_workshop"):
            raise PermissionDenied

    heading = gettext_lazy("Put the barrier on a workshop's agenda")

    submit_label = gettext_lazy("Add to the agenda")

    def get_form(self, data=None):
        return AgendaForm(data, user=self.request.user)

    def act(self, form) -> str:
        item = services.add_barrier_to_workshop(
            self.request.user, form.cleaned_data["workshop"], self.barrier
        )
        return _("The barrier is on the agenda of %(workshop)s.") % {"workshop": item.workshop.title}


class EscalationAnswerView(BarrierActionView):
    """The addressed authority's public answer."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.escalation = get_object_or_404(
                Escalation.objects.select_related("addressed_to"),
                pk=kwargs["escalation"],
                barrier_id=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)

    def check_permission(self) -> None:
        if not self.request.user.has_perm("barriers.answer_escalation", self.escalation):
            raise PermissionDenied

    heading = gettext_lazy("Answer the escalated barrier")

    def get_intro(self):
        return _(
            "%(authority)s is asked to answer by %(deadline)s. The answer is published on the barrier's page."
        ) % {
            "authority": self.escalation.addressed_to.display_name,
            "deadline": self.escalation.deadline.isoformat(),
        }

    submit_label = gettext_lazy("Publish the answer")

    def get_form(self, data=None):
        return AnswerForm(
            data, user=self.request.user, initial={"organisation": self.escalation.addressed_to_id}
        )

    def act(self, form) -> str:
        services.answer_escalation(
            self.request.user,
            self.escalation,
            form.cleaned_data["organisation"],
            form.cleaned_data["decision"],
            form.cleaned_data["text"],
            form.cleaned_data["redirect_to"],
        )
        return _("Your answer is published.")


class EndorsementWithdrawView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk, endorsement):
        endorsement = get_object_or_404(
            Endorsement.objects.select_related("barrier"), pk=endorsement, barrier_id=pk
        )
        services.withdraw_endorsement(request.user, endorsement)
        messages.success(request, _("The endorsement is withdrawn."))
        return redirect(endorsement.barrier)
