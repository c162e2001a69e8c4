from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from spira.organisations.models import Organisation
from spira.spread.choices import REASON_MAX_LENGTH, AdoptionStatus
from spira.spread.models import Adoption, Solution


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def my_organisations(user):
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name").distinct()


class OrganisationChoiceForm(forms.Form):
    """Choose one of the actor's organisations (for interest, confirmation and sharing)."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("On behalf of"), to_field_name="slug", empty_label=None
    )

    def __init__(self, *args, user=None, exclude=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = my_organisations(user)
        if exclude is not None:
            queryset = queryset.exclude(pk__in=exclude)
        self.fields["organisation"].queryset = queryset


class SolutionForm(forms.ModelForm):
    owner = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Shared by"), to_field_name="slug", empty_label=None
    )

    class Meta:
        model = Solution
        fields = [
            "name", "language", "summary", "description", "kind", "maturity", "cost_band", "effort",
            "competences", "licence", "contact_name", "contact_email", "website", "repository_url",
            "procurement_requirements", "procurement_evaluation_model", "framework_agreement",
        ]  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "competences": forms.Textarea(attrs={"rows": 3}),
            "procurement_requirements": forms.Textarea(attrs={"rows": 4}),
            "procurement_evaluation_model": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["owner"]
        else:
            self.fields["owner"].queryset = my_organisations(user)
        self.fields["cost_band"].required = False
        self.fields["effort"].required = False

    def _post_clean(self):
        # The service validates and saves; the ModelForm must not write to the instance.
        pass


class AdoptionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=AdoptionStatus.choices, label=_("New status"))
    on = forms.DateField(
        label=_("Date"), required=False, help_text=_("When it happened (today if empty)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )  # fmt: skip
    reason = forms.CharField(
        label=_("Reason (when discontinued)"), required=False, max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def __init__(self, *args, adoption=None, **kwargs):
        super().__init__(*args, **kwargs)
        if adoption is not None:
            from spira.spread.choices import TRANSITIONS

            allowed = TRANSITIONS[adoption.status]
            self.fields["status"].choices = [c for c in AdoptionStatus.choices if c[0] in allowed]


class AdoptionEffectForm(forms.ModelForm):
    class Meta:
        model = Adoption
        fields = ["adaptations", "effect", "indicator", "indicator_unit", "baseline", "result"]
        widgets = {
            "adaptations": forms.Textarea(attrs={"rows": 4}),
            "effect": forms.Textarea(attrs={"rows": 4}),
        }

    def _post_clean(self):
        pass
