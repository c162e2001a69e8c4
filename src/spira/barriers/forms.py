"""Forms for reporting, endorsing, escalating, answering and workshops. They check the shape of
the input; the services decide and write."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from spira.barriers.choices import (
    REASON_MAX_LENGTH,
    REPORTING_KINDS,
    SHORT_TEXT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TRANSITIONS,
    AnswerDecision,
    BarrierKind,
    BarrierStatus,
    Level,
)
from spira.barriers.models import Barrier, Workshop
from spira.barriers.services import EDITABLE_FIELDS, WORKSHOP_FIELDS
from spira.initiatives.models import Initiative
from spira.organisations.models import Organisation

AUTHORITY_KINDS = ("region", "agency")


def authority_choices():
    """Regions and government agencies: the authorities a barrier can be addressed to."""
    return Organisation.objects.filter(kind__in=AUTHORITY_KINDS).order_by("name")


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class OrganisationMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


def describe_fields(form: forms.Form) -> None:
    """Tie help texts to their inputs for screen readers."""
    for name, field in form.fields.items():
        if field.help_text:
            field.widget.attrs.setdefault("aria-describedby", f"id_{name}_help")


class BarrierForm(forms.ModelForm):
    """Report a barrier (with the reporting organisation), or edit one (without)."""

    organisation = OrganisationChoiceField(
        label=_("Reporting organisation"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text=_("The municipality, region or agency you report for."),
    )
    authority = OrganisationChoiceField(
        label=_("Responsible authority"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The region or agency that holds the mandate, if you know it."),
    )
    initiatives = forms.ModelMultipleChoiceField(
        label=_("Initiatives where it bit"),
        queryset=Initiative.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Initiatives of your organisations that ran into this barrier."),
    )

    class Meta:
        model = Barrier
        # Every field the service edits, and no other: service_values() hands them all over.
        fields = EDITABLE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "case_description": forms.Textarea(attrs={"rows": 4}),
            "consequences": forms.Textarea(attrs={"rows": 4}),
            "proposed_change": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, reporting: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authority_choices()
        mine = Organisation.objects.filter(memberships__user=user)
        if reporting:
            self.fields["organisation"].queryset = mine.filter(kind__in=REPORTING_KINDS).order_by("name")
            self.order_fields(["organisation"])
        else:
            del self.fields["organisation"]
        self.fields["initiatives"].queryset = (
            Initiative.objects.visible_to(user).filter(coordinator__in=mine).order_by("title_sv", "pk")
        )
        self.fields["initiatives"].label_from_instance = lambda obj: obj.title
        if not self.fields["initiatives"].queryset.exists():
            del self.fields["initiatives"]
        describe_fields(self)

    def service_values(self) -> dict:
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if "initiatives" in self.fields:
            values["initiatives"] = list(self.cleaned_data["initiatives"])
        return values


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=())
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the barrier's public page. Required when closing."),
    )

    def __init__(self, *args, barrier: Barrier, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS[barrier.status]
        self.fields["status"].choices = [(v, label) for v, label in BarrierStatus.choices if v in allowed]
        describe_fields(self)


class EscalationForm(forms.Form):
    level = forms.ChoiceField(label=_("Escalate to level"), choices=Level.choices)
    authority = OrganisationChoiceField(
        label=_("Authority that must answer"), queryset=Organisation.objects.none()
    )
    message = forms.CharField(
        label=_("Message to the authority"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authority_choices()


class AnswerForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Answering for"), queryset=Organisation.objects.none(), empty_label=None
    )
    decision = forms.ChoiceField(
        label=_("Decision"), choices=AnswerDecision.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Answer"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Published on the barrier's page. When you reject, give the reasons."),
    )
    redirect_to = OrganisationChoiceField(
        label=_("Authority that holds the mandate"),
        required=False,
        queryset=Organisation.objects.none(),
        help_text=_("Only when you point the barrier to another authority."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(memberships__user=user).order_by(
            "name"
        )
        self.fields["redirect_to"].queryset = Organisation.objects.filter(
            kind__in=("region", "agency", "municipality")
        ).order_by("name")
        describe_fields(self)


class EndorsementForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("We have this too, at"), queryset=Organisation.objects.none(), empty_label=None
    )
    case_description = forms.CharField(
        label=_("Our case"),
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Briefly: where the barrier stopped you."),
    )

    def __init__(self, *args, user, barrier: Barrier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(memberships__user=user)
            .exclude(pk=barrier.reporter_organisation_id)
            .order_by("name")
        )
        describe_fields(self)


class WorkshopForm(forms.ModelForm):
    organiser = OrganisationChoiceField(
        label=_("Organiser"), queryset=Organisation.objects.none(), empty_label=None
    )
    participant_organisations = OrganisationMultipleChoiceField(
        label=_("Participating organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("The actors who hold the mandate, and those who have the barriers."),
    )
    participant_emails = forms.CharField(
        label=_("Participants (e-mail addresses)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line; each person must have an account on Spira."),
    )

    class Meta:
        model = Workshop
        fields = WORKSHOP_FIELDS
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "agenda": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        mine = Organisation.objects.filter(memberships__user=user)
        self.fields["organiser"].queryset = mine.filter(
            memberships__user=user, memberships__role__in=["coordinator", "admin"]
        ).order_by("name")
        self.fields["participant_organisations"].queryset = Organisation.objects.filter(
            kind__in=("municipality", "region", "agency")
        ).order_by("name")
        self.order_fields(["organiser"])
        describe_fields(self)

    def clean_participant_emails(self):
        emails = [
            line.strip() for line in self.cleaned_data["participant_emails"].splitlines() if line.strip()
        ]
        users = {
            u.email.lower(): u for u in get_user_model().objects.filter(email__in=[e.lower() for e in emails])
        }
        unknown = [email for email in emails if email.lower() not in users]
        if unknown:
            raise ValidationError(
                _("No account has these addresses: %(emails)s") % {"emails": ", ".join(unknown)}
            )
        return list(users.values())

    def service_values(self) -> dict:
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        values["participant_organisations"] = list(self.cleaned_data["participant_organisations"])
        values["participants"] = self.cleaned_data["participant_emails"]
        return values


class AgendaForm(forms.Form):
    """Put a barrier on the agenda of a workshop the user organises."""

    workshop = forms.ModelChoiceField(label=_("Workshop"), queryset=Workshop.objects.none(), empty_label=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        workshops = Workshop.objects.order_by("-starts_at")
        if not user.is_moderator:
            managed = user.memberships.filter(role__in=["coordinator", "admin"]).values("organisation_id")
            workshops = workshops.filter(organiser__in=managed)
        self.fields["workshop"].queryset = workshops


class OutcomeForm(forms.Form):
    recommendation = forms.CharField(
        label=_("Recommendation"),
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    commitment = forms.CharField(
        label=_("Commitment"),
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    committed_by = OrganisationChoiceField(
        label=_("Committed by"), required=False, queryset=Organisation.objects.none()
    )
    follow_up_on = forms.DateField(
        label=_("Follow-up date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, workshop: Workshop, barrier: Barrier, **kwargs):
        super().__init__(*args, **kwargs)
        ids = {workshop.organiser_id, barrier.reporter_organisation_id}
        if barrier.authority_id:
            ids.add(barrier.authority_id)
        ids |= set(workshop.participant_organisations.values_list("pk", flat=True))
        self.fields["committed_by"].queryset = Organisation.objects.filter(pk__in=ids).order_by("name")


class SubscriptionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("any kind")), *BarrierKind.choices]
    )
    authority = OrganisationChoiceField(
        label=_("Addressed to"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("any authority"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authority_choices()
