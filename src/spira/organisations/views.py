from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from django.views.generic.detail import SingleObjectMixin

from spira.core.cache import cache_public_page
from spira.core.forms import add_service_errors
from spira.core.views import (
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectTabView,
    ObjectUpdateView,
)
from spira.organisations import services
from spira.organisations.filtersets import OrganisationFilterSet
from spira.organisations.forms import (
    AddMemberForm,
    MembershipRoleForm,
    OrganisationForm,
)
from spira.organisations.models import Membership, Organisation
from spira.organisations.queries import (
    membership_list_queryset,
    organisation_detail_queryset,
    organisation_list_queryset,
)


class OrganisationPageMixin:
    """What every page of one organisation shows in its header (the edit link)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.request.user.has_perm("organisations.change_organisation", self.object)
        return context


@method_decorator(cache_public_page, name="dispatch")
class OrganisationListView(ObjectListView):
    model = Organisation
    filterset_class = OrganisationFilterSet
    template_name = "organisations/organisation_list.html"
    page_title = gettext_lazy("Organisations")

    def get_queryset(self):
        return organisation_list_queryset().visible_to(self.request.user)


@method_decorator(cache_public_page, name="dispatch")
class OrganisationDetailView(OrganisationPageMixin, ObjectDetailView):
    model = Organisation
    history_url_name = "organisations:organisation_history"
    template_name = "organisations/organisation_detail.html"

    def get_queryset(self):
        return organisation_detail_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["children"] = self.object.children.order_by("name")[:50]
        return context


class OrganisationHistoryView(OrganisationPageMixin, ObjectHistoryView):
    model = Organisation
    history_url_name = "organisations:organisation_history"

    def get_queryset(self):
        return organisation_detail_queryset().visible_to(self.request.user)


class OrganisationCreateView(LoginRequiredMixin, FormView):
    """Register a company, a university, an association, a network or another organisation."""

    form_class = OrganisationForm
    template_name = "organisations/organisation_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("organisations.add_organisation"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            organisation = services.create_organisation(self.request.user, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s is registered, and you are its administrator.") % {"name": organisation.display_name},
        )
        return redirect(organisation)


class OrganisationUpdateView(OrganisationPageMixin, ObjectUpdateView):
    """Edit an organisation; for reference organisations only what the registers do not say."""

    model = Organisation
    template_name = "organisations/organisation_update.html"
    history_url_name = "organisations:organisation_history"

    def get_queryset(self):
        return organisation_detail_queryset().visible_to(self.request.user)

    def get_form(self, data=None) -> OrganisationForm:
        # The form works on its own copy: ModelForm validation writes into its instance, and the
        # service must see the unchanged object to record what changed.
        return OrganisationForm(data, instance=self.get_queryset().get(pk=self.object.pk))

    def update(self, form) -> None:
        services.update_organisation(self.request.user, self.object, **form.service_values())


class OrganisationMembersView(OrganisationPageMixin, ObjectTabView):
    """The members tab: who belongs to the organisation with which role; admins manage it here."""

    model = Organisation
    history_url_name = "organisations:organisation_history"
    template_name = "organisations/organisation_members.html"
    active_tab = "members"

    def get_queryset(self):
        return organisation_detail_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, organisation = self.request.user, self.object
        context["can_view_members"] = user.has_perm("organisations.view_members", organisation)
        context["can_manage"] = user.has_perm("organisations.manage_members", organisation)
        if context["can_view_members"]:
            members = list(membership_list_queryset(organisation))
            context["members"] = members
            context["own_membership"] = next((m for m in members if m.user_id == user.pk), None)
        if context["can_manage"]:
            context["add_form"] = kwargs.get("add_form") or AddMemberForm()
            context["role_choices"] = MembershipRoleForm.base_fields["role"].choices
        return context


class MembershipAddView(LoginRequiredMixin, OrganisationMembersView):
    """Add a person with an account, found by e-mail address, in a role (or change their role)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not request.user.has_perm("organisations.manage_members", self.object):
            raise PermissionDenied
        form = AddMemberForm(request.POST)
        if form.is_valid():
            try:
                membership = services.add_membership(
                    request.user, self.object, form.user, form.cleaned_data["role"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(user)s is now %(role)s of %(organisation)s.")
                    % {
                        "user": membership.user,
                        "role": membership.get_role_display(),
                        "organisation": self.object.display_name,
                    },
                )
                return redirect("organisations:organisation_members", slug=self.object.slug)
        return self.render_to_response(self.get_context_data(add_form=form))


class MembershipActionView(LoginRequiredMixin, SingleObjectMixin, View):
    """Base for the POST-only actions on one membership; they redirect back to the members tab
    with the outcome as a message."""

    model = Organisation
    http_method_names = ["post"]

    def get_queryset(self):
        return organisation_detail_queryset().visible_to(self.request.user)

    def post(self, request, *args, **kwargs):
        organisation = self.get_object()
        membership = get_object_or_404(
            Membership.objects.select_related("user", "organisation"),
            pk=self.kwargs["membership_pk"],
            organisation=organisation,
        )
        try:
            self.act(request, organisation, membership)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("organisations:organisation_members", slug=organisation.slug)

    def act(self, request, organisation, membership) -> None:
        raise NotImplementedError


class MembershipRoleView(MembershipActionView):
    def act(self, request, organisation, membership) -> None:
        form = MembershipRoleForm(request.POST)
        if not form.is_valid():
            raise ValidationError({"role": _("Choose one of the roles.")})
        services.change_membership_role(request.user, membership, form.cleaned_data["role"])
        messages.success(
            request,
            _("%(user)s is now %(role)s.") % {"user": membership.user, "role": membership.get_role_display()},
        )


class MembershipRemoveView(MembershipActionView):
    """An admin removes a member, or members remove themselves (leave the organisation)."""

    def act(self, request, organisation, membership) -> None:
        services.remove_membership(request.user, membership)
        if membership.user_id == request.user.pk:
            messages.success(
                request, _("You have left %(organisation)s.") % {"organisation": organisation.display_name}
            )
        else:
            messages.success(
                request,
                _("%(user)s is no longer a member of %(organisation)s.")
                % {"user": membership.user, "organisation": organisation.display_name},
            )
