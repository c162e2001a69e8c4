"""Following new barriers of a kind or addressed to an authority."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from spira.barriers import services
from spira.barriers.forms import SubscriptionForm
from spira.barriers.models import BarrierSubscription
from spira.core.forms import add_service_errors


class SubscriptionListView(LoginRequiredMixin, TemplateView):
    template_name = "barriers/subscription_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", SubscriptionForm())
        context["subscriptions"] = BarrierSubscription.objects.visible_to(self.request.user).select_related(
            "authority"
        )
        return context

    def post(self, request, *args, **kwargs):
        form = SubscriptionForm(request.POST)
        if form.is_valid():
            try:
                services.subscribe(
                    request.user, kind=form.cleaned_data["kind"], authority=form.cleaned_data["authority"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("You will be notified of new barriers like these."))
                return redirect("barriers:subscription_list")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SubscriptionDeleteView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        subscription = get_object_or_404(BarrierSubscription.objects.visible_to(request.user), pk=pk)
        services.unsubscribe(request.user, subscription)
        messages.success(request, _("You no longer follow these barriers."))
        return redirect("barriers:subscription_list")
