import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from spira.core.forms import add_service_errors
from spira.networks import services
from spira.networks.forms import BookingForm
from spira.networks.models import BookableResource, Booking, HubLocation
from spira.networks.queries import bookings_between


def _location(kwargs) -> HubLocation:
    return get_object_or_404(
        HubLocation.objects.select_related("network", "community_manager").prefetch_related(
            "opening_hours", "resources"
        ),
        network__slug=kwargs["slug"],
        slug=kwargs["location"],
    )


class LocationDetailView(TemplateView):
    """A hub location: address, opening hours, community manager and its bookable resources."""

    template_name = "networks/location_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        location = _location(self.kwargs)
        context.update(
            location=location,
            network=location.network,
            resources=[r for r in location.resources.all() if r.is_active],
        )
        return context


def week_start(value: str | None) -> datetime.date:
    today = timezone.localdate()
    try:
        day = datetime.date.fromisoformat(value) if value else today
    except ValueError:
        day = today
    if not datetime.date(2000, 1, 1) <= day <= datetime.date(2100, 1, 1):
        day = today
    return day - datetime.timedelta(days=day.weekday())


class ResourceDetailView(TemplateView):
    """A resource's week calendar (who booked is shown to members only) and the booking form."""

    template_name = "networks/resource_detail.html"

    def get_resource(self) -> BookableResource:
        resource = get_object_or_404(
            BookableResource.objects.select_related("location", "location__network").prefetch_related(
                "location__opening_hours"
            ),
            pk=self.kwargs["pk"],
        )
        if resource.location.network.slug != self.kwargs["slug"]:
            raise Http404
        return resource

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        resource = self.get_resource()
        user = self.request.user
        start = week_start(self.request.GET.get("vecka"))
        days = [start + datetime.timedelta(days=n) for n in range(7)]
        starts = timezone.make_aware(datetime.datetime.combine(start, datetime.time(0)))
        bookings = list(bookings_between(resource, starts, starts + datetime.timedelta(days=7)))
        hours = {h.weekday: h for h in resource.location.opening_hours.all()}
        context.update(
            resource=resource,
            location=resource.location,
            network=resource.location.network,
            can_book=user.has_perm("networks.book_resource", resource),
            is_member=user.has_perm("networks.view_members_area", resource.location.network),
            calendar=[
                {
                    "day": day,
                    "hours": hours.get(day.weekday()),
                    "bookings": [b for b in bookings if timezone.localtime(b.starts_at).date() == day],
                }
                for day in days
            ],
            previous_week=(start - datetime.timedelta(days=7)).isoformat(),
            next_week=(start + datetime.timedelta(days=7)).isoformat(),
            form=form or BookingForm(user=user, initial={"date": max(start, timezone.localdate())}),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={request.path}")
        resource = self.get_resource()
        form = BookingForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                booking = services.book_resource(
                    request.user,
                    resource,
                    data["starts_at"],
                    data["ends_at"],
                    organisation=data.get("organisation"),
                    title=data.get("title", ""),
                )
            except PermissionDenied as error:
                form.add_error(None, str(error) or _("You may not book this resource."))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                local = timezone.localtime(booking.starts_at)
                messages.success(
                    request,
                    _("%(resource)s is booked for you on %(day)s, %(start)s–%(end)s.")
                    % {
                        "resource": resource.name,
                        "day": local.date().isoformat(),
                        "start": local.strftime("%H:%M"),
                        "end": timezone.localtime(booking.ends_at).strftime("%H:%M"),
                    },
                )
                return redirect(f"{request.path}?vecka={local.date().isoformat()}")
        return self.render_to_response(self.get_context_data(form=form), status=400)


def _login_url() -> str:
    from django.conf import settings
    from django.shortcuts import resolve_url

    return resolve_url(settings.LOGIN_URL)


class MyBookingsView(LoginRequiredMixin, ListView):
    """The person's own coming bookings, with a cancel button each."""

    template_name = "networks/my_bookings.html"
    paginate_by = 25

    def get_queryset(self):
        return (
            Booking.objects.visible_to(self.request.user)
            .filter(booked_by=self.request.user, ends_at__gte=timezone.now())
            .confirmed()
            .select_related("resource", "resource__location", "resource__location__network", "organisation")
            .order_by("starts_at")
        )


class BookingCancelView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        booking = get_object_or_404(
            Booking.objects.visible_to(request.user).select_related("resource__location__network"), pk=pk
        )
        try:
            services.cancel_booking(request.user, booking)
        except (ValidationError, PermissionDenied) as error:
            messages.error(
                request,
                " ".join(getattr(error, "messages", [str(error)]))
                or _("The booking could not be cancelled."),
            )
        else:
            messages.success(request, _("The booking is cancelled."))
        return redirect("networks:my_bookings")
