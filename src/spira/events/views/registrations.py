"""Registering and cancelling, the organiser's participant list (and CSV), approval and attendance."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from spira.core.exports import ExportColumn, export_response
from spira.events import services
from spira.events.choices import RegistrationStatus
from spira.events.forms import RegistrationForm
from spira.events.models import Registration
from spira.events.queries import participants_queryset
from spira.events.views.browse import ActivityDetailView, get_activity

PARTICIPANT_COLUMNS = [
    ExportColumn("name"),
    ExportColumn("email"),
    ExportColumn("organisation", "organisation_name"),
    ExportColumn("status"),
    ExportColumn("registered_at", "queued_at"),
    ExportColumn("attended"),
]
ATTENDANCE_VALUES = {"yes": True, "no": False, "": None}


class ActivityRegisterView(ActivityDetailView):
    """POST: take a seat (or a place on the waiting list). Errors are shown on the activity page."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = RegistrationForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                registration = services.register(request.user, self.object, **form.cleaned_data)
            except ValidationError as error:
                fields = {name: errors for name, errors in error.message_dict.items() if name in form.fields}
                if not fields:
                    # Already registered, full for members, closed: said above the page, nothing to correct.
                    for message in error.messages:
                        messages.error(request, message)
                    return redirect(self.object)
                for name, errors in fields.items():
                    form.add_error(name, errors)
            else:
                messages.success(request, _status_message(registration))
                return redirect(self.object)
        return self.render_to_response(self.get_context_data(registration_form=form), status=400)


def _status_message(registration: Registration) -> str:
    if registration.status == RegistrationStatus.CONFIRMED:
        return _("You are registered. A confirmation with a calendar file is on its way to %(email)s.") % {
            "email": registration.email
        }
    if registration.status == RegistrationStatus.WAITLISTED:
        return _(
            "The activity is full, so you are on the waiting list. If a seat becomes free you get it "
            "automatically and we e-mail %(email)s."
        ) % {"email": registration.email}
    return _(
        "Your registration is sent to the organiser for approval. We e-mail %(email)s when it is decided."
    ) % {"email": registration.email}


class RegistrationCancelOwnView(LoginRequiredMixin, View):
    """A logged-in person cancels a registration (their own, or as the organiser someone's)."""

    http_method_names = ["post"]

    def post(self, request, slug):
        activity = get_activity(request, slug)
        registration = get_object_or_404(
            Registration.objects.select_related("activity"),
            pk=request.POST.get("registration") or 0,
            activity=activity,
        )
        try:
            services.cancel_registration(request.user, registration)
        except PermissionDenied:
            messages.error(request, _("You can only cancel your own registration."))
            return redirect(activity)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(activity)
        messages.success(request, _("The registration is cancelled."))
        if request.POST.get("next") == "participants":
            return redirect("events:activity_participants", slug=activity.slug)
        return redirect(activity)


class RegistrationCancelByTokenView(TemplateView):
    """The cancellation link in the confirmation e-mail: GET asks, POST cancels. No login needed."""

    template_name = "events/registration_cancel.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context["registration"] = services.registration_from_token(kwargs["token"])
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
        return context

    def post(self, request, token):
        try:
            registration = services.cancel_registration_by_token(token)
        except ValidationError as error:
            context = self.get_context_data(token=token)
            context["error"] = " ".join(error.messages)
            return self.render_to_response(context, status=400)
        return self.render_to_response({"cancelled": registration, "registration": registration})


class ActivityParticipantsView(LoginRequiredMixin, ActivityDetailView):
    """The organiser's list of participants, with approval and attendance; `?format=csv` downloads it."""

    template_name = "events/activity_participants.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not request.user.has_perm("events.manage_registrations", self.object):
            raise PermissionDenied
        fmt = request.GET.get("format")
        if fmt in ("csv", "json"):
            return export_response(
                participants_queryset(self.object),
                PARTICIPANT_COLUMNS,
                fmt,
                f"participants-{self.object.slug}",
            )
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["registrations"] = list(participants_queryset(self.object))
        return context


class RegistrationDecideView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, slug, pk):
        activity = get_activity(request, slug)
        registration = get_object_or_404(
            Registration.objects.select_related("activity"), pk=pk, activity=activity
        )
        try:
            if request.POST.get("decision") == "approve":
                services.approve_registration(request.user, registration)
                messages.success(request, _("The registration is approved."))
            elif request.POST.get("decision") == "decline":
                services.decline_registration(request.user, registration)
                messages.success(request, _("The registration is declined."))
            else:
                messages.error(request, _("Choose to approve or to decline."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("events:activity_participants", slug=activity.slug)


class AttendanceView(LoginRequiredMixin, View):
    """Save the attendance column of the participant list (`attended_<id>` = yes / no / empty)."""

    http_method_names = ["post"]

    def post(self, request, slug):
        activity = get_activity(request, slug)
        marks = {}
        for key, value in request.POST.items():
            if not key.startswith("attended_"):
                continue
            number = key.removeprefix("attended_")
            if not number.isdigit() or value not in ATTENDANCE_VALUES:
                messages.error(request, _("The attendance form was not filled in correctly."))
                return redirect("events:activity_participants", slug=activity.slug)
            marks[int(number)] = ATTENDANCE_VALUES[value]
        try:
            changed = services.mark_attendance(request.user, activity, marks)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Attendance is saved (%(count)d changed).") % {"count": changed})
        return redirect("events:activity_participants", slug=activity.slug)


class CalendarTokenRegenerateView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        services.regenerate_calendar_token(request.user)
        messages.success(request, _("Your private calendar link is new; the old one no longer works."))
        return redirect("events:my_programme")
