"""Writing a case: the five-step form, co-authors, invitations and the author's own list."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from spira.core.views import get_object_or_404_visible
from spira.initiatives import services
from spira.initiatives.choices import PublicationState
from spira.initiatives.forms import STEP_FORMS, AddCoAuthorForm, BasicsForm, InviteForm
from spira.initiatives.guidance import SUMMARY_GUIDANCE
from spira.initiatives.models import Initiative
from spira.initiatives.queries import authored_by, initiative_detail_queryset

LAST_STEP = max(STEP_FORMS)


def step_links(initiative: Initiative | None, current: int) -> list[dict]:
    return [
        {
            "number": number,
            "title": form.title,
            "url": reverse("initiatives:initiative_edit", kwargs={"slug": initiative.slug, "step": number})
            if initiative
            else None,
            "current": number == current,
        }
        for number, form in STEP_FORMS.items()
    ]


def _render_step(request, form, initiative, step, status=200):
    context = {
        "form": form,
        "object": initiative,
        "step": step,
        "steps": step_links(initiative, step),
        "last_step": LAST_STEP,
        "summary_guidance": SUMMARY_GUIDANCE,
        "can_submit": initiative is not None and initiative.state == PublicationState.DRAFT,
    }
    return render(request, "initiatives/initiative_form.html", context, status=status)


class InitiativeCreateView(LoginRequiredMixin, View):
    """Step 1 of a new case; saving it creates the draft and moves on to step 2."""

    def get(self, request):
        if not request.user.has_perm("initiatives.add_initiative"):
            raise PermissionDenied
        return _render_step(request, BasicsForm(user=request.user), None, 1)

    def post(self, request):
        form = BasicsForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                initiative = services.create_initiative(request.user, **form.values())
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("The draft has been saved."))
                next_step = 1 if request.POST.get("action") == "save" else 2
                return redirect("initiatives:initiative_edit", slug=initiative.slug, step=next_step)
        return _render_step(request, form, None, 1, status=400)


class InitiativeEditView(LoginRequiredMixin, View):
    """One step of the form for an existing case; every step saves through update_initiative."""

    def get_initiative(self, request, slug) -> Initiative:
        initiative = get_object_or_404_visible(initiative_detail_queryset(), request.user, slug=slug)
        if not request.user.has_perm("initiatives.change_initiative", initiative):
            raise PermissionDenied
        return initiative

    def get_form_class(self, step: int):
        if step not in STEP_FORMS:
            raise Http404
        return STEP_FORMS[step]

    def get(self, request, slug, step):
        form_class = self.get_form_class(step)
        initiative = self.get_initiative(request, slug)
        return _render_step(request, form_class(initiative=initiative, user=request.user), initiative, step)

    def post(self, request, slug, step):
        form_class = self.get_form_class(step)
        initiative = self.get_initiative(request, slug)
        form = form_class(request.POST, initiative=initiative, user=request.user)
        if not form.is_valid():
            return _render_step(request, form, initiative, step, status=400)
        action = request.POST.get("action", "save")
        try:
            with transaction.atomic():
                services.update_initiative(
                    request.user, initiative, form.values(), note=form.cleaned_data.get("note", "")
                )
                if action == "submit":
                    services.submit_for_review(request.user, initiative)
        except ValidationError as exc:
            form.add_service_errors(exc)
            # The object may hold the rejected values; show the form against a fresh copy.
            return _render_step(request, form, initiative, step, status=400)
        if action == "submit":
            messages.success(request, _("The initiative has been sent to the moderators for review."))
            return redirect(initiative.get_absolute_url())
        messages.success(request, _("Your changes have been saved."))
        if action == "next" and step < LAST_STEP:
            return redirect("initiatives:initiative_edit", slug=initiative.slug, step=step + 1)
        if action == "done":
            return redirect(initiative.get_absolute_url())
        return redirect("initiatives:initiative_edit", slug=initiative.slug, step=step)


class CoAuthorsView(LoginRequiredMixin, View):
    """Co-authors of a case: invite by e-mail, or pick someone from your own organisations."""

    template_name = "initiatives/initiative_co_authors.html"

    def get_initiative(self, request, slug) -> Initiative:
        initiative = get_object_or_404_visible(initiative_detail_queryset(), request.user, slug=slug)
        if not request.user.has_perm("initiatives.invite_initiative", initiative):
            raise PermissionDenied
        return initiative

    def render_page(self, request, initiative, invite_form=None, add_form=None, status=200):
        context = {
            "object": initiative,
            "invite_form": invite_form or InviteForm(),
            "add_form": add_form or AddCoAuthorForm(initiative=initiative, actor=request.user),
            "co_authors": initiative.co_authors.all(),
            "pending": initiative.invitations.filter(accepted_at__isnull=True),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, slug):
        return self.render_page(request, self.get_initiative(request, slug))

    def post(self, request, slug):
        initiative = self.get_initiative(request, slug)
        action = request.POST.get("action")
        try:
            if action == "invite":
                form = InviteForm(request.POST)
                if not form.is_valid():
                    return self.render_page(request, initiative, invite_form=form, status=400)
                services.invite_co_author(request.user, initiative, form.cleaned_data["email"])
                messages.success(request, _("The invitation has been sent."))
            elif action == "add":
                form = AddCoAuthorForm(request.POST, initiative=initiative, actor=request.user)
                if not form.is_valid():
                    return self.render_page(request, initiative, add_form=form, status=400)
                services.add_co_author(request.user, initiative, form.cleaned_data["user"])
                messages.success(request, _("The co-author has been added."))
            elif action == "remove":
                raw = request.POST.get("user", "")
                valid = raw.isascii() and raw.isdigit() and len(raw) < 19
                user = initiative.co_authors.filter(pk=int(raw)).first() if valid else None
                if user is None:
                    raise ValidationError({"user": _("This person is not a co-author.")})
                services.remove_co_author(request.user, initiative, user)
                messages.success(request, _("The co-author has been removed."))
            else:
                raise ValidationError({"action": _("Unknown action.")})
        except ValidationError as exc:
            for errors in exc.message_dict.values():
                for error in errors:
                    messages.error(request, error)
            return self.render_page(request, initiative, status=400)
        return redirect("initiatives:initiative_co_authors", slug=initiative.slug)


class InvitationAcceptView(LoginRequiredMixin, View):
    template_name = "initiatives/invitation_accept.html"

    def get(self, request, token):
        invitation = services.find_invitation(token)
        if invitation is None:
            raise Http404
        return render(
            request, self.template_name, {"invitation": invitation, "initiative": invitation.initiative}
        )

    def post(self, request, token):
        try:
            initiative = services.accept_invitation(request.user, token)
        except ValidationError as exc:
            invitation = services.find_invitation(token)
            context = {
                "invitation": invitation,
                "initiative": invitation.initiative if invitation else None,
                "errors": [e for errors in exc.message_dict.values() for e in errors],
            }
            return render(request, self.template_name, context, status=400)
        messages.success(request, _("You are now a co-author of this initiative."))
        return redirect("initiatives:initiative_edit", slug=initiative.slug, step=1)


class MyInitiativesView(LoginRequiredMixin, TemplateView):
    """What the user owns or co-authors, in every state."""

    template_name = "initiatives/my_initiatives.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = Paginator(authored_by(self.request.user), 25).get_page(
            self.request.GET.get("page")
        )
        return context
