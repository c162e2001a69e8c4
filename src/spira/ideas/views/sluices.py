"""Sluice pages: the list, one sluice's public page, its board, settings and the organisation tab."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from spira.core.exports import ExportColumn, ExportMixin
from spira.core.views import ObjectListView, ObjectTabView
from spira.ideas import services
from spira.ideas.filtersets import IdeaFilterSet, SluiceFilterSet
from spira.ideas.forms import (
    ChallengeForm,
    SluiceCreateForm,
    SluiceForm,
    StageForm,
    add_service_errors,
)
from spira.ideas.models import Idea, Sluice
from spira.ideas.queries import idea_list_queryset, sluice_list_queryset
from spira.organisations.models import Organisation
from spira.organisations.queries import organisation_detail_queryset

IDEA_EXPORT_COLUMNS = [
    ExportColumn("id"),
    ExportColumn("title"),
    ExportColumn("sluice", "sluice.slug"),
    ExportColumn("stage", lambda i: i.stage.name),
    ExportColumn("stage_type", "stage.stage_type"),
    ExportColumn("origin"),
    ExportColumn("theme"),
    ExportColumn("submitted_at"),
    ExportColumn("closed_at"),
    ExportColumn("support_count"),
    ExportColumn("public_answer"),
]


class SluiceListView(ObjectListView):
    model = Sluice
    filterset_class = SluiceFilterSet
    template_name = "ideas/sluice_list.html"

    def get_queryset(self):
        return sluice_list_queryset().order_by("name", "id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_create"] = user.is_authenticated and (
            user.is_moderator or user.memberships.filter(role__in=["coordinator", "admin"]).exists()
        )
        return context


class SluiceMixin:
    """Loads the sluice of the URL and says whether the user coordinates it."""

    def dispatch(self, request, *args, **kwargs):
        self.sluice = get_object_or_404(Sluice.objects.select_related("organisation"), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sluice"] = self.sluice
        context["can_manage"] = self.request.user.has_perm("ideas.change_sluice", self.sluice)
        return context


class SluiceDetailView(SluiceMixin, ExportMixin, ObjectListView):
    """A sluice's public page: its ideas (public ones, and all for its coordinators), their
    stages and the answers given, with filters and CSV/JSON."""

    model = Idea
    filterset_class = IdeaFilterSet
    template_name = "ideas/sluice_detail.html"
    export_columns = IDEA_EXPORT_COLUMNS
    export_filename = "ideas"

    def get_queryset(self):
        return idea_list_queryset().visible_to(self.request.user).filter(sluice=self.sluice)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["challenges"] = list(self.sluice.challenges.all())
        context["stages"] = list(self.sluice.stages.all())
        return context


class SluiceCreateView(LoginRequiredMixin, FormView):
    template_name = "ideas/sluice_form.html"

    def get_organisations(self):
        user = self.request.user
        if user.is_moderator:
            return Organisation.objects.filter(kind__in=["municipality", "region", "agency"]).order_by("name")
        return Organisation.objects.filter(
            memberships__user=user, memberships__role__in=["coordinator", "admin"]
        ).order_by("name")

    def get_form(self, form_class=None):
        return SluiceCreateForm(organisations=self.get_organisations(), **self.get_form_kwargs())

    def form_valid(self, form):
        values = dict(form.cleaned_data)
        organisation = values.pop("organisation")
        try:
            sluice = services.create_sluice(self.request.user, organisation, **values)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied:
            form.add_error("organisation", _("You do not coordinate this organisation."))
            return self.form_invalid(form)
        messages.success(self.request, _("The sluice was created with a default pipeline."))
        return redirect(sluice.get_absolute_url())


class SluiceSettingsView(LoginRequiredMixin, SluiceMixin, TemplateView):
    """Coordinators change the sluice, configure its stages and start challenges."""

    template_name = "ideas/sluice_settings.html"
    forms = {"sluice": SluiceForm, "stage": StageForm, "challenge": ChallengeForm}

    def check(self):
        if not self.request.user.has_perm("ideas.change_sluice", self.sluice):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sluice = self.sluice
        context.setdefault(
            "sluice_form",
            SluiceForm(
                prefix="sluice",
                initial={
                    name: getattr(sluice, name)
                    for name in (
                        "name",
                        "description",
                        "target_group",
                        "is_open",
                        "anonymous_reviews",
                        "contact_retention_days",
                    )
                },
            ),
        )
        context.setdefault("stage_form", StageForm(prefix="stage"))
        context.setdefault("challenge_form", ChallengeForm(prefix="challenge"))
        context["stage_list"] = list(sluice.stages.all())
        context["criteria"] = list(sluice.criteria.all())
        context["challenges"] = list(sluice.challenges.all())
        return context

    def get(self, request, *args, **kwargs):
        self.check()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.check()
        which = request.POST.get("form")
        if which not in self.forms:
            messages.error(request, _("Unknown form."))
            return redirect("ideas:sluice_settings", slug=self.sluice.slug)
        form = self.forms[which](request.POST, prefix=which)
        if form.is_valid():
            values = {k: v for k, v in form.cleaned_data.items() if not (k == "position" and v is None)}
            try:
                if which == "sluice":
                    services.update_sluice(request.user, self.sluice, **values)
                elif which == "stage":
                    services.add_stage(request.user, self.sluice, **values)
                else:
                    services.create_challenge(request.user, self.sluice, **values)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("ideas:sluice_settings", slug=self.sluice.slug)
        return self.render_to_response(self.get_context_data(**{f"{which}_form": form}))


class OrganisationSluicesView(ObjectTabView):
    """The organisation page's ideas tab: its sluices."""

    model = Organisation
    template_name = "ideas/organisation_sluices.html"
    active_tab = "ideas"
    history_url_name = "organisations:organisation_history"

    def get_queryset(self):
        return organisation_detail_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sluices"] = sluice_list_queryset().filter(organisation=self.object).order_by("name")
        context["can_create"] = self.request.user.has_perm("ideas.add_sluice", self.object)
        return context
