"""Forms of the observatory. They only shape input; the services decide and save."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from spira.initiatives.choices import InnovationFacet
from spira.observatory.choices import ANSWER_MAX, ANSWER_MIN, PORTFOLIO_QUESTIONS, Unit

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form's fields (or on the form as a whole)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class EffectGoalForm(forms.Form):
    indicator = forms.CharField(
        label=_("Indicator"),
        max_length=200,
        help_text=_("What is measured, e.g. waiting time for a decision."),
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    baseline_value = forms.DecimalField(label=_("Baseline value"), max_digits=18, decimal_places=4)
    baseline_date = forms.DateField(label=_("Baseline date"), widget=DATE_WIDGET)
    target_value = forms.DecimalField(label=_("Target value"), max_digits=18, decimal_places=4)
    target_date = forms.DateField(label=_("Target date"), widget=DATE_WIDGET)

    prefix = "goal"


class MeasurementForm(forms.Form):
    value = forms.DecimalField(label=_("Measured value"), max_digits=18, decimal_places=4)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    measured_on = forms.DateField(label=_("Measured on"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)

    def __init__(self, *args, goal=None, **kwargs):
        prefix = f"m{goal.pk}" if goal is not None else "m"
        super().__init__(*args, prefix=prefix, **kwargs)
        if goal is not None and not self.is_bound:
            self.initial.setdefault("unit", goal.unit)


ANSWER_CHOICES = [(str(n), str(n)) for n in range(ANSWER_MIN, ANSWER_MAX + 1)]


class PortfolioForm(forms.Form):
    """Twelve statements, each answered 1 (does not fit us) to 5 (fits us fully)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, _facet, text in PORTFOLIO_QUESTIONS:
            self.fields[key] = forms.ChoiceField(
                label=text,
                choices=ANSWER_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer this statement (1 to 5).")},
            )

    def answers(self) -> dict[str, int]:
        return {key: int(self.cleaned_data[key]) for key, _f, _t in PORTFOLIO_QUESTIONS}


FACET_CHOICES = [("", _("not stated")), *InnovationFacet.choices]


class FacetMappingForm(forms.Form):
    def __init__(self, *args, initiatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.initiatives = list(initiatives)
        for initiative in self.initiatives:
            self.fields[f"facet_{initiative.pk}"] = forms.ChoiceField(
                label=initiative.title or initiative.slug,
                choices=FACET_CHOICES,
                required=False,
                initial=initiative.facet,
            )

    def mapping(self) -> dict[int, str]:
        return {i.pk: self.cleaned_data.get(f"facet_{i.pk}", "") for i in self.initiatives}
