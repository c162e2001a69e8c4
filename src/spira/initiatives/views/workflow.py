"""Moving initiatives through the workflow: POST-only views that call one service each."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from spira.core.views import get_object_or_404_visible
from spira.initiatives import services
from spira.initiatives.forms import ArchiveForm, SendBackForm
from spira.initiatives.models import Initiative
from spira.initiatives.queries import review_queue


class TransitionView(LoginRequiredMixin, View):
    """POST to move one initiative; errors come back as messages on the page one came from."""

    http_method_names = ["post"]
    success_message = ""

    def perform(self, request, initiative: Initiative) -> None:
        raise NotImplementedError

    def success_url(self, request, initiative: Initiative) -> str:
        target = request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
        return initiative.get_absolute_url()

    def post(self, request, slug):
        initiative = get_object_or_404_visible(Initiative.objects.all(), request.user, slug=slug)
        try:
            self.perform(request, initiative)
        except ValidationError as exc:
            for errors in exc.message_dict.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(self.success_url(request, initiative))
        if self.success_message:
            messages.success(request, str(self.success_message))
        if not Initiative.objects.filter(pk=initiative.pk).visible_to(request.user).exists():
            return redirect("initiatives:my_initiatives")
        return redirect(self.success_url(request, initiative))


class SubmitView(TransitionView):
    success_message = gettext_lazy("The initiative has been sent to the moderators for review.")

    def perform(self, request, initiative):
        services.submit_for_review(request.user, initiative)


class PublishView(TransitionView):
    success_message = gettext_lazy("The initiative has been published.")

    def perform(self, request, initiative):
        services.publish(request.user, initiative)


class SendBackView(TransitionView):
    success_message = gettext_lazy("The initiative has been sent back to its authors.")

    def perform(self, request, initiative):
        form = SendBackForm(request.POST)
        if not form.is_valid():
            raise ValidationError({"comment": _("Tell the authors what to change.")})
        services.send_back(request.user, initiative, form.cleaned_data["comment"])


class ArchiveView(TransitionView):
    success_message = gettext_lazy("The initiative has been archived.")

    def perform(self, request, initiative):
        form = ArchiveForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        services.archive(request.user, initiative, reason)


class UnarchiveView(TransitionView):
    success_message = gettext_lazy("The initiative has been brought back from the archive.")

    def perform(self, request, initiative):
        services.unarchive(request.user, initiative)


class DeleteView(TransitionView):
    success_message = gettext_lazy("The initiative has been deleted.")

    def perform(self, request, initiative):
        services.delete_initiative(request.user, initiative)


class ReviewQueueView(LoginRequiredMixin, TemplateView):
    """Moderators: initiatives in review, oldest first, with publish and send back."""

    template_name = "initiatives/review_queue.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("initiatives.review_initiative"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = Paginator(review_queue().select_related("owner"), 25).get_page(
            self.request.GET.get("page")
        )
        context["send_back_form"] = SendBackForm()
        return context
