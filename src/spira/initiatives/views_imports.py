"""The moderators' import pages: upload a file, list the runs, follow one run's progress."""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from spira.core.permissions import is_moderator
from spira.initiatives.forms_imports import ImportUploadForm
from spira.initiatives.importers.messages import failure_text
from spira.initiatives.importers.runs import start_import_run
from spira.initiatives.models import ImportRun

FAILURES_SHOWN = 500
POLL_SECONDS = 2


class ModeratorRequiredMixin(AccessMixin):
    """Anonymous visitors are sent to log in; everyone else but moderators gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImportRunListView(ModeratorRequiredMixin, TemplateView):
    """Upload a file to import, and the runs so far."""

    template_name = "initiatives/imports/importrun_list.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        runs = ImportRun.objects.select_related("started_by").order_by("-created_at", "-pk")
        context["form"] = form or ImportUploadForm()
        context["page_obj"] = Paginator(runs, 25).get_page(self.request.GET.get("page"))
        return context

    def post(self, request, *args, **kwargs):
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                run = start_import_run(request.user, form.cleaned_data["origin"], upload.name, upload.read())
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        form.add_error(field if field in form.fields else None, message)
            else:
                return redirect("initiatives:importrun_detail", pk=run.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ImportRunDetailView(ModeratorRequiredMixin, TemplateView):
    """One run: its progress (polled with HTMX while it runs) and its failed records."""

    template_name = "initiatives/imports/importrun_detail.html"
    partial_template_name = "initiatives/imports/partials/_importrun_progress.html"

    def get_template_names(self):
        if self.request.htmx:
            return [self.partial_template_name]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = get_object_or_404(ImportRun.objects.select_related("started_by"), pk=self.kwargs["pk"])
        failures = [{**failure, "text": failure_text(failure)} for failure in run.failures[:FAILURES_SHOWN]]
        context.update(
            run=run,
            running=run.status in (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING),
            failures=failures,
            failures_hidden=max(0, len(run.failures) - FAILURES_SHOWN),
            poll_seconds=POLL_SECONDS,
            error_text=failure_text(run.failures[0])
            if run.status == ImportRun.Status.FAILED and run.failures
            else run.error,
            title=_("Import %(number)s") % {"number": run.pk},
        )
        return context
