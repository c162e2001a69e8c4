import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView

from spira.accounts import services
from spira.accounts.filtersets import ApiTokenFilterSet
from spira.accounts.forms import (
    ApiTokenForm,
    EraseAccountForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    ProfileForm,
    RegisterForm,
    SetPasswordForm,
    add_service_errors,
)
from spira.accounts.models import ApiToken
from spira.accounts.queries import apitoken_list_queryset, membership_list_queryset
from spira.core.privacy import export_personal_data
from spira.core.views import ObjectListView


def profile_url(user) -> str:
    """The profile page in the person's own language (/en/konto/profil/ for English)."""
    with translation.override(user.preferred_language):
        return reverse("accounts:profile")


def safe_next_url(request) -> str | None:
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        return profile_url(self.request.user)


class LogoutView(auth_views.LogoutView):
    """Logging out changes state, so it takes a POST; a GET shows a page with the button."""

    http_method_names = ["get", "post", "options"]
    template_name = "accounts/logout.html"

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("home")
        return render(request, self.template_name)


@method_decorator(sensitive_post_parameters("password1", "password2"), name="dispatch")
class RegisterView(FormView):
    template_name = "accounts/register.html"
    form_class = RegisterForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect(profile_url(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = safe_next_url(self.request) or ""
        return context

    def form_valid(self, form):
        try:
            user = form.save()
        except ValidationError as exc:
            add_service_errors(form, exc, {"password": "password1"})
            return self.form_invalid(form)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        with translation.override(user.preferred_language):
            messages.success(self.request, _("Welcome to Spira! Your account has been created."))
        return HttpResponseRedirect(safe_next_url(self.request) or profile_url(user))


class ProfileView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/profile.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = membership_list_queryset(self.request.user)
        return context


class ProfileUpdateView(LoginRequiredMixin, FormView):
    template_name = "accounts/profile_form.html"
    form_class = ProfileForm

    def get_initial(self):
        user = self.request.user
        return {"display_name": user.display_name, "preferred_language": user.preferred_language}

    def form_valid(self, form):
        user = self.request.user
        try:
            services.update_profile(user, user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        with translation.override(user.preferred_language):
            messages.success(self.request, _("Your profile has been saved."))
        return HttpResponseRedirect(profile_url(user))


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    form_class = PasswordChangeForm

    def get_success_url(self) -> str:
        return profile_url(self.request.user)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")
    reset_url_token = "nytt-losenord"


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class ApiTokenListView(LoginRequiredMixin, ObjectListView):
    model = ApiToken
    filterset_class = ApiTokenFilterSet
    template_name = "accounts/apitoken_list.html"
    paginate_by = 50

    def get_queryset(self):
        return apitoken_list_queryset(self.request.user)


@method_decorator(never_cache, name="dispatch")
class ApiTokenCreateView(LoginRequiredMixin, FormView):
    """Creates a token and shows its key in the response itself, once; it is stored nowhere."""

    template_name = "accounts/apitoken_form.html"
    form_class = ApiTokenForm

    def form_valid(self, form):
        user = self.request.user
        try:
            token, key = services.create_api_token(
                user, user, name=form.cleaned_data["name"], expires_at=form.expires_at()
            )
        except ValidationError as exc:
            add_service_errors(form, exc, {"expires_at": "expires_on"})
            return self.form_invalid(form)
        return render(self.request, "accounts/apitoken_created.html", {"token": token, "key": key})


class ApiTokenRevokeView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        token = get_object_or_404(apitoken_list_queryset(request.user), pk=pk)
        try:
            services.revoke_api_token(request.user, token)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
        return redirect("accounts:apitoken_list")


class PersonalDataExportView(LoginRequiredMixin, View):
    """A JSON file with everything Spira holds about the person (every registered source)."""

    http_method_names = ["post"]

    def post(self, request):
        data = export_personal_data(request.user)
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        filename = f"spira-personal-data-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response


@method_decorator(sensitive_post_parameters("password"), name="dispatch")
class EraseAccountView(LoginRequiredMixin, FormView):
    template_name = "accounts/erase_account.html"

    def get_form(self, form_class=None):
        return EraseAccountForm(self.request.user, **self.get_form_kwargs())

    def form_valid(self, form):
        try:
            services.erase_person(self.request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        logout(self.request)
        messages.success(self.request, _("Your account and your personal data have been erased."))
        return redirect("home")
