"""The open call and the programme's upkeep: proposing, adding, deciding on, editing and
cancelling activities; starting and editing series."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from spira.events import services
from spira.events.forms import ActivityForm, CancelActivityForm, DecisionForm, SeriesForm, add_service_errors
from spira.events.models import Activity, EventSeries
from spira.events.queries import activity_list_queryset
from spira.events.views.browse import get_activity, get_series
from spira.organisations.models import Organisation


def _member_organisations(user):
    return Organisation.objects.filter(memberships__user=user).order_by("name").distinct()


def _managed_organisations(user):
    if user.is_platform_admin:
        return Organisation.objects.order_by("name")
    return (
        Organisation.objects.filter(memberships__user=user, memberships__role__in=["coordinator", "admin"])
        .order_by("name")
        .distinct()
    )


class SeriesObjectMixin(LoginRequiredMixin):
    """Views under /serier/<slug>/ that act on the series."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.series = get_series(request, kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["series"] = self.series
        return context


class ActivityProposeView(SeriesObjectMixin, FormView):
    """The open call: a member of an organisation proposes an activity to the programme."""

    template_name = "events/activity_propose.html"

    def get_form(self, form_class=None):
        return ActivityForm(
            **self.get_form_kwargs(),
            series=self.series,
            organisations=_member_organisations(self.request.user),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["call_is_open"] = self.series.call_is_open(timezone.now())
        context["has_organisations"] = _member_organisations(self.request.user).exists()
        return context

    def form_valid(self, form):
        values = form.service_values()
        try:
            activity = services.propose_activity(
                self.request.user, self.series, form.cleaned_data["organiser"], **values
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Thank you! Your proposal is sent to the moderators of %(series)s. You will hear from them.")
            % {"series": self.series.display_title},
        )
        return redirect(activity)


class ActivityAddView(SeriesObjectMixin, FormView):
    """Moderators add an activity straight into the programme (also outside the call)."""

    template_name = "events/activity_add.html"

    def get(self, request, *args, **kwargs):
        self._check()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._check()
        return super().post(request, *args, **kwargs)

    def _check(self):
        if not self.request.user.has_perm("events.moderate_eventseries", self.series):
            raise PermissionDenied

    def get_form(self, form_class=None):
        user = self.request.user
        organisations = _member_organisations(user)
        if user.is_moderator or not organisations.exists():
            organisations = Organisation.objects.filter(
                Q(pk=self.series.owner_id) | Q(memberships__user=user)
            ).distinct()
        return ActivityForm(
            **self.get_form_kwargs(), series=self.series, organisations=organisations.order_by("name")
        )

    def form_valid(self, form):
        try:
            activity = services.add_activity(
                self.request.user, self.series, form.cleaned_data["organiser"], **form.service_values()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The activity is in the programme."))
        return redirect(activity)


class SeriesProposalsView(SeriesObjectMixin, TemplateView):
    """The moderators' queue: proposals waiting for a decision, oldest first."""

    template_name = "events/eventseries_proposals.html"

    def get(self, request, *args, **kwargs):
        if not request.user.has_perm("events.moderate_eventseries", self.series):
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposals = (
            activity_list_queryset().filter(series=self.series).proposals().order_by("created_at", "id")
        )
        context["proposals"] = list(proposals.select_related("proposed_by")[:200])
        context["decision_form"] = DecisionForm()
        return context


class ActivityDecideView(LoginRequiredMixin, View):
    """A moderator approves (publishes) or rejects a proposal."""

    http_method_names = ["post"]

    def post(self, request, slug):
        activity = get_activity(request, slug)
        if not request.user.has_perm("events.moderate_activity", activity):
            raise PermissionDenied
        form = DecisionForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(activity)
        try:
            if form.cleaned_data["decision"] == "approve":
                services.approve_activity(request.user, activity, form.cleaned_data["reason"])
                messages.success(request, _("The activity is approved and published in the programme."))
            else:
                services.reject_activity(request.user, activity, form.cleaned_data["reason"])
                messages.success(request, _("The proposal is rejected; the proposer has been told why."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        next_url = request.POST.get("next", "")
        if next_url.startswith("/") and not next_url.startswith("//"):
            return redirect(next_url)
        return redirect(activity)


class ActivityUpdateView(LoginRequiredMixin, FormView):
    template_name = "events/activity_update.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = get_activity(request, kwargs["slug"])
        if not request.user.has_perm("events.change_activity", self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        # The form edits its own copy: the service must see the unchanged activity.
        instance = Activity.objects.get(pk=self.object.pk)
        return ActivityForm(**self.get_form_kwargs(), instance=instance, series=self.object.series)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = context["activity"] = self.object
        context["cancel_form"] = CancelActivityForm()
        return context

    def form_valid(self, form):
        try:
            services.update_activity(self.request.user, self.object, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes are saved."))
        return redirect(self.object)


class ActivityCancelView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, slug):
        activity = get_activity(request, slug)
        form = CancelActivityForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give a reason; those registered will read it."))
            return redirect("events:activity_update", slug=activity.slug)
        try:
            services.cancel_activity(request.user, activity, form.cleaned_data["reason"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The activity is cancelled; those registered have been told."))
        return redirect(activity)


class SeriesCreateView(LoginRequiredMixin, FormView):
    """Start a series: an Innovation Week edition, or a hub's or network's programme."""

    template_name = "events/eventseries_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not _managed_organisations(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return SeriesForm(**self.get_form_kwargs(), owners=_managed_organisations(self.request.user))

    def form_valid(self, form):
        try:
            series = services.create_series(
                self.request.user, form.cleaned_data["owner"], **form.service_values()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The series is created, and you are one of its moderators."))
        return redirect(series)


class SeriesUpdateView(SeriesObjectMixin, FormView):
    template_name = "events/eventseries_update.html"

    def get(self, request, *args, **kwargs):
        self._check()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._check()
        return super().post(request, *args, **kwargs)

    def _check(self):
        if not self.request.user.has_perm("events.change_eventseries", self.series):
            raise PermissionDenied

    def get_form(self, form_class=None):
        return SeriesForm(**self.get_form_kwargs(), instance=EventSeries.objects.get(pk=self.series.pk))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.series
        return context

    def form_valid(self, form):
        try:
            services.update_series(self.request.user, self.series, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes are saved."))
        return redirect(self.series)
