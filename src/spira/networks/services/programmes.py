"""Partnership programmes: modules, the needs assessment and each municipality's plan."""

import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spira.core.activity import log_action
from spira.networks.choices import PLAN_NEED_THRESHOLD, AssessmentStatus, ModuleStatus
from spira.networks.models import (
    AssessmentAnswer,
    AssessmentQuestion,
    NeedsAssessment,
    Network,
    PlanMilestone,
    PlanModule,
    ProgrammeModule,
    ProgrammePlan,
    current_q,
)
from spira.networks.services.common import require, text


def _check_programme(network: Network) -> None:
    if not network.is_programme:
        raise ValidationError(
            {"network": _("Only partnership programmes have modules and needs assessments.")}
        )


@transaction.atomic
def add_module(
    actor,
    network: Network,
    code: str,
    name: str,
    *,
    name_en: str = "",
    description: str = "",
    milestones: str = "",
) -> ProgrammeModule:
    if not actor.has_perm("networks.change_network", network):
        raise PermissionDenied
    _check_programme(network)
    require({"name": name}, "name", _("Give the module a name."))
    module = ProgrammeModule(
        network=network,
        code=text(code),
        name=text(name),
        name_en=text(name_en),
        description=description,
        milestones=milestones,
        position=network.modules.count(),
    )
    try:
        module.full_clean(exclude=["network"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from error
    if network.modules.filter(code=module.code).exists():
        raise ValidationError({"code": _("The programme already has a module with this code.")})
    module.save()
    log_action(actor, "networks.module.added", network, data={"module": module.name})
    return module


@transaction.atomic
def add_question(
    actor, module: ProgrammeModule, text_sv: str, *, text_en: str = "", scale_min: int = 1, scale_max: int = 5
) -> AssessmentQuestion:
    network = module.network
    if not actor.has_perm("networks.change_network", network):
        raise PermissionDenied
    if scale_max <= scale_min:
        raise ValidationError({"scale_max": _("The highest answer must be above the lowest.")})
    require({"text": text_sv}, "text", _("Write the question."))
    question = AssessmentQuestion.objects.create(
        network=network,
        module=module,
        text=text(text_sv)[:300],
        text_en=text(text_en)[:300],
        scale_min=scale_min,
        scale_max=scale_max,
        position=network.questions.count(),
    )
    log_action(actor, "networks.question.added", network, data={"question": question.text})
    return question


def _participates(network: Network, organisation) -> bool:
    return network.memberships.filter(current_q(), organisation=organisation).exists()


@transaction.atomic
def start_assessment(actor, network: Network, organisation) -> NeedsAssessment:
    """Open (or return) the participating organisation's needs assessment."""
    _check_programme(network)
    probe = NeedsAssessment(network=network, organisation=organisation)
    if not actor.has_perm("networks.change_needsassessment", probe):
        raise PermissionDenied(
            _("Only the organisation's administrators and coordinators can fill in its needs assessment.")
        )
    if not _participates(network, organisation):
        raise ValidationError(
            {
                "organisation": _("%(organisation)s does not take part in the programme.")
                % {"organisation": organisation}
            }
        )
    assessment, created = NeedsAssessment.objects.get_or_create(network=network, organisation=organisation)
    if created:
        log_action(actor, "networks.assessment.started", network, data={"organisation": str(organisation)})
    return assessment


def _parse_value(question: AssessmentQuestion, raw) -> int:
    value = None
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, str) and re.fullmatch(r"\s*-?\d{1,6}\s*", raw, re.ASCII):
        value = int(raw)
    if value is None or not question.scale_min <= value <= question.scale_max:
        raise ValidationError(
            {
                f"question_{question.pk}": _("Answer with a whole number from %(low)d to %(high)d.")
                % {"low": question.scale_min, "high": question.scale_max}
            }
        )
    return value


@transaction.atomic
def answer_assessment(actor, assessment: NeedsAssessment, answers: dict) -> NeedsAssessment:
    """Save answers `{question_id: value}`; every value must be on its question's scale, or
    nothing is saved."""
    if not actor.has_perm("networks.change_needsassessment", assessment):
        raise PermissionDenied
    assessment = NeedsAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status == AssessmentStatus.SUBMITTED:
        raise ValidationError({"__all__": _("The needs assessment is already submitted.")})
    questions = {q.pk: q for q in assessment.network.questions.all()}
    errors, values = {}, {}
    for key, raw in answers.items():
        try:
            question = questions[int(key)]
        except (KeyError, TypeError, ValueError):
            errors[f"question_{key}"] = _("This question is not part of the programme's assessment.")
            continue
        try:
            values[question.pk] = _parse_value(question, raw)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    for question_id, value in values.items():
        AssessmentAnswer.objects.update_or_create(
            assessment=assessment, question_id=question_id, defaults={"value": value}
        )
    log_action(
        actor,
        "networks.assessment.answered",
        assessment.network,
        data={"organisation": str(assessment.organisation), "answers": len(values)},
    )
    return assessment


def module_scores(assessment: NeedsAssessment) -> dict[int, Decimal]:
    """The need per module: the mean answer scaled to 1–5 (5 = greatest need), two decimals."""
    totals: dict[int, list[float]] = defaultdict(list)
    for answer in assessment.answers.select_related("question"):
        question = answer.question
        share = (answer.value - question.scale_min) / (question.scale_max - question.scale_min)
        totals[question.module_id].append(1 + 4 * share)
    return {
        module_id: Decimal(sum(v) / len(v)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        for module_id, v in totals.items()
    }


@transaction.atomic
def submit_assessment(actor, assessment: NeedsAssessment) -> NeedsAssessment:
    """Submit the assessment once every question is answered."""
    if not actor.has_perm("networks.change_needsassessment", assessment):
        raise PermissionDenied
    original = assessment
    assessment = NeedsAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status == AssessmentStatus.SUBMITTED:
        raise ValidationError({"__all__": _("The needs assessment is already submitted.")})
    answered = set(assessment.answers.values_list("question_id", flat=True))
    missing = [q for q in assessment.network.questions.all() if q.pk not in answered]
    if missing:
        raise ValidationError({f"question_{q.pk}": _("Answer this question.") for q in missing})
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["status", "submitted_at", "updated_at"])
    original.status, original.submitted_at = assessment.status, assessment.submitted_at
    log_action(
        actor,
        "networks.assessment.submitted",
        assessment.network,
        data={"organisation": str(assessment.organisation)},
    )
    return assessment


@transaction.atomic
def create_plan(actor, assessment: NeedsAssessment, module_ids: list[int] | None = None) -> ProgrammePlan:
    """Make the municipality's plan from its submitted assessment: the chosen modules (by default
    those with a need of at least PLAN_NEED_THRESHOLD), each with the module's milestones."""
    if not actor.has_perm("networks.change_programmeplan", assessment):
        raise PermissionDenied
    assessment = (
        NeedsAssessment.objects.select_for_update()
        .select_related("network", "organisation")
        .get(pk=assessment.pk)
    )
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise ValidationError({"__all__": _("Submit the needs assessment first.")})
    network = assessment.network
    if ProgrammePlan.objects.filter(network=network, organisation=assessment.organisation).exists():
        raise ValidationError({"__all__": _("The organisation already has a plan in this programme.")})
    scores = module_scores(assessment)
    modules = {m.pk: m for m in network.modules.all()}
    if module_ids is None:
        chosen = [
            pk
            for pk, score in sorted(scores.items(), key=lambda i: -i[1])
            if score >= Decimal(str(PLAN_NEED_THRESHOLD))
        ]
        if not chosen and scores:
            chosen = [max(scores, key=scores.get)]
    else:
        unknown = [pk for pk in module_ids if pk not in modules]
        if unknown:
            raise ValidationError({"modules": _("Choose modules of this programme.")})
        chosen = list(dict.fromkeys(module_ids))
    if not chosen:
        raise ValidationError({"modules": _("Choose at least one module.")})
    plan = ProgrammePlan.objects.create(
        network=network, organisation=assessment.organisation, assessment=assessment
    )
    for module_id in sorted(chosen, key=lambda pk: modules[pk].position):
        plan_module = PlanModule.objects.create(
            plan=plan, module_id=module_id, need_score=scores.get(module_id)
        )
        PlanMilestone.objects.bulk_create(
            PlanMilestone(plan_module=plan_module, title=title[:200], position=index)
            for index, title in enumerate(modules[module_id].milestone_titles())
        )
    log_action(
        actor,
        "networks.plan.created",
        network,
        data={"organisation": str(assessment.organisation), "modules": [modules[pk].code for pk in chosen]},
    )
    return plan


@transaction.atomic
def set_module_status(actor, plan_module: PlanModule, status: str) -> PlanModule:
    plan = plan_module.plan
    if not actor.has_perm("networks.change_programmeplan", plan):
        raise PermissionDenied
    if status not in ModuleStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    old = plan_module.status
    if old != status:
        plan_module.status = status
        plan_module.save(update_fields=["status"])
        log_action(
            actor,
            "networks.plan.progress",
            plan.network,
            changes={"status": [old, status]},
            data={"organisation": str(plan.organisation), "module": plan_module.module.code},
        )
    return plan_module


@transaction.atomic
def set_milestone_done(actor, milestone: PlanMilestone, done: bool) -> PlanMilestone:
    plan_module = milestone.plan_module
    plan = plan_module.plan
    if not actor.has_perm("networks.change_programmeplan", plan):
        raise PermissionDenied
    new = timezone.localdate() if done else None
    if bool(milestone.done_on) != done:
        milestone.done_on = new
        milestone.save(update_fields=["done_on"])
        if done and plan_module.status == ModuleStatus.PLANNED:
            plan_module.status = ModuleStatus.IN_PROGRESS
            plan_module.save(update_fields=["status"])
        if plan_module.milestones.filter(done_on__isnull=True).count() == 0 and done:
            plan_module.status = ModuleStatus.DONE
            plan_module.save(update_fields=["status"])
        log_action(
            actor,
            "networks.plan.progress",
            plan.network,
            data={"organisation": str(plan.organisation), "milestone": milestone.title, "done": done},
        )
    return milestone
