"""Forms of the ideas pages. They only collect and type the input; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from spira.ideas.choices import (
    ANSWER_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    SCORE_MAX,
    SCORE_MIN,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    CommentVisibility,
    Language,
    StageType,
    TargetGroup,
    Theme,
)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class IdeaForm(forms.Form):
    """Handing in an idea. `website` is a honeypot that people never see; `contact_email` is
    offered only to people without an account."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    need = forms.CharField(
        label=_("The need or problem"),
        max_length=TEXT_MAX_LENGTH,
        help_text=_("What is hard or missing today, and for whom?"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    description = forms.CharField(
        label=_("Your idea"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6})
    )
    beneficiaries = forms.CharField(
        label=_("Who benefits?"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices, initial=Theme.OTHER)
    language = forms.ChoiceField(
        label=_("Language of your text"), choices=Language.choices, initial=Language.SWEDISH
    )
    challenge = forms.ModelChoiceField(
        label=_("Challenge"), queryset=None, required=False, empty_label=_("No challenge")
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_(
            "Only the sluice's coordinators see it. We write to you when your idea moves on, and delete the address some time after the idea is closed."
        ),
    )
    is_public = forms.BooleanField(
        label=_("Show my idea publicly (without my name)"), required=False, initial=True
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, sluice, anonymous: bool, **kwargs):
        super().__init__(*args, **kwargs)
        challenges = sluice.challenges.order_by("-starts_on", "id")
        self.fields["challenge"].queryset = challenges
        if not challenges.exists():
            del self.fields["challenge"]
        if not anonymous:
            del self.fields["contact_email"]
            self.fields["is_public"].label = _("Show my idea publicly")

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("website", None)
        return data


class MoveForm(forms.Form):
    stage = forms.TypedChoiceField(label=_("Move to stage"), coerce=int, choices=())
    answer = forms.CharField(
        label=_("Public answer to the submitter"),
        max_length=ANSWER_MAX_LENGTH,
        required=False,
        help_text=_("Required when you close the idea."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, stages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(s.pk, f"{s.name} ({s.get_stage_type_display()})") for s in stages]


class BoardMoveForm(forms.Form):
    """The small form on each board card: a stage and an optional answer."""

    stage = forms.TypedChoiceField(label=_("Move to"), coerce=int, choices=())
    answer = forms.CharField(label=_("Answer"), max_length=ANSWER_MAX_LENGTH, required=False)


class CoachForm(forms.Form):
    coach = forms.ModelChoiceField(label=_("Coach"), queryset=None, required=False, empty_label=_("No coach"))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = candidates


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )
    visibility = forms.ChoiceField(
        label=_("Who sees it"), choices=CommentVisibility.choices, initial=CommentVisibility.PUBLIC
    )

    def __init__(self, *args, internal: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not internal:
            del self.fields["visibility"]


class MergeForm(forms.Form):
    keep = forms.IntegerField(
        label=_("Number of the idea to keep"),
        min_value=1,
        max_value=2**62,
        help_text=_("This idea is closed and points there."),
    )
    answer = forms.CharField(
        label=_("Public answer (optional)"),
        max_length=ANSWER_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewRoundForm(forms.Form):
    reviewers = forms.ModelMultipleChoiceField(
        label=_("Reviewers"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    anonymous = forms.BooleanField(label=_("Anonymous reviewing"), required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = candidates


class ReviewForm(forms.Form):
    """One radio group of 1–5 per criterion, and a comment."""

    comment = forms.CharField(
        label=_("Comment"),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        choices = [(n, str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)]
        fields = {}
        for criterion in self.criteria:
            fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.name} ({_('weight')} {criterion.weight})",
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
            )
        self.fields = {**fields, **self.fields}

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}


class SluiceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=TITLE_MAX_LENGTH)
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    target_group = forms.ChoiceField(
        label=_("Who may hand in ideas"), choices=TargetGroup.choices, initial=TargetGroup.BOTH
    )
    is_open = forms.BooleanField(label=_("Open for new ideas"), required=False, initial=True)
    anonymous_reviews = forms.BooleanField(label=_("Anonymous reviewing by default"), required=False)
    contact_retention_days = forms.IntegerField(
        label=_("Days to keep contact e-mails after an idea is closed"),
        min_value=0,
        max_value=3650,
        initial=180,
    )


class SluiceCreateForm(SluiceForm):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.order_fields(["organisation"])


class StageForm(forms.Form):
    name_sv = forms.CharField(label=_("Name (Swedish)"), max_length=100)
    name_en = forms.CharField(label=_("Name (English)"), max_length=100, required=False)
    stage_type = forms.ChoiceField(label=_("Stage type"), choices=StageType.choices)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=30000, required=False)


class ChallengeForm(forms.Form):
    title = forms.CharField(label=_("Question"), max_length=TITLE_MAX_LENGTH, help_text=_("How might we …?"))
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    starts_on = forms.DateField(
        label=_("Opens"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Closes"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    target_group = forms.ChoiceField(
        label=_("Target group"), choices=TargetGroup.choices, initial=TargetGroup.BOTH
    )
    strategy = forms.CharField(label=_("Strategy it serves"), max_length=TITLE_MAX_LENGTH, required=False)
    strategy_url = forms.URLField(label=_("Link to the strategy"), required=False)
