from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spira.core.forms import add_service_errors
from spira.core.views import ObjectDetailView, ObjectHistoryView, ObjectListView, ObjectTabView
from spira.networks import services
from spira.networks.filtersets import NetworkFilterSet
from spira.networks.forms import DocumentForm, JoinForm, PostForm
from spira.networks.models import Network, NetworkDocument, NetworkMembership, NetworkPost
from spira.networks.queries import (
    activity_series,
    initiatives_of_members,
    location_queryset,
    membership_queryset,
    network_detail_queryset,
    network_list_queryset,
    people_queryset,
)
from spira.organisations.models import Organisation


class NetworkListView(ObjectListView):
    model = Network
    filterset_class = NetworkFilterSet
    template_name = "networks/network_list.html"
    page_title = gettext_lazy("Networks")

    def get_queryset(self):
        return network_list_queryset().visible_to(self.request.user)


class NetworkPageMixin:
    model = Network
    history_url_name = "networks:network_history"

    def get_queryset(self):
        return network_detail_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, network = self.request.user, self.object
        context["can_change"] = user.has_perm("networks.change_network", network)
        context["is_member"] = user.has_perm("networks.view_members_area", network)
        context["can_join"] = network.open_to_join and user.is_authenticated
        return context


class NetworkDetailView(NetworkPageMixin, ObjectDetailView):
    template_name = "networks/network_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network = self.object
        context["people"] = [p for p in people_queryset(network) if p.role != "admin"]
        context["member_networks"] = list(
            network.memberships.current()
            .filter(member_network__isnull=False)
            .select_related("member_network__coordinator")
            .order_by("member_network__name")
        )
        context["parent_networks"] = list(
            NetworkMembership.objects.current().filter(member_network=network).select_related("network")
        )
        context["member_count"] = network.memberships.current().count()
        if network.is_hub:
            context["locations"] = list(location_queryset(network))
        if network.is_programme:
            context["modules"] = list(network.modules.all())
            context["clusters"] = list(network.clusters.prefetch_related("memberships__organisation"))
            context["partners"] = [m for m in membership_queryset(network) if m.role == "partner"]
            context["can_see_overview"] = self.request.user.has_perm(
                "networks.view_programme_overview", network
            )
            context["own_participations"] = self._own_participations(network)
        context["playbooks"] = list(network.knowledge_resources.not_hidden().order_by("title")[:10])
        return context

    def _own_participations(self, network):
        user = self.request.user
        if not user.is_authenticated:
            return []
        return list(
            network.memberships.current()
            .filter(organisation__in=user.memberships.values("organisation_id"))
            .select_related("organisation")
        )


class NetworkMembersView(NetworkPageMixin, ObjectTabView):
    """The member directory: organisations and member networks with role, plan and period."""

    template_name = "networks/network_members.html"
    active_tab = "members"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = Paginator(membership_queryset(self.object), 50).get_page(
            self.request.GET.get("page")
        )
        return context


class NetworkMembersAreaView(NetworkPageMixin, ObjectTabView):
    """Posts and documents for members only. Others see why they cannot read it (403)."""

    template_name = "networks/network_members_area.html"
    active_tab = "members_area"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        context = self.get_context_data(post_form=PostForm(), document_form=DocumentForm())
        return self.render_to_response(context, status=200 if context["is_member"] else 403)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        post_form, document_form = PostForm(), DocumentForm()
        try:
            if "add_post" in request.POST:
                post_form = PostForm(request.POST)
                if post_form.is_valid():
                    services.add_post(request.user, self.object, **post_form.cleaned_data)
                    messages.success(request, _("Your post is published to the members."))
                    return redirect("networks:network_members_area", slug=self.object.slug)
            else:
                document_form = DocumentForm(request.POST)
                if document_form.is_valid():
                    services.add_document(request.user, self.object, **document_form.cleaned_data)
                    messages.success(request, _("The document is shared with the members."))
                    return redirect("networks:network_members_area", slug=self.object.slug)
        except PermissionDenied as error:
            messages.error(request, str(error) or _("Only the network's members can do this."))
            return redirect("networks:network_members_area", slug=self.object.slug)
        except ValidationError as error:
            add_service_errors(post_form if "add_post" in request.POST else document_form, error)
        return self.render_to_response(
            self.get_context_data(post_form=post_form, document_form=document_form)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if context["is_member"]:
            context["posts"] = (
                NetworkPost.objects.visible_to(user).filter(network=self.object).select_related("author")[:50]
            )
            context["documents"] = NetworkDocument.objects.visible_to(user).filter(network=self.object)
        return context


class NetworkActivitiesView(NetworkPageMixin, ObjectTabView):
    """The network's activities: the events of its series of member activities (spira.events)."""

    template_name = "networks/network_activities.html"
    active_tab = "activities"

    def get_context_data(self, **kwargs):
        from spira.events.models import Activity

        context = super().get_context_data(**kwargs)
        series = activity_series(self.object)
        context["series"] = series
        if series:
            context["activities"] = (
                Activity.objects.visible_to(self.request.user)
                .filter(series__in=series, ends_at__gte=timezone.now())
                .select_related("organiser", "series")
                .order_by("starts_at")[:50]
            )
        return context


class NetworkInitiativesView(NetworkPageMixin, ObjectTabView):
    template_name = "networks/network_initiatives.html"
    active_tab = "initiatives"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = Paginator(initiatives_of_members(self.object, self.request.user), 25).get_page(
            self.request.GET.get("page")
        )
        return context


class NetworkHistoryView(NetworkPageMixin, ObjectHistoryView):
    pass


class NetworkJoinView(LoginRequiredMixin, NetworkPageMixin, ObjectTabView):
    """An organisation's administrator joins a network that is open to join, with a plan."""

    template_name = "networks/network_join.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(form=JoinForm(user=request.user)))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = JoinForm(request.POST, user=request.user)
        if form.is_valid():
            organisation = form.cleaned_data["organisation"]
            try:
                services.join_network(request.user, self.object, organisation, plan=form.cleaned_data["plan"])
            except PermissionDenied as error:
                form.add_error(None, str(error) or _("You cannot join for this organisation."))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(organisation)s is now a member of %(network)s.")
                    % {"organisation": organisation.display_name, "network": self.object.display_name},
                )
                return redirect(self.object)
        return self.render_to_response(self.get_context_data(form=form))


class OrganisationNetworksView(ObjectTabView):
    """The networks tab of an organisation's page."""

    model = Organisation
    template_name = "networks/organisation_networks.html"
    active_tab = "networks"
    history_url_name = "organisations:organisation_history"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = (
            NetworkMembership.objects.current()
            .filter(organisation=self.object)
            .select_related("network")
            .order_by("network__name")
        )
        context["coordinated"] = self.object.coordinated_networks.order_by("name")
        context["can_change"] = self.request.user.has_perm("organisations.change_organisation", self.object)
        return context
