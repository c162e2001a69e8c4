from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView

from spira.core.forms import add_service_errors
from spira.core.views import (
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectUpdateView,
    get_object_or_404_visible,
)
from spira.knowledge import services
from spira.knowledge.filtersets import KnowledgeResourceFilterSet
from spira.knowledge.forms import CollectionForm, KnowledgeResourceForm, ReviewForm
from spira.knowledge.models import Collection, KnowledgeResource, ResourceUse, Review
from spira.knowledge.queries import (
    collection_detail_queryset,
    initiative_links,
    resource_detail_queryset,
    resource_list_queryset,
)


class KnowledgeResourceListView(ObjectListView):
    model = KnowledgeResource
    filterset_class = KnowledgeResourceFilterSet
    template_name = "knowledge/knowledgeresource_list.html"
    page_title = gettext_lazy("Knowledge bank")

    def get_queryset(self):
        return resource_list_queryset().visible_to(self.request.user)


class ResourcePageMixin:
    model = KnowledgeResource
    history_url_name = "knowledge:resource_history"

    def get_queryset(self):
        return resource_detail_queryset().visible_to(self.request.user)


class KnowledgeResourceDetailView(ResourcePageMixin, ObjectDetailView):
    template_name = "knowledge/knowledgeresource_detail.html"

    def get_context_data(self, review_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        resource, user = self.object, self.request.user
        context["links"] = initiative_links(resource, user)
        context["reviews"] = (
            Review.objects.visible_to(user).filter(resource=resource).select_related("author")[:50]
        )
        context["has_used"] = (
            user.is_authenticated and ResourceUse.objects.filter(resource=resource, user=user).exists()
        )
        context["can_change"] = user.has_perm("knowledge.change_knowledgeresource", resource)
        context["can_review"] = user.has_perm("knowledge.add_review", resource)
        context["review_form"] = review_form or ReviewForm()
        if user.is_authenticated:
            context["own_collections"] = Collection.objects.filter(owner=user).order_by("title")
        context["in_collections"] = (
            Collection.objects.visible_to(user).filter(items__resource=resource).distinct()
        )
        return context


class KnowledgeResourceHistoryView(ResourcePageMixin, ObjectHistoryView):
    pass


class KnowledgeResourceCreateView(LoginRequiredMixin, FormView):
    form_class = KnowledgeResourceForm
    template_name = "knowledge/knowledgeresource_form.html"

    def form_valid(self, form):
        try:
            resource = services.create_resource(self.request.user, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The resource is added to the knowledge bank."))
        return redirect(resource)


class KnowledgeResourceUpdateView(ResourcePageMixin, ObjectUpdateView):
    template_name = "knowledge/knowledgeresource_update.html"
    invalid_status = 400

    def get_form(self, data=None):
        return KnowledgeResourceForm(data, instance=KnowledgeResource.objects.get(pk=self.object.pk))

    def update(self, form) -> None:
        services.update_resource(self.request.user, self.object, **form.service_values())


class ResourceActionView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, slug):
        resource = get_object_or_404_visible(KnowledgeResource.objects.all(), request.user, slug=slug)
        try:
            response = self.act(request, resource)
        except PermissionDenied:
            messages.error(request, _("You cannot do this with this resource."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if response is not None:
                return response
        return redirect(resource)


class MarkUsedView(ResourceActionView):
    def act(self, request, resource):
        if request.POST.get("used") == "0":
            services.unmark_used(request.user, resource)
            messages.success(request, _("The mark is taken back."))
        else:
            services.mark_used(request.user, resource)
            messages.success(request, _("Thank you: the resource is marked as used by you."))


class ReviewView(ResourceActionView):
    def act(self, request, resource):
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                services.write_review(request.user, resource, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you for your review."))
                return None
        view = KnowledgeResourceDetailView()
        view.setup(request, slug=resource.slug)
        view.object = resource
        return view.render_to_response(view.get_context_data(review_form=form), status=400)


class AddToCollectionView(ResourceActionView):
    def act(self, request, resource):
        collection = Collection.objects.filter(
            owner=request.user, pk=request.POST.get("collection") or 0
        ).first()
        if collection is None:
            raise ValidationError({"collection": _("Choose one of your collections.")})
        services.add_to_collection(request.user, collection, resource, request.POST.get("note", ""))
        messages.success(request, _("Added to %(collection)s.") % {"collection": collection.title})


class CollectionListView(ListView):
    template_name = "knowledge/collection_list.html"
    paginate_by = 25

    def get_queryset(self):
        return (
            Collection.objects.visible_to(self.request.user).select_related("owner").order_by("title", "pk")
        )


class CollectionDetailView(ObjectDetailView):
    model = Collection
    template_name = "knowledge/collection_detail.html"

    def get_queryset(self):
        return collection_detail_queryset().visible_to(self.request.user)


class CollectionCreateView(LoginRequiredMixin, FormView):
    form_class = CollectionForm
    template_name = "knowledge/collection_form.html"

    def form_valid(self, form):
        try:
            collection = services.create_collection(self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The collection is created."))
        return redirect(collection)
