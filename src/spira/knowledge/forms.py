"""Forms check the shape of the input; the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from spira.knowledge.choices import Language
from spira.knowledge.models import KnowledgeResource
from spira.knowledge.services import RESOURCE_FIELDS
from spira.organisations.models import Organisation


class KnowledgeResourceForm(forms.ModelForm):
    class Meta:
        model = KnowledgeResource
        # Every field the service writes, and no other: service_values() hands them all over.
        fields = RESOURCE_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3, "lang": "en"}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "title_en": forms.TextInput(attrs={"lang": "en"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publisher"].queryset = Organisation.objects.order_by("name")
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs.setdefault("aria-describedby", f"id_{name}_helptext")

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"), choices=[(n, str(n)) for n in range(1, 6)], coerce=int, widget=forms.RadioSelect
    )
    strengths = forms.CharField(
        label=_("Strengths"), max_length=3_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    limitations = forms.CharField(
        label=_("Limitations"), max_length=3_000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    language = forms.ChoiceField(
        label=_("Language of the review"), choices=Language.choices, initial=Language.SWEDISH
    )


class CollectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=5_000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_public = forms.BooleanField(label=_("Public"), required=False, initial=True)
