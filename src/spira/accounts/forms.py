from datetime import datetime, time

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from spira.accounts import services
from spira.accounts.choices import Language
from spira.accounts.models import ApiToken, User


def add_service_errors(form: forms.Form, exc: ValidationError, field_map: dict[str, str] | None = None):
    """Show a service's ValidationError on the form, on the field it names where the form has one."""
    field_map = field_map or {}
    errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    for name, messages in errors.items():
        name = field_map.get(name, name)
        target = name if name in form.fields else None
        for message in messages:
            form.add_error(target, message)


def display_name_field() -> forms.CharField:
    """The display name, as registration and the profile ask for it."""
    return forms.CharField(
        label=_("Display name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Shown with what you write. Leave empty to use the first part of your e-mail address."),
    )


class LoginForm(auth_forms.AuthenticationForm):
    """Log in with the e-mail address. Django's form passes `request` to authenticate (django-axes)."""

    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )

    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is wrong. Note that the password is case-sensitive."
        ),
        "inactive": _("This account is inactive."),
    }

    def clean_username(self) -> str:
        # One spelling per address, so that throttling cannot be dodged by changing the case.
        return services.normalise_email(self.cleaned_data["username"])


class PasswordFieldsMixin(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_password2(self) -> str:
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            raise ValidationError(_("The two passwords differ."), code="password_mismatch")
        return password2


class RegisterForm(PasswordFieldsMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username"}),
        help_text=_("You log in with it. It is not shown to others."),
    )
    display_name = display_name_field()
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=Language.choices,
        widget=forms.Select(attrs={"autocomplete": "language"}),
    )
    field_order = ["email", "display_name", "preferred_language", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = translation.get_language() or Language.SWEDISH

    def clean_email(self) -> str:
        email = services.normalise_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("An account with this e-mail address already exists."), code="duplicate")
        return email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password2")
        if password and not self.has_error("password1"):
            candidate = User(email=cleaned.get("email", ""), display_name=cleaned.get("display_name", ""))
            try:
                password_validation.validate_password(password, candidate)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned

    def save(self) -> User:
        return services.register_user(
            email=self.cleaned_data["email"],
            password=self.cleaned_data["password1"],
            display_name=self.cleaned_data["display_name"],
            preferred_language=self.cleaned_data["preferred_language"],
        )


class ProfileForm(forms.Form):
    """The person's own settings; saved by `services.update_profile`."""

    display_name = display_name_field()
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=Language.choices,
        widget=forms.Select(attrs={"autocomplete": "language"}),
        help_text=_("The language of the pages after you log in and of the e-mail we send you."),
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def get_users(self, email):
        # Case-insensitive like the log-in; the base class compares the normalised e-mail again.
        return super().get_users(services.normalise_email(email))

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        # The e-mail (and its link) in the language the person chose, not the one of the request.
        with translation.override(context["user"].preferred_language):
            super().send_mail(
                subject_template_name, email_template_name, context, from_email, to_email, **kwargs
            )


class SetPasswordForm(auth_forms.SetPasswordForm):
    """The new password after a reset by e-mail; saved by the service."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = PasswordFieldsMixin.base_fields["password1"].help_text

    def save(self, commit: bool = True) -> User:
        services.set_password(self.user, self.user, self.cleaned_data["new_password1"])
        return self.user


class PasswordChangeForm(SetPasswordForm, auth_forms.PasswordChangeForm):
    """Change the password, knowing the old one; saved by the service."""

    field_order = ["old_password", "new_password1", "new_password2"]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("What the token is for, e.g. “Statistics export”."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        help_text=_("Optional. The token stops working at the start of this day (YYYY-MM-DD)."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def expires_at(self) -> datetime | None:
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        return timezone.make_aware(datetime.combine(day, time.min))


class EraseAccountForm(forms.Form):
    """Erasure asks for the password: a forgotten open session must not be enough."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: User, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("The password is wrong."), code="password_incorrect")
        return password
