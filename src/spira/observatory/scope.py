"""The filters of a dashboard (county, kind, size band, period), read from the URL.

`DashboardFilterForm` validates the query string; `Scope` is the validated, hashable result that
providers turn into queryset filters. Unknown parameters and impossible periods are reported to
the visitor, and the page then shows the unfiltered (or last valid) numbers, never a 500.
"""

from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from spira.observatory.choices import FIRST_YEAR, LAST_YEAR, SIZE_BAND_RANGES, SizeBand
from spira.organisations.choices import OrganisationKind
from spira.organisations.models import County

FILTER_NAMES = ("county", "kind", "size", "year_from", "year_to")


@dataclass(frozen=True)
class Scope:
    """Which organisations and which years a dashboard counts."""

    county: str = ""
    kind: str = ""
    size: str = ""
    year_from: int | None = None
    year_to: int | None = None

    @property
    def key(self) -> str:
        return f"{self.county}|{self.kind}|{self.size}|{self.year_from or ''}|{self.year_to or ''}"

    @property
    def is_empty(self) -> bool:
        return self == Scope()

    def organisations(self, prefix: str = "") -> Q:
        """Conditions on the organisation reached through `prefix` ('coordinator__', '')."""
        condition = Q()
        if self.county:
            condition &= Q(**{f"{prefix}county__code": self.county})
        if self.kind:
            condition &= Q(**{f"{prefix}kind": self.kind})
        if self.size:
            low, high = SIZE_BAND_RANGES[self.size]
            condition &= Q(**{f"{prefix}population__gte": low})
            if high is not None:
                condition &= Q(**{f"{prefix}population__lt": high})
        return condition

    def period(self, field: str | None) -> Q:
        """Conditions on the year of the date field `field` (none when the model has no date)."""
        condition = Q()
        if not field:
            return condition
        if self.year_from:
            condition &= Q(**{f"{field}__year__gte": self.year_from})
        if self.year_to:
            condition &= Q(**{f"{field}__year__lte": self.year_to})
        return condition

    def q(self, organisation: str, date: str | None) -> Q:
        prefix = f"{organisation}__" if organisation else ""
        return self.organisations(prefix) & self.period(date)

    def without_organisation_filters(self) -> "Scope":
        return Scope(year_from=self.year_from, year_to=self.year_to)


def _county_choices():
    return [("", _("All counties")), *County.objects.order_by("code").values_list("code", "name")]


class DashboardFilterForm(forms.Form):
    county = forms.ChoiceField(label=_("County"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        required=False,
        choices=[("", _("All kinds")), *OrganisationKind.choices],
    )
    size = forms.ChoiceField(
        label=_("Size (inhabitants)"), required=False, choices=[("", _("All sizes")), *SizeBand.choices]
    )
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    year_to = forms.IntegerField(
        label=_("To year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = _county_choices()

    def clean(self):
        cleaned = super().clean()
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from and year_to and year_from > year_to:
            self.add_error("year_to", _("The period ends before it starts: choose a later end year."))
        return cleaned

    def scope(self) -> Scope:
        """The valid filters; an invalid field is left out (the form shows why)."""
        data = self.cleaned_data if self.is_bound else {}
        errors = self.errors if self.is_bound else {}
        values = {name: data.get(name) for name in FILTER_NAMES if name not in errors}
        if "year_to" in errors:
            values["year_from"] = None
        return Scope(
            county=values.get("county") or "",
            kind=values.get("kind") or "",
            size=values.get("size") or "",
            year_from=values.get("year_from"),
            year_to=values.get("year_to"),
        )


def read_scope(query, extra_names=()) -> tuple[DashboardFilterForm, Scope, list[str]]:
    """The form, the valid scope and the names of unknown parameters in `query` (a QueryDict)."""
    form = DashboardFilterForm(query)
    form.is_valid()
    unknown = sorted(set(query) - set(FILTER_NAMES) - set(extra_names))
    return form, form.scope(), unknown
