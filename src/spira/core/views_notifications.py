"""The logged-in person's notifications and settings, and unsubscribing from e-mail links."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, ListView

from spira.core import notifications as services
from spira.core.forms import NotificationPreferencesForm
from spira.core.models import ALL_KINDS, Notification


class NotificationListView(LoginRequiredMixin, ListView):
    """The person's notifications, unread first. With HTMX only the results are rendered."""

    template_name = "core/notifications/notification_list.html"
    results_template_name = "core/notifications/partials/_notification_results.html"
    paginate_by = 25

    def get_queryset(self):
        return Notification.objects.for_user(self.request.user).unread_first().select_related("actor")

    def get_template_names(self):
        if self.request.htmx and not self.request.htmx.boosted:
            return [self.results_template_name]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["results_template_name"] = self.results_template_name
        return context


def _own_notification(request, pk: int) -> Notification:
    notification = Notification.objects.for_user(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    return notification


def _back_to_list(request):
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("core:notification_list")


class NotificationOpenView(LoginRequiredMixin, View):
    """Follow a notification's link and mark it read on the way."""

    def get(self, request, pk: int):
        notification = services.mark_read(request.user, _own_notification(request, pk))
        if notification.url and url_has_allowed_host_and_scheme(
            notification.url, {request.get_host()}, request.is_secure()
        ):
            return redirect(notification.url)
        return redirect("core:notification_list")


class NotificationMarkReadView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        notification = services.mark_read(request.user, _own_notification(request, pk))
        if request.htmx:
            return render(
                request, "core/notifications/partials/_notification.html", {"notification": notification}
            )
        messages.success(request, _("The notification was marked as read."))
        return _back_to_list(request)


class NotificationMarkAllReadView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        count = services.mark_all_read(request.user)
        if request.htmx:
            queryset = NotificationListView(request=request).get_queryset()
            page = Paginator(queryset, NotificationListView.paginate_by).get_page(1)
            context = {"page_obj": page, "object_list": page.object_list, "paginator": page.paginator}
            return render(request, NotificationListView.results_template_name, context)
        messages.success(request, _("All notifications were marked as read (%(count)d).") % {"count": count})
        return _back_to_list(request)


class NotificationSettingsView(LoginRequiredMixin, FormView):
    """Per kind of notification: at once, daily, weekly or never."""

    template_name = "core/notifications/notification_settings.html"
    form_class = NotificationPreferencesForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["kinds"] = services.notification_kinds()
        kwargs["initial_frequencies"] = services.preferences_of(self.request.user)
        return kwargs

    def form_valid(self, form):
        try:
            services.set_notification_preferences(self.request.user, form.frequencies())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your notification settings were saved."))
        return redirect("core:notification_settings")


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """Unsubscribe from an e-mail link without logging in.

    The signed token is the credential, so the POST needs no CSRF token; mail programs send a
    one-click POST here too (RFC 8058, the List-Unsubscribe-Post header).
    """

    template_name = "core/notifications/unsubscribe.html"

    def _read(self, request, token: str):
        try:
            user_id, kind = services.read_unsubscribe_token(token)
        except signing.SignatureExpired:
            return (
                None,
                None,
                _("This unsubscribe link has expired. Log in and change your notification settings instead."),
            )
        except signing.BadSignature:
            return (
                None,
                None,
                _(
                    "This unsubscribe link is not valid. Check that you copied the whole link, or log in and change your notification settings."
                ),
            )
        user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
        if user is None or (kind != ALL_KINDS and services.get_notification_kind(kind) is None):
            return None, None, _("This unsubscribe link is not valid any more.")
        return user, kind, None

    def _context(self, user, kind, **extra):
        label = services.kind_label(kind) if kind != ALL_KINDS else None
        return {
            "unsubscribe_user": user,
            "kind": kind,
            "kind_label": label,
            "all_kinds": kind == ALL_KINDS,
            **extra,
        }

    def get(self, request, token: str):
        user, kind, error = self._read(request, token)
        if error:
            return render(request, self.template_name, {"error": error}, status=400)
        return render(request, self.template_name, self._context(user, kind))

    def post(self, request, token: str):
        user, kind, error = self._read(request, token)
        if error:
            return render(request, self.template_name, {"error": error}, status=400)
        services.unsubscribe(user, kind)
        return render(request, self.template_name, self._context(user, kind, done=True))
