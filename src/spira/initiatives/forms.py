"""Forms of the case library. They read and check input; the services decide and save.

The five steps of the create/edit form each cover part of a case; every step saves the draft
through `services.update_initiative` (step 1 of a new case through `create_initiative`).
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from spira.initiatives.choices import SECTION_FIELDS, GenderIntegration, OrganisationRole
from spira.initiatives.guidance import GENDER_EQUALITY_GUIDANCE, SECTION_GUIDANCE, SUMMARY_GUIDANCE
from spira.initiatives.models import Initiative, Stage
from spira.organisations.choices import OrganisationKind
from spira.organisations.models import Organisation, Sdg
from spira.organisations.models.organisation import fold


def model_field(name: str, **kwargs) -> forms.Field:
    field = Initiative._meta.get_field(name).formfield(**kwargs)
    field.label = capfirst(field.label)
    return field


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs={"placeholder": "YYYY-MM", **(attrs or {})}, format="%Y-%m")


class MonthField(forms.DateField):
    widget = MonthInput
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Year and month, e.g. 2021-06."))
        super().__init__(**kwargs)


class StepForm(forms.Form):
    """One step of the initiative form. `values()` gives what the service receives."""

    step = 0
    title = ""
    field_names: tuple[str, ...] = ()

    def __init__(self, *args, initiative: Initiative | None = None, user=None, **kwargs):
        self.initiative = initiative
        self.user = user
        if initiative is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(initiative)
        super().__init__(*args, **kwargs)

    def initial_from(self, initiative: Initiative) -> dict:
        return {name: getattr(initiative, name) for name in self.field_names}

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.field_names if name in self.cleaned_data}

    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's errors at the fields they name, the others at the top."""
        for name, messages in error.message_dict.items():
            field = name if name in self.fields else None
            for message in messages:
                if field is not None and self.has_error(field):
                    continue
                self.add_error(field, message)


class BasicsForm(StepForm):
    step = 1
    title = _("Basics")
    field_names = (
        "original_language",
        "title_sv",
        "summary_sv",
        "machine_translated_sv",
        "title_en",
        "summary_en",
        "machine_translated_en",
        "status",
        "start_month",
        "end_month",
    )

    original_language = model_field("original_language", help_text=_("The language you write the case in."))
    title_sv = model_field("title_sv")
    summary_sv = model_field("summary_sv", help_text=SUMMARY_GUIDANCE.help)
    machine_translated_sv = model_field("machine_translated_sv")
    title_en = model_field("title_en")
    summary_en = model_field("summary_en", help_text=SUMMARY_GUIDANCE.help)
    machine_translated_en = model_field("machine_translated_en")
    status = model_field("status")
    start_month = MonthField(label=_("Start month"))
    end_month = MonthField(label=_("End month"))

    def clean(self):
        data = super().clean()
        if not (data.get("title_sv") or data.get("title_en")) and not self.has_error("title_sv"):
            self.add_error("title_sv", _("Give the initiative a title in Swedish or English."))
        start, end = data.get("start_month"), data.get("end_month")
        if start and end and end.replace(day=1) < start.replace(day=1):
            self.add_error("end_month", _("The end month cannot be before the start month."))
        return data


def _resolve_organisations(text: str) -> tuple[list[Organisation], list[str]]:
    """Organisations named one per line (by name or address name); and the lines not found."""
    found, missing = [], []
    for line in (text or "").splitlines():
        name = " ".join(line.split())
        if not name:
            continue
        organisation = Organisation.objects.filter(slug=name).first()
        if organisation is None:
            folded = fold(name)
            candidates = Organisation.objects.filter(search_name__contains=folded).order_by("name")[:20]
            organisation = next((o for o in candidates if folded in o.search_name.split(" | ")), None)
        if organisation is None:
            missing.append(name)
        else:
            found.append(organisation)
    return found, missing


class OrganisationsField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 5000)
        kwargs.setdefault(
            "help_text",
            _("One organisation per line, written as in the organisation registry, e.g. Piteå kommun."),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        organisations, missing = _resolve_organisations(value)
        if missing:
            raise ValidationError(
                _("Not found in the organisation registry: %(names)s") % {"names": ", ".join(missing[:10])}
            )
        return organisations


ROLE_FIELDS = {
    "partners": OrganisationRole.PARTNER,
    "other_funders": OrganisationRole.FUNDER,
    "beneficiaries": OrganisationRole.BENEFICIARY,
}


class OrganisationsFundingForm(StepForm):
    step = 2
    title = _("Organisations and funding")
    field_names = (
        "coordinator",
        "coordinator_unit",
        "funder",
        "funding_sek",
        "call",
        "application_round",
        "programme",
        "reference_number",
    )

    coordinator = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Coordinator"),
        help_text=_(
            "The organisation that leads the initiative; you can choose among your own organisations."
        ),
    )
    coordinator_unit = model_field("coordinator_unit")
    partners = OrganisationsField(label=_("Partners"))
    beneficiaries = OrganisationsField(label=_("Users or beneficiaries"))
    funder = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("Main funder")
    )
    other_funders = OrganisationsField(label=_("Other funders"))
    funding_sek = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=10**15,
        label=_("Funding (SEK)"),
        help_text=_("In whole kronor, without spaces, e.g. 3573324."),
    )
    call = model_field("call")
    application_round = model_field("application_round")
    programme = model_field("programme")
    reference_number = model_field("reference_number")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        own = Q(memberships__user=self.user) if self.user is not None else Q(pk__in=[])
        current = self.initiative.coordinator_id if self.initiative else None
        self.fields["coordinator"].queryset = (
            Organisation.objects.filter(own | Q(pk=current)).distinct().order_by("name")
        )
        funder = self.initiative.funder_id if self.initiative else None
        self.fields["funder"].queryset = Organisation.objects.filter(
            Q(kind__in=[OrganisationKind.AGENCY, OrganisationKind.REGION]) | Q(pk=funder)
        ).order_by("name")

    def initial_from(self, initiative):
        initial = super().initial_from(initiative)
        for field, role in ROLE_FIELDS.items():
            initial[field] = "\n".join(
                p.organisation.display_name for p in initiative.participations.all() if p.role == role
            )
        return initial

    def values(self):
        values = super().values()
        values["reference_number"] = values.get("reference_number") or None
        kept = []
        if self.initiative is not None:
            # Coordinator rows in participations are kept; this step edits the other roles.
            kept = [
                {"organisation": p.organisation, "role": p.role}
                for p in self.initiative.participations.all()
                if p.role == OrganisationRole.COORDINATOR
            ]
        values["participations"] = kept + [
            {"organisation": organisation, "role": role}
            for field, role in ROLE_FIELDS.items()
            for organisation in self.cleaned_data.get(field) or []
        ]
        return values


class StoryForm(StepForm):
    step = 3
    title = _("The story")
    field_names = tuple(f"{name}_{lang}" for name in SECTION_FIELDS for lang in ("sv", "en"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.field_names:
            self.fields[name] = model_field(name, widget=forms.Textarea(attrs={"rows": 6}))

    def sections(self) -> list[dict]:
        return [
            {
                "name": name,
                "guidance": SECTION_GUIDANCE[name],
                "fields": [self[f"{name}_sv"], self[f"{name}_en"]],
            }
            for name in SECTION_FIELDS
        ]


class TagsField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 3000)
        kwargs.setdefault(
            "help_text", _("Separate tags with commas, e.g. idea sluice, co-creation, digitalisation.")
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return [name.strip() for name in value.split(",") if name.strip()]


class ClassificationForm(StepForm):
    step = 4
    title = _("Classification")
    field_names = ("facet", "sector", "government_level", "gender_equality", "gender_equality_text")

    stages = forms.ModelMultipleChoiceField(
        queryset=Stage.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Innovation stages"),
        help_text=_("Choose every stage the initiative has gone through."),
    )
    facet = model_field("facet")
    sector = model_field("sector")
    government_level = model_field("government_level")
    sdgs = forms.ModelMultipleChoiceField(
        queryset=Sdg.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Sustainable development goals"),
    )
    tags = TagsField(label=_("Tags"))
    gender_equality = forms.ChoiceField(
        choices=GenderIntegration.choices,
        required=False,
        widget=forms.RadioSelect,
        label=_("Gender equality integration"),
        help_text=GENDER_EQUALITY_GUIDANCE.help,
    )
    gender_equality_text = model_field("gender_equality_text", widget=forms.Textarea(attrs={"rows": 4}))

    def initial_from(self, initiative):
        initial = super().initial_from(initiative)
        initial["stages"] = list(initiative.stages.all())
        initial["sdgs"] = list(initiative.sdgs.all())
        initial["tags"] = ", ".join(tag.name for tag in initiative.tags.all())
        return initial

    def values(self):
        values = super().values()
        values["stages"] = list(self.cleaned_data.get("stages") or [])
        values["sdgs"] = list(self.cleaned_data.get("sdgs") or [])
        values["tags"] = self.cleaned_data.get("tags") or []
        return values


class LinkForm(forms.Form):
    url = forms.URLField(label=_("Address"), max_length=500, required=False, assume_scheme="https")
    title = forms.CharField(label=_("Title of the link"), max_length=200, required=False)


LinkFormSet = forms.formset_factory(LinkForm, extra=3, max_num=50, absolute_max=60, validate_max=True)


class LinksForm(StepForm):
    step = 5
    title = _("Links and review")
    field_names = ("source_url",)

    source_url = model_field(
        "source_url", assume_scheme="https", help_text=_("Where the case was first described, if elsewhere.")
    )
    note = forms.CharField(
        label=_("What did you change? (optional)"),
        required=False,
        max_length=300,
        help_text=_("Shown with this version in the list of revisions."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        initial = []
        if self.initiative is not None:
            initial = [{"url": link.url, "title": link.title} for link in self.initiative.links.all()]
        self.links = LinkFormSet(self.data or None, initial=initial, prefix="links")

    def is_valid(self):
        valid = super().is_valid()
        return self.links.is_valid() and valid

    def values(self):
        values = super().values()
        values["links"] = [
            {"url": form.cleaned_data["url"], "title": form.cleaned_data.get("title") or ""}
            for form in self.links.forms
            if form.cleaned_data.get("url")
        ]
        return values


STEP_FORMS: dict[int, type[StepForm]] = {
    form.step: form
    for form in (BasicsForm, OrganisationsFundingForm, StoryForm, ClassificationForm, LinksForm)
}


class ContactForm(forms.Form):
    """Write to an initiative's owner. `website` is a honeypot: people never see it."""

    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(
        label=_("Your e-mail address"), help_text=_("The owner answers to this address.")
    )
    message = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the authors change?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ArchiveForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), max_length=1000, required=False)


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), help_text=_("We send an invitation with a link to accept.")
    )


class AddCoAuthorForm(forms.Form):
    user = forms.ModelChoiceField(queryset=get_user_model().objects.none(), label=_("Person"))

    def __init__(self, *args, initiative: Initiative, actor, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        organisations = actor.memberships.values("organisation_id")
        authors = [initiative.owner_id, *initiative.co_authors.values_list("pk", flat=True)]
        self.fields["user"].queryset = (
            User.objects.filter(is_active=True, memberships__organisation__in=organisations)
            .exclude(pk__in=[pk for pk in authors if pk])
            .distinct()
            .order_by("display_name", "email")
        )
        self.fields["user"].help_text = _("People in your organisations on Spira.")
