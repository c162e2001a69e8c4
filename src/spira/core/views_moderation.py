"""Reporting content (anyone) and the moderators' queue and actions."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from spira.core import moderation as services
from spira.core.forms import ContentReportForm, HideContentForm, ModerationNoteForm, ModerationQueueFilterForm
from spira.core.models import ContentReport, ReportStatus


def _registered_model(content_type_id: int):
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist as exc:
        raise Http404 from exc
    model = content_type.model_class()
    if model is None or not services.is_moderatable(model):
        raise Http404
    return content_type, model


def _pk_or_404(model, object_id: str):
    try:
        return model._meta.pk.to_python(object_id)
    except (ValidationError, ValueError, TypeError) as exc:
        raise Http404 from exc


def reportable_object(user, content_type_id: int, object_id: str):
    """The object behind a report link, if the user may see it; 404 for anything else."""
    _, model = _registered_model(content_type_id)
    queryset = model._default_manager.all()
    if hasattr(queryset, "visible_to"):
        queryset = queryset.visible_to(user)
    obj = queryset.filter(pk=_pk_or_404(model, object_id)).first()
    if obj is None:
        raise Http404
    return obj


def moderated_object(content_type_id: int, object_id: str):
    """Any registered object, hidden or not (moderators see everything)."""
    _, model = _registered_model(content_type_id)
    obj = model._base_manager.filter(pk=_pk_or_404(model, object_id)).first()
    if obj is None:
        raise Http404
    return obj


def _client_ip(request) -> str:
    # Behind a proxy, the proxy sets REMOTE_ADDR (see docs/operations.md); we do not trust headers.
    return request.META.get("REMOTE_ADDR", "")


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


class ReportContentView(View):
    """The "report this" form for any registered moderatable content."""

    template_name = "core/moderation/report_form.html"

    def _render(self, request, obj, form, status=200):
        return render(request, self.template_name, {"object": obj, "form": form}, status=status)

    def get(self, request, content_type_id: int, object_id: str):
        obj = reportable_object(request.user, content_type_id, object_id)
        return self._render(request, obj, ContentReportForm())

    def post(self, request, content_type_id: int, object_id: str):
        obj = reportable_object(request.user, content_type_id, object_id)
        form = ContentReportForm(request.POST)
        if form.is_valid():
            try:
                services.report_content(
                    request.user,
                    obj,
                    form.cleaned_data["reason"],
                    form.cleaned_data["message"],
                    ip=_client_ip(request),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return render(request, "core/moderation/report_done.html", {"object": obj})
        return self._render(request, obj, form)


class ModeratorRequiredMixin:
    """Moderators only: others are sent to log in, or refused with 403 when logged in."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm("core.moderate"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _objects_for(groups: list[dict]) -> dict[tuple[int, str], object]:
    """The reported objects of a page of groups: one query per content type."""
    by_type: dict[int, list[str]] = {}
    for group in groups:
        by_type.setdefault(group["content_type"], []).append(group["object_id"])
    found = {}
    for content_type_id, object_ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        pks = []
        for object_id in object_ids:
            try:
                pks.append(model._meta.pk.to_python(object_id))
            except ValidationError:
                continue
        for obj in model._base_manager.filter(pk__in=pks):
            found[(content_type_id, str(obj.pk))] = obj
    return found


class ModerationQueueView(ModeratorRequiredMixin, View):
    """Reports grouped by the reported object, newest activity first, with actions per object."""

    template_name = "core/moderation/queue.html"
    paginate_by = 20

    def get(self, request):
        data = request.GET.copy()
        data.setdefault("status", ReportStatus.OPEN)
        form = ModerationQueueFilterForm(data)
        reports = ContentReport.objects.all()
        if form.is_valid():
            if form.cleaned_data["status"]:
                reports = reports.filter(status=form.cleaned_data["status"])
            if form.cleaned_data["reason"]:
                reports = reports.filter(reason=form.cleaned_data["reason"])
        else:
            reports = reports.none()
        grouped = (
            reports.values("content_type", "object_id")
            .annotate(report_count=Count("id"), latest=Max("created_at"))
            .order_by("-latest", "content_type", "object_id")
        )
        page = Paginator(grouped, self.paginate_by).get_page(request.GET.get("page"))
        groups = list(page.object_list)
        condition = Q(pk__in=[])
        for group in groups:
            condition |= Q(content_type=group["content_type"], object_id=group["object_id"])
        details: dict[tuple[int, str], list[ContentReport]] = {}
        for report in reports.filter(condition).select_related("reporter", "handled_by"):
            details.setdefault((report.content_type_id, report.object_id), []).append(report)
        objects = _objects_for(groups)
        for group in groups:
            key = (group["content_type"], group["object_id"])
            group["reports"] = details.get(key, [])
            group["open_count"] = sum(r.status == ReportStatus.OPEN for r in group["reports"])
            group["object"] = objects.get(key)
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "filter_form": form,
            "groups": groups,
            "page_obj": page,
            "querystring": query.urlencode(),
            "hide_form": HideContentForm(),
            "note_form": ModerationNoteForm(),
        }
        return render(request, self.template_name, context)


class ModerationObjectView(ModeratorRequiredMixin, View):
    """One reported object: its state, every report on it and the moderation actions."""

    template_name = "core/moderation/object.html"

    def render_page(self, request, obj, status=200, **forms):
        context = {
            "object": obj,
            "content_type_id": ContentType.objects.get_for_model(obj).pk,
            "reports": ContentReport.objects.for_object(obj).select_related("reporter", "handled_by"),
            "hide_form": forms.get("hide_form") or HideContentForm(),
            "restore_form": forms.get("restore_form") or ModerationNoteForm(prefix="restore"),
            "dismiss_form": forms.get("dismiss_form") or ModerationNoteForm(prefix="dismiss"),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, content_type_id: int, object_id: str):
        return self.render_page(request, moderated_object(content_type_id, object_id))


class ModerationActionView(ModerationObjectView):
    """Base of the POST-only actions; on bad input the object page is shown with the errors."""

    http_method_names = ["post"]
    form_class = ModerationNoteForm
    form_name = ""
    prefix: str | None = None
    success_message = ""

    def act(self, user, obj, cleaned_data):
        raise NotImplementedError

    def post(self, request, content_type_id: int, object_id: str):
        obj = moderated_object(content_type_id, object_id)
        form = self.form_class(request.POST, prefix=self.prefix)
        if form.is_valid():
            try:
                self.act(request.user, obj, form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, self.success_message)
                return redirect(_safe_next(request, obj.get_moderation_url()))
        return self.render_page(request, obj, status=400, **{self.form_name: form})


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)


class HideContentView(ModerationActionView):
    form_class = HideContentForm
    form_name = "hide_form"

    @property
    def success_message(self):
        return _("The content was hidden and its author was told why.")

    def act(self, user, obj, cleaned_data):
        services.hide_content(user, obj, cleaned_data["reason"])


class RestoreContentView(ModerationActionView):
    form_name = "restore_form"
    prefix = "restore"

    @property
    def success_message(self):
        return _("The content is visible again.")

    def act(self, user, obj, cleaned_data):
        services.restore_content(user, obj, cleaned_data["note"])


class DismissReportsView(ModerationActionView):
    form_name = "dismiss_form"
    prefix = "dismiss"

    @property
    def success_message(self):
        return _("The reports were dismissed.")

    def act(self, user, obj, cleaned_data):
        services.dismiss_reports(user, obj, cleaned_data["note"])
