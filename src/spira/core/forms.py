"""Forms of the core app: reporting content, moderating it and choosing notification frequencies;
and the helper that shows a service's errors on any app's form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from spira.core.models import NotificationFrequency, ReportReason, ReportStatus
from spira.core.moderation import MAX_MESSAGE_LENGTH, MAX_REASON_LENGTH


class ContentReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should the moderators look at this?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the moderators"),
        help_text=_("Optional. Explain what is wrong, without repeating personal data."),
        required=False,
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class HideContentForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for hiding"),
        help_text=_("Shown to everyone in place of the content, and sent to its author."),
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give a reason: the author sees it in place of the content.")},
    )


class ModerationNoteForm(forms.Form):
    """A restore or dismissal, with an optional note for the record."""

    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ModerationQueueFilterForm(forms.Form):
    """Filters of the moderators' queue; the status defaults to open reports."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *ReportStatus.choices]
    )
    reason = forms.ChoiceField(
        label=_("Reason"), required=False, choices=[("", _("all")), *ReportReason.choices]
    )


class NotificationPreferencesForm(forms.Form):
    """One select per registered kind, labelled with the kind's label and description."""

    def __init__(self, *args, kinds, initial_frequencies: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        for kind in kinds:
            self.fields[self.field_name(kind.code)] = forms.ChoiceField(
                label=kind.label,
                help_text=kind.description,
                choices=NotificationFrequency.choices,
                initial=initial_frequencies.get(kind.code, kind.default_frequency),
            )

    @staticmethod
    def field_name(code: str) -> str:
        return "kind_" + code.replace(".", "__")

    def frequencies(self) -> dict[str, str]:
        return {kind.code: self.cleaned_data[self.field_name(kind.code)] for kind in self.kinds}


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names when the form has
    that field, otherwise above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
