"""Analytics pages: one sluice or all sluices, as accessible SVG charts, tables, CSV and JSON."""

import csv
import io

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from spira.ideas.analytics import bar_chart, sluice_analytics
from spira.ideas.choices import Origin
from spira.ideas.models import Sluice


def analytics_csv(numbers, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["section", "key", "subkey", "value"])
    for row in numbers.rows():
        writer.writerow(["" if v is None else v for v in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def charts(numbers) -> list[dict]:
    return [
        bar_chart(
            _("Funnel: ideas that reached each stage type"),
            _(
                "Horizontal bars, one per stage type from new to spread; the number of ideas is written after each bar."
            ),
            [(step["label"], step["count"]) for step in numbers.funnel],
        ),
        bar_chart(
            _("Median days in each stage type"),
            _("Horizontal bars, one per stage type; the median number of days is written after each bar."),
            [(stay["label"], stay["median_days"]) for stay in numbers.time_in_stage],
        ),
        bar_chart(
            _("Ideas per month, last 12 months"),
            _(
                "Horizontal bars, one per month; the number of ideas from residents and co-workers together is written after each bar."
            ),
            [(m["month"], sum(m[o] for o in Origin.values)) for m in numbers.per_month[-12:]],
        ),
    ]


class AnalyticsView(TemplateView):
    """`?format=csv` or `?format=json` give the same numbers as files."""

    template_name = "ideas/analytics.html"
    sluice = None

    def get_numbers(self):
        return sluice_analytics(self.sluice)

    def get(self, request, *args, **kwargs):
        if "slug" in kwargs:
            self.sluice = get_object_or_404(
                Sluice.objects.select_related("organisation"), slug=kwargs["slug"]
            )
        fmt = request.GET.get("format")
        if fmt in ("csv", "json"):
            numbers = self.get_numbers()
            filename = f"idea-analytics-{self.sluice.slug if self.sluice else 'all'}"
            if fmt == "csv":
                return analytics_csv(numbers, filename)
            return JsonResponse(numbers.as_dict(), json_dumps_params={"ensure_ascii": False})
        if fmt is not None:
            return JsonResponse(
                {"detail": _("Unknown export format."), "errors": {"format": [_("Use csv or json.")]}},
                status=400,
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        numbers = self.get_numbers()
        context["sluice"] = self.sluice
        context["numbers"] = numbers
        context["charts"] = charts(numbers)
        context["origins"] = Origin.choices
        return context
