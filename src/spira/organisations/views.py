from django.utils.translation import gettext_lazy as _

from spira.core.views import ObjectDetailView, ObjectHistoryView, ObjectListView
from spira.organisations.filtersets import OrganisationFilterSet
from spira.organisations.models import Organisation
from spira.organisations.queries import organisation_detail_queryset, organisation_list_queryset


class OrganisationListView(ObjectListView):
    model = Organisation
    filterset_class = OrganisationFilterSet
    template_name = "organisations/organisation_list.html"
    page_title = _("Organisations")

    def get_queryset(self):
        return organisation_list_queryset().visible_to(self.request.user)


class OrganisationDetailView(ObjectDetailView):
    model = Organisation
    history_url_name = "organisations:organisation_history"
    template_name = "organisations/organisation_detail.html"

    def get_queryset(self):
        return organisation_detail_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org = self.object
        context["children"] = org.children.order_by("name")[:50]
        context["member_count"] = org.memberships.count()
        context["can_change"] = self.request.user.has_perm("organisations.change_organisation", org)
        return context


class OrganisationHistoryView(ObjectHistoryView):
    model = Organisation
    history_url_name = "organisations:organisation_history"

    def get_queryset(self):
        return organisation_detail_queryset().visible_to(self.request.user)
