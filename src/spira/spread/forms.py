from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from spira.core.permissions import is_moderator
from spira.initiatives.models import Initiative
from spira.organisations.models import Organisation
from spira.spread.choices import MAX_INITIATIVES, MAX_LINKS, REASON_MAX_LENGTH, AdoptionStatus
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


class SolutionLinkForm(forms.Form):
    url = forms.URLField(label=_("Address"), max_length=500, required=False, assume_scheme="https")
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    is_procurement = forms.BooleanField(label=_("Procurement document"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("url") and (data.get("title") or data.get("is_procurement")) and not self.errors:
            self.add_error("url", _("Give the address of the document or link, or empty the row."))
        return data


SolutionLinkFormSet = forms.formset_factory(
    SolutionLinkForm, extra=2, max_num=MAX_LINKS, absolute_max=MAX_LINKS + 10, validate_max=True
)


def initiative_choices(initiatives) -> list[tuple[str, str]]:
    return [(initiative.slug, initiative.title) for initiative in initiatives]


class InitiativesField(forms.ModelMultipleChoiceField):
    """The initiatives a solution came out of, as checkboxes; the form decides which are offered
    (those linked, the owner's own, and what a search found), any initiative the person may see
    is accepted."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=Initiative.objects.none(), to_field_name="slug", required=False, **kwargs)
        self.error_messages = {
            **self.error_messages,
            "invalid_choice": _("%(value)s is not an initiative you can link to."),
            "invalid_pk_value": _("%(pk)s is not an initiative you can link to."),
        }

    def clean(self, value):
        initiatives = list(super().clean(value))
        if len(initiatives) > MAX_INITIATIVES:
            raise ValidationError(
                _("Choose at most %(count)s initiatives: the ones the solution really came out of."),
                params={"count": MAX_INITIATIVES},
            )
        return initiatives


class SolutionForm(forms.ModelForm):
    """Share or edit a solution: its fields, the initiatives it came out of, documents and links.

    `links` is a formset of its own (`self.links`); `find_initiatives` shows the initiatives a
    search finds, for people without JavaScript (with it, they appear while typing).
    """

    owner = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Shared by"), to_field_name="slug", empty_label=None
    )
    initiatives = InitiativesField(
        label=_("Came out of these initiatives"),
        help_text=_(
            "Tick the initiatives in the case library that the solution came out of. Your organisation's "
            "initiatives are listed; find others by searching."
        ),
    )
    initiative_search = forms.CharField(
        label=_("Find an initiative"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
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
        self.user = user
        if self.instance.pk:
            del self.fields["owner"]
        else:
            self.fields["owner"].queryset = my_organisations(user)
        self.fields["cost_band"].required = False
        self.fields["effort"].required = False
        self.fields["initiatives"].queryset = Initiative.objects.visible_to(user)
        self.found = None
        self._offer_initiatives()
        initial = []
        if self.instance.pk:
            initial = [
                {"url": link.url, "title": link.title, "is_procurement": link.is_procurement}
                for link in self.instance.links.all()
            ]
        self.links = SolutionLinkFormSet(self.data or None, initial=initial, prefix="links")

    def _chosen_slugs(self) -> list[str]:
        if self.is_bound:
            data = (
                self.data.getlist("initiatives")
                if hasattr(self.data, "getlist")
                else self.data.get("initiatives")
            )
            return [slug for slug in data or [] if isinstance(slug, str)][:100]
        if self.instance.pk:
            return list(self.instance.initiatives.values_list("slug", flat=True))
        return []

    def _offer_initiatives(self) -> None:
        """Offer as checkboxes: the chosen initiatives, then a search's finds, then the owner's own."""
        visible = Initiative.objects.visible_to(self.user).only("slug", "title_sv", "title_en")
        chosen = list(visible.filter(slug__in=self._chosen_slugs()).order_by("title_sv", "title_en"))
        query = (self.data.get("initiative_search") or "") if self.is_bound else ""
        if self.is_bound and "find_initiatives" in self.data:
            self.found = find_initiatives(query) if query.strip() else []
        owners = (
            [self.instance.owner_id]
            if self.instance.pk
            else list(self.fields["owner"].queryset.values_list("pk", flat=True))
        )
        own = list(visible.filter(coordinator_id__in=owners).order_by("-updated_at")[:OWN_INITIATIVES])
        offered, seen = [], set()
        for initiative in [*chosen, *(self.found or []), *own]:
            if initiative.slug not in seen:
                seen.add(initiative.slug)
                offered.append(initiative)
        self.fields["initiatives"].widget.choices = initiative_choices(offered)
        if not self.is_bound:
            self.initial["initiatives"] = [initiative.slug for initiative in chosen]

    @property
    def finding(self) -> bool:
        """The person asked to find initiatives (without JavaScript): show the form, save nothing."""
        return self.is_bound and "find_initiatives" in self.data

    def show_without_errors(self) -> None:
        """Show the typed values again without complaining about fields not filled in yet."""
        self._errors, self.cleaned_data = ErrorDict(), {}
        self.links._non_form_errors = self.links.error_class()
        for form in self.links.forms:
            form._errors, form.cleaned_data = ErrorDict(), {}

    def is_valid(self):
        valid = super().is_valid()
        return self.links.is_valid() and valid

    def values(self) -> dict:
        """What the service receives."""
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        values = {name: ("" if value is None else value) for name, value in values.items()}
        values["initiatives"] = self.cleaned_data.get("initiatives") or []
        values["links"] = [
            {
                "url": form.cleaned_data["url"],
                "title": form.cleaned_data.get("title") or "",
                "is_procurement": form.cleaned_data.get("is_procurement", False),
            }
            for form in self.links.forms
            if form.cleaned_data.get("url")
        ]
        return values

    def _post_clean(self):
        # The service validates and saves; the ModelForm must not write to the instance.
        pass


OWN_INITIATIVES = 20
FOUND_INITIATIVES = 10


def find_initiatives(query: str, limit: int = FOUND_INITIATIVES) -> list:
    """Published initiatives matching `query` (stemmed full text, Swedish and English)."""
    from spira.search.services import search_hits

    _total, hits = search_hits(query[:200], type_names=["initiative"], limit=limit)
    return [hit.obj for hit in hits]


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


MAX_PUBLICCODE_BYTES = 512 * 1024


class PubliccodeUploadForm(forms.Form):
    """A publiccode.yml to create or update a software solution from. Checks that it is a text
    file of sensible size; the service validates its content."""

    file = forms.FileField(
        label=_("publiccode.yml"),
        help_text=_("The file from the root of the software's repository (YAML text, at most 512 kB)."),
    )
    owner = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Shared by"),
        to_field_name="slug",
        help_text=_(
            "The organisation that shares the software here. A file for software already on Spira (the same repository address) updates it."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = my_organisations(user)
        if is_moderator(user):
            # Moderators share on behalf of the publisher named in the file (found or registered).
            self.fields["owner"].required = False
            self.fields["owner"].empty_label = _("The publisher named in the file")
        else:
            self.fields["owner"].empty_label = None

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_PUBLICCODE_BYTES:
            raise ValidationError(
                _("The file is too large (%(size)s kB): a publiccode.yml has at most 512 kB."),
                params={"size": upload.size // 1024},
            )
        raw = upload.read(MAX_PUBLICCODE_BYTES + 1)
        if b"\x00" in raw:
            raise ValidationError(_("This is not a text file. Upload the publiccode.yml file itself."))
        try:
            return raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            raise ValidationError(
                _("The file is not UTF-8 text. Save it as UTF-8 and upload it again.")
            ) from None
