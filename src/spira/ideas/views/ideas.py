"""Idea pages: handing in (with live similar ideas), the receipt, the secret follow page, one
idea's page with the coordinators' tools, its history, reviewing, and the person's own ideas."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from spira.core.views import ObjectDetailView, ObjectHistoryView
from spira.ideas import services
from spira.ideas.forms import (
    CoachForm,
    CommentForm,
    IdeaForm,
    MergeForm,
    MoveForm,
    ReviewForm,
    ReviewRoundForm,
    add_service_errors,
)
from spira.ideas.models import Follow, Idea, Review, Support
from spira.ideas.queries import (
    comments_for,
    idea_detail_queryset,
    open_reviews_of,
    review_rounds_for,
    similar_to_draft,
    stages_for_move,
    trail,
)
from spira.ideas.services.ideas import GRADUATION_TYPES
from spira.ideas.views.sluices import SluiceMixin

SIMILAR_MIN_LENGTH = 4


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _similar(data) -> dict | None:
    title = str(data.get("title", ""))[:300]
    need = str(data.get("need", ""))[:2000]
    description = str(data.get("description", ""))[:2000]
    if len((title + need + description).strip()) < SIMILAR_MIN_LENGTH:
        return None
    return similar_to_draft(title, need, description, str(data.get("language", "sv")))


class IdeaCreateView(SluiceMixin, TemplateView):
    """Hand in an idea, with or without an account. "Check for similar ideas" re-renders the form
    with suggestions (without JavaScript); with HTMX the suggestions come while typing."""

    template_name = "ideas/idea_form.html"

    def get_form(self, data=None) -> IdeaForm:
        return IdeaForm(data, sluice=self.sluice, anonymous=not self.request.user.is_authenticated)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        return context

    def post(self, request, *args, **kwargs):
        if "check_similar" in request.POST:
            # Only the suggestions: the form comes back as typed, without complaints yet.
            initial = {**request.POST.dict(), "is_public": "is_public" in request.POST}
            form = IdeaForm(initial=initial, sluice=self.sluice, anonymous=not request.user.is_authenticated)
            return self.render_to_response(
                self.get_context_data(form=form, similar=_similar(request.POST), checked=True)
            )
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                idea = services.submit_idea(
                    request.user,
                    self.sluice,
                    ip=client_ip(request),
                    honeypot=form.cleaned_data.get("website", ""),
                    **form.service_values(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("ideas:idea_receipt", token=idea.follow_token)
        return self.render_to_response(self.get_context_data(form=form))


class SimilarIdeasView(SluiceMixin, View):
    """The HTMX partial of suggestions while typing."""

    def get(self, request, *args, **kwargs):
        return render(
            request, "ideas/partials/_similar.html", {"similar": _similar(request.GET), "sluice": self.sluice}
        )


def _idea_by_token(token: str) -> Idea:
    if not token or len(token) > 64:
        raise Http404
    return get_object_or_404(idea_detail_queryset(), follow_token=token)


class IdeaReceiptView(TemplateView):
    template_name = "ideas/idea_receipt.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["idea"] = _idea_by_token(kwargs["token"])
        return context


class IdeaFollowView(TemplateView):
    """The secret page where a submitter without an account follows every step and the answer."""

    template_name = "ideas/idea_follow.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        idea = _idea_by_token(kwargs["token"])
        context["idea"] = idea
        context["trail"] = trail(idea)
        context["comments"] = [c for c in comments_for(idea, self.request.user) if c.visibility == "public"]
        return context


class IdeaPageMixin:
    model = Idea
    history_url_name = "ideas:idea_history"

    def get_queryset(self):
        return idea_detail_queryset().visible_to(self.request.user)

    def get_url_kwargs(self) -> dict:
        return {"pk": self.object.pk}


class IdeaDetailView(IdeaPageMixin, ObjectDetailView):
    template_name = "ideas/idea_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, idea = self.request.user, self.object
        can = {
            name: user.has_perm(
                "ideas.assign_coach" if name == "assign_coach" else f"ideas.{name}_idea", idea
            )
            for name in (
                "move",
                "assign_coach",
                "review",
                "merge",
                "graduate",
                "view_internal",
                "view_contact",
                "comment",
                "comment_internal",
                "support",
                "follow",
            )
        }
        context["can"] = can
        context["trail"] = trail(idea)
        context["comments"] = comments_for(idea, user)
        context["is_open"] = idea.closed_at is None
        if user.is_authenticated:
            context["supports"] = Support.objects.filter(idea=idea, user=user).exists()
            context["follows"] = Follow.objects.filter(idea=idea, user=user).exists()
        if can["comment"]:
            context["comment_form"] = CommentForm(internal=can["comment_internal"])
        if idea.closed_at is None:
            if can["move"]:
                context["move_form"] = MoveForm(stages=stages_for_move(idea), auto_id="id_move_%s")
            candidates = services.reviewers_for(idea.sluice)
            if idea.submitter_id:
                candidates = candidates.exclude(pk=idea.submitter_id)
            if can["assign_coach"]:
                context["coach_form"] = CoachForm(candidates=candidates, initial={"coach": idea.coach_id})
            if can["review"]:
                context["review_round_form"] = ReviewRoundForm(
                    candidates=candidates, initial={"anonymous": idea.sluice.anonymous_reviews}
                )
            if can["merge"]:
                context["merge_form"] = MergeForm(auto_id="id_merge_%s")
        if can["graduate"] and idea.initiative_id is None and idea.stage.stage_type in GRADUATION_TYPES:
            context["can_graduate_now"] = True
        if can["view_internal"] or can["review"]:
            context["review_rounds"] = review_rounds_for(idea)
        if user.is_authenticated:
            context["my_review"] = (
                Review.objects.filter(round__idea=idea, reviewer=user, round__stage_id=idea.stage_id).first()
                if idea.closed_at is None
                else None
            )
        return context


class IdeaHistoryView(IdeaPageMixin, ObjectHistoryView):
    pass


class IdeaActionView(LoginRequiredMixin, View):
    """POST-only actions on an idea's page: each calls one service and returns to the page;
    the service's message is shown there when it refuses."""

    http_method_names = ["post"]

    def post(self, request, pk):
        idea = get_object_or_404(idea_detail_queryset().visible_to(request.user), pk=pk)
        try:
            message = self.act(request, idea)
        except ValidationError as error:
            for text in (
                error.messages
                if not hasattr(error, "error_dict")
                else [m for ms in error.message_dict.values() for m in ms]
            ):
                messages.error(request, text)
        except PermissionDenied:
            raise
        else:
            if message:
                messages.success(request, message)
        return redirect(self.get_success_url(request, idea))

    def get_success_url(self, request, idea) -> str:
        next_url = request.POST.get("next", "")
        if next_url.startswith("/") and not next_url.startswith("//"):
            return next_url
        return idea.get_absolute_url()

    def act(self, request, idea) -> str:
        raise NotImplementedError


def _form_errors(form) -> ValidationError:
    return ValidationError({name: [str(e) for e in errors] for name, errors in form.errors.items()})


class IdeaMoveView(IdeaActionView):
    def act(self, request, idea):
        if not request.user.has_perm("ideas.move_idea", idea):
            raise PermissionDenied
        form = MoveForm(request.POST, stages=idea.sluice.stages.all())
        if not form.is_valid():
            raise _form_errors(form)
        stage = idea.sluice.stages.get(pk=form.cleaned_data["stage"])
        services.move_idea(request.user, idea, stage, form.cleaned_data["answer"])
        return _("The idea was moved to “%(stage)s”.") % {"stage": stage.name}


class IdeaCoachView(IdeaActionView):
    def act(self, request, idea):
        if not request.user.has_perm("ideas.assign_coach", idea):
            raise PermissionDenied
        form = CoachForm(request.POST, candidates=services.reviewers_for(idea.sluice))
        if not form.is_valid():
            raise _form_errors(form)
        services.assign_coach(request.user, idea, form.cleaned_data["coach"])
        return _("The coach was saved.")


class IdeaCommentView(IdeaActionView):
    def act(self, request, idea):
        form = CommentForm(request.POST, internal=request.user.has_perm("ideas.comment_internal_idea", idea))
        if not form.is_valid():
            raise _form_errors(form)
        services.add_comment(
            request.user, idea, form.cleaned_data["body"], form.cleaned_data.get("visibility", "public")
        )
        return _("Your comment was saved.")


class IdeaSupportView(IdeaActionView):
    def act(self, request, idea):
        if request.POST.get("action") == "withdraw":
            services.withdraw_support(request.user, idea)
            return _("You no longer support the idea.")
        services.support_idea(request.user, idea)
        return _("Thank you for your support.")


class IdeaFollowToggleView(IdeaActionView):
    def act(self, request, idea):
        if request.POST.get("action") == "unfollow":
            services.unfollow_idea(request.user, idea)
            return _("You no longer follow the idea.")
        services.follow_idea(request.user, idea)
        return _(
            "You follow the idea. Choose in your notification settings whether you hear at once or weekly."
        )


class IdeaMergeView(IdeaActionView):
    def act(self, request, idea):
        if not request.user.has_perm("ideas.merge_idea", idea):
            raise PermissionDenied
        form = MergeForm(request.POST)
        if not form.is_valid():
            raise _form_errors(form)
        keep = Idea.objects.filter(pk=form.cleaned_data["keep"]).select_related("sluice").first()
        if keep is None or not request.user.has_perm("ideas.view_idea", keep):
            raise ValidationError({"keep": _("There is no idea with this number.")})
        services.merge_ideas(request.user, idea, keep, form.cleaned_data["answer"])
        return _("The idea was merged into “%(title)s”.") % {"title": keep.title}


class IdeaReviewRoundView(IdeaActionView):
    def act(self, request, idea):
        if not request.user.has_perm("ideas.review_idea", idea):
            raise PermissionDenied
        form = ReviewRoundForm(request.POST, candidates=services.reviewers_for(idea.sluice))
        if not form.is_valid():
            raise _form_errors(form)
        services.open_review_round(
            request.user, idea, list(form.cleaned_data["reviewers"]), form.cleaned_data["anonymous"]
        )
        return _("The reviewers were asked to score the idea.")


class IdeaGraduateView(IdeaActionView):
    def act(self, request, idea):
        initiative = services.graduate_idea(request.user, idea)
        messages.success(request, _("The idea is now an initiative draft in the case library."))
        self.initiative = initiative
        return ""


class ReviewFormView(LoginRequiredMixin, TemplateView):
    """A reviewer scores an idea 1–5 on each criterion of the sluice."""

    template_name = "ideas/review_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.review = get_object_or_404(
            Review.objects.select_related("round__idea__sluice", "round__idea__stage", "round__stage"),
            pk=kwargs["pk"],
        )
        if not request.user.has_perm("ideas.change_review", self.review):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data=None):
        initial = {f"score_{s.criterion_id}": s.value for s in self.review.scores.all()}
        initial["comment"] = self.review.comment
        return ReviewForm(data, criteria=self.review.round.idea.sluice.criteria.all(), initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["review"] = self.review
        context["idea"] = self.review.round.idea
        context.setdefault("form", self.get_form())
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                services.submit_review(request.user, self.review, form.scores(), form.cleaned_data["comment"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your review was saved."))
                return redirect(self.review.round.idea.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


class MyIdeasView(LoginRequiredMixin, TemplateView):
    template_name = "ideas/my_ideas.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        base = Idea.objects.select_related("sluice", "stage")
        context["submitted"] = base.filter(submitter=user)[:100]
        context["followed"] = base.filter(follows__user=user).exclude(submitter=user)[:100]
        context["coached"] = base.filter(coach=user, closed_at__isnull=True)[:100]
        context["reviews"] = open_reviews_of(user)[:100]
        return context
