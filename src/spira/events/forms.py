"""Forms for the open call, the programme and registration. They check the shape of the input;
the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from spira.events.choices import REASON_MAX_LENGTH
from spira.events.models import Activity, EventSeries
from spira.organisations.forms import add_service_errors
from spira.organisations.models import Organisation

__all__ = ["ActivityForm", "DecisionForm", "RegistrationForm", "SeriesForm", "add_service_errors"]

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _describe_help(form: forms.Form) -> None:
    for name, field in form.fields.items():
        if field.help_text:
            field.widget.attrs.setdefault("aria-describedby", f"id_{name}_help")


class ActivityForm(forms.ModelForm):
    """Propose an activity, add one to the programme, or edit one. With `organisations` the
    form asks on behalf of which organisation (the call); without, the organiser stays."""

    organiser = forms.ModelChoiceField(
        label=_("Organiser"),
        queryset=Organisation.objects.none(),
        help_text=_("The organisation you propose the activity for; you must be a member of it."),
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "description",
            "format",
            "track",
            "starts_at",
            "ends_at",
            "language",
            "audience",
            "venue",
            "address",
            "municipality",
            "online_url",
            "accessibility",
            "registration_mode",
            "capacity",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "online_url": forms.URLInput(attrs={"placeholder": "https://"}),
        }
        help_texts = {
            "starts_at": _("Swedish time (Europe/Stockholm)."),
            "venue": _("Give a place, an online link, or both."),
            "accessibility": _(
                "E.g. step-free access, hearing loop, sign language interpretation, captions."
            ),
            "capacity": _("Leave empty for no limit. When the seats are taken, people join a waiting list."),
        }

    def __init__(self, *args, series: EventSeries, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.series = series
        self.fields["track"].queryset = series.tracks.all()
        self.fields["municipality"].queryset = Organisation.objects.filter(kind="municipality").order_by(
            "name"
        )
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        if organisations is None:
            del self.fields["organiser"]
        else:
            self.fields["organiser"].queryset = organisations
            self.order_fields(["organiser"])
        _describe_help(self)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            # Said here, on the field, before the model's constraint says it about the whole form.
            self.add_error("ends_at", _("The end must be after the start."))
        return cleaned

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve and publish")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "aria-describedby": "id_reason_help"}),
        help_text=_("Required when rejecting. The proposer reads it."),
    )


class CancelActivityForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the activity cancelled?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RegistrationForm(forms.Form):
    """Visitors give a name and an e-mail address; people who are logged in only the organisation."""

    name = forms.CharField(
        label=_("Name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The confirmation, with a calendar file and a link to cancel, is sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "aria-describedby": "id_email_help"}),
    )
    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            del self.fields["name"]
            del self.fields["email"]


class SeriesForm(forms.ModelForm):
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Organisation.objects.none())

    class Meta:
        model = EventSeries
        fields = [
            "title",
            "title_en",
            "description",
            "description_en",
            "starts_on",
            "ends_on",
            "call_opens_at",
            "call_closes_at",
            "call_text",
            "website",
        ]
        widgets = {
            "title_en": forms.TextInput(attrs={"lang": "en"}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6, "lang": "en"}),
            "call_text": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "call_opens_at": DateTimeLocalInput(),
            "call_closes_at": DateTimeLocalInput(),
        }

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("call_opens_at", "call_closes_at"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M"]
        if owners is None:
            del self.fields["owner"]
        else:
            self.fields["owner"].queryset = owners
            self.order_fields(["owner"])
        _describe_help(self)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("starts_on"), cleaned.get("ends_on")
        if first and last and last < first:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        return cleaned

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
