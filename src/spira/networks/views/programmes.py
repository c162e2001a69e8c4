from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from spira.core.forms import add_service_errors
from spira.networks import services
from spira.networks.forms import AssessmentForm, PlanForm
from spira.networks.models import (
    AssessmentAnswer,
    NeedsAssessment,
    Network,
    PlanMilestone,
    PlanModule,
    ProgrammePlan,
)
from spira.networks.queries import membership_queryset, plan_queryset
from spira.networks.services.programmes import module_scores
from spira.organisations.models import Organisation


class ProgrammePageMixin(LoginRequiredMixin):
    def get_programme(self) -> Network:
        return get_object_or_404(Network.objects.programmes(), slug=self.kwargs["slug"])

    def get_organisation(self) -> Organisation:
        return get_object_or_404(Organisation, slug=self.kwargs["organisation"])


class AssessmentView(ProgrammePageMixin, TemplateView):
    """A participating organisation fills in its needs assessment, submits it and gets a plan."""

    template_name = "networks/assessment.html"

    def setup_objects(self):
        self.programme = self.get_programme()
        self.organisation = self.get_organisation()
        self.assessment = NeedsAssessment.objects.filter(
            network=self.programme, organisation=self.organisation
        ).first()
        probe = self.assessment or NeedsAssessment(network=self.programme, organisation=self.organisation)
        if not self.request.user.has_perm("networks.view_needsassessment", probe):
            raise PermissionDenied

    def get_context_data(self, form=None, plan_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        questions = list(self.programme.questions.select_related("module"))
        answers = {}
        if self.assessment is not None:
            answers = dict(
                AssessmentAnswer.objects.filter(assessment=self.assessment).values_list(
                    "question_id", "value"
                )
            )
        modules = list(self.programme.modules.all())
        scores = module_scores(self.assessment) if self.assessment else {}
        probe = self.assessment or NeedsAssessment(network=self.programme, organisation=self.organisation)
        context.update(
            programme=self.programme,
            organisation=self.organisation,
            assessment=self.assessment,
            can_change=self.request.user.has_perm("networks.change_needsassessment", probe),
            form=form or AssessmentForm(questions=questions, answers=answers),
            plan_form=plan_form or PlanForm(modules=modules),
            module_scores=[(m, scores.get(m.pk)) for m in modules],
            plan=ProgrammePlan.objects.filter(network=self.programme, organisation=self.organisation).first(),
        )
        return context

    def get(self, request, *args, **kwargs):
        self.setup_objects()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.setup_objects()
        questions = list(self.programme.questions.select_related("module"))
        form = AssessmentForm(request.POST, questions=questions)
        plan_form = PlanForm(request.POST, modules=list(self.programme.modules.all()))
        try:
            if "make_plan" in request.POST:
                if not plan_form.is_valid():
                    return self.render_to_response(self.get_context_data(plan_form=plan_form), status=400)
                chosen = plan_form.cleaned_data["modules"] or None
                services.create_plan(
                    request.user,
                    self.assessment
                    or NeedsAssessment(network=self.programme, organisation=self.organisation),
                    chosen,
                )
                messages.success(request, _("The plan is made."))
                return redirect(
                    "networks:plan", slug=self.programme.slug, organisation=self.organisation.slug
                )
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(form=form), status=400)
            assessment = self.assessment or services.start_assessment(
                request.user, self.programme, self.organisation
            )
            services.answer_assessment(request.user, assessment, form.answers())
            if "submit" in request.POST:
                services.submit_assessment(request.user, assessment)
                messages.success(request, _("The needs assessment is submitted."))
            else:
                messages.success(request, _("Your answers are saved."))
        except PermissionDenied as error:
            messages.error(request, str(error) or _("You may not change this needs assessment."))
            return redirect(request.path)
        except ValidationError as error:
            target = plan_form if "make_plan" in request.POST else form
            add_service_errors(target, error)
            self.assessment = NeedsAssessment.objects.filter(
                network=self.programme, organisation=self.organisation
            ).first()
            if "make_plan" in request.POST:
                return self.render_to_response(self.get_context_data(plan_form=target), status=400)
            return self.render_to_response(self.get_context_data(form=target), status=400)
        return redirect(request.path)


class PlanView(ProgrammePageMixin, TemplateView):
    """The municipality's plan: modules, milestones and progress; milestones are ticked here."""

    template_name = "networks/plan.html"

    def get_plan(self) -> ProgrammePlan:
        plan = get_object_or_404(
            plan_queryset(), network__slug=self.kwargs["slug"], organisation__slug=self.kwargs["organisation"]
        )
        if not self.request.user.has_perm("networks.view_programmeplan", plan):
            raise PermissionDenied
        return plan

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.get_plan()
        context.update(
            plan=plan, can_change=self.request.user.has_perm("networks.change_programmeplan", plan)
        )
        return context

    def post(self, request, *args, **kwargs):
        plan = self.get_plan()
        milestone = (
            PlanMilestone.objects.filter(plan_module__plan=plan, pk=request.POST.get("milestone") or 0)
            .select_related("plan_module__plan__network", "plan_module__plan__organisation")
            .first()
        )
        if milestone is None:
            messages.error(request, _("Choose a milestone of this plan."))
        else:
            try:
                services.set_milestone_done(request.user, milestone, request.POST.get("done") == "1")
            except PermissionDenied:
                messages.error(
                    request,
                    _(
                        "Only the organisation's coordinators and the programme's managers can record progress."
                    ),
                )
            else:
                messages.success(request, _("The progress is saved."))
        return redirect(request.path)


class ProgrammeOverviewView(ProgrammePageMixin, TemplateView):
    """For the programme's coordinators: every participant's needs and progress side by side."""

    template_name = "networks/programme_overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.get_programme()
        if not self.request.user.has_perm("networks.view_programme_overview", programme):
            raise PermissionDenied
        modules = list(programme.modules.all())
        participants = [m for m in membership_queryset(programme) if m.organisation_id]
        assessments = {
            a.organisation_id: a
            for a in NeedsAssessment.objects.filter(network=programme).prefetch_related(
                Prefetch("answers", queryset=AssessmentAnswer.objects.select_related("question"))
            )
        }
        plans = {
            p.organisation_id: p
            for p in ProgrammePlan.objects.filter(network=programme).prefetch_related(
                Prefetch("plan_modules", queryset=PlanModule.objects.prefetch_related("milestones"))
            )
        }
        rows = []
        for membership in participants:
            assessment = assessments.get(membership.organisation_id)
            scores = _scores(assessment) if assessment else {}
            plan = plans.get(membership.organisation_id)
            in_plan = {pm.module_id: pm for pm in plan.plan_modules.all()} if plan else {}
            rows.append(
                {
                    "membership": membership,
                    "assessment": assessment,
                    "plan": plan,
                    "cells": [
                        {"module": m, "score": scores.get(m.pk), "plan_module": in_plan.get(m.pk)}
                        for m in modules
                    ],
                }
            )
        context.update(programme=programme, modules=modules, rows=rows)
        return context


def _scores(assessment) -> dict:
    """module_scores over prefetched answers (no query per row)."""
    from collections import defaultdict
    from decimal import ROUND_HALF_UP, Decimal

    totals = defaultdict(list)
    for answer in assessment.answers.all():
        q = answer.question
        totals[q.module_id].append(1 + 4 * (answer.value - q.scale_min) / (q.scale_max - q.scale_min))
    return {
        k: Decimal(sum(v) / len(v)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        for k, v in totals.items()
    }
