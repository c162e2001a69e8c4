"""Forms for registering and editing organisations and managing members. They check the shape of
the input; the services decide and write."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from spira.core.forms import (
    add_service_errors as add_service_errors,  # re-exported: events imports it from here
)
from spira.organisations.choices import REGISTRABLE_KIND_CHOICES, MembershipRole
from spira.organisations.models import Organisation
from spira.organisations.services import REFERENCE_FIELDS
from spira.organisations.validators import normalise_org_number

ORGANISATION_FORM_FIELDS = [
    "kind",
    "name",
    "full_name",
    "name_en",
    "short_name",
    "org_number",
    "county",
    "city",
    "website",
    "description",
    "description_en",
]


class OrganisationForm(forms.ModelForm):
    """Register an organisation, or edit one. For reference organisations the official facts are
    left out (they are shown read-only on the page)."""

    class Meta:
        model = Organisation
        fields = ORGANISATION_FORM_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6, "lang": "en"}),
            "name_en": forms.TextInput(attrs={"lang": "en"}),
            "website": forms.URLInput(attrs={"placeholder": "https://"}),
        }
        help_texts = {
            "org_number": _("Ten digits, written NNNNNN-NNNN. Leave empty if the organisation has none."),
            "full_name": _("As the organisation calls itself, if it differs from the name."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            self.fields["kind"].choices = [("", "---------"), *REGISTRABLE_KIND_CHOICES]
        if self.instance.pk and self.instance.is_reference:
            for name in REFERENCE_FIELDS & set(self.fields):
                del self.fields[name]
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs.setdefault("aria-describedby", f"id_{name}_help")

    def clean_org_number(self):
        value = self.cleaned_data.get("org_number")
        if not value:
            return None
        return normalise_org_number(value)

    def service_values(self) -> dict:
        """The cleaned values for the service, only the fields this form shows."""
        return {name: self.cleaned_data[name] for name in self.fields}


class AddMemberForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The person must already have an account on Spira."),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "aria-describedby": "id_email_help"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER)

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise ValidationError(
                _("No one with this e-mail address has an account on Spira. Ask them to create one first.")
            )
        self.user = user
        return email


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)
