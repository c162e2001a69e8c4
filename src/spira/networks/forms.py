"""Forms check the shape of the input; the services decide and write."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spira.networks.choices import MembershipPlan
from spira.organisations.choices import MembershipRole
from spira.organisations.models import Organisation


class JoinForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    plan = forms.ChoiceField(label=_("Membership plan"), choices=[c for c in MembershipPlan.choices if c[0]])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        managed = user.memberships.filter(role__in=[MembershipRole.ADMIN, MembershipRole.COORDINATOR]).values(
            "organisation_id"
        )
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=managed).order_by("name")


class PostForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 5}))


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(label=_("Link"), max_length=500, assume_scheme="https")
    description = forms.CharField(
        label=_("Description"), max_length=2_000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BookingForm(forms.Form):
    """A day, a start time and an end time in Stockholm time."""

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time", "step": 1800}))
    end = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time", "step": 1800}))
    organisation = forms.ModelChoiceField(
        label=_("For organisation"), queryset=Organisation.objects.none(), required=False
    )
    title = forms.CharField(label=_("Purpose"), max_length=150, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_authenticated:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=user.memberships.values("organisation_id")
            ).order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("start") and data.get("end") is not None:
            try:
                data["starts_at"] = timezone.make_aware(
                    datetime.datetime.combine(data["date"], data["start"])
                )
                end_date = (
                    data["date"] + datetime.timedelta(days=1)
                    if data["end"] == datetime.time(0)
                    else data["date"]
                )
                data["ends_at"] = timezone.make_aware(datetime.datetime.combine(end_date, data["end"]))
            except (OverflowError, ValueError) as exc:
                raise forms.ValidationError(_("Give a valid date and time.")) from exc
        return data


class AssessmentForm(forms.Form):
    """One radio group per question of the programme, on its own scale."""

    def __init__(self, *args, questions, answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = forms.TypedChoiceField(
                label=question.display_text,
                choices=[(v, str(v)) for v in range(question.scale_min, question.scale_max + 1)],
                coerce=int,
                widget=forms.RadioSelect,
                required=False,
                initial=answers.get(question.pk),
            )

    def answers(self) -> dict[int, int]:
        return {
            question.pk: self.cleaned_data[f"question_{question.pk}"]
            for question in self.questions
            if self.cleaned_data.get(f"question_{question.pk}") not in (None, "")
        }


class PlanForm(forms.Form):
    modules = forms.TypedMultipleChoiceField(
        label=_("Modules"), coerce=int, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["modules"].choices = [(m.pk, m.display_name) for m in modules]
