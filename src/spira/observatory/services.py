"""Every change in the observatory: effect goals, measured values, portfolio self-assessments."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spira.core.activity import log_action
from spira.initiatives.choices import InnovationFacet
from spira.observatory.choices import (
    ANSWER_MAX,
    ANSWER_MIN,
    FIRST_YEAR,
    PORTFOLIO_QUESTIONS,
    Unit,
)
from spira.observatory.models import EffectGoal, Measurement, PortfolioAssessment
from spira.observatory.models.goal import VALUE_DIGITS, VALUE_PLACES

MAX_ABS_VALUE = Decimal(10) ** (VALUE_DIGITS - VALUE_PLACES) - 1


def _decimal(name: str, value, errors: dict) -> Decimal | None:
    try:
        number = (
            value
            if isinstance(value, Decimal)
            else Decimal(str(value).strip().replace(",", ".").replace("\u00a0", "").replace(" ", ""))
        )
    except (InvalidOperation, ValueError):
        errors[name] = _("Give a number, e.g. 12.5.")
        return None
    if not number.is_finite() or abs(number) > MAX_ABS_VALUE:
        errors[name] = _("Give a number between -99,999,999,999,999 and 99,999,999,999,999.")
        return None
    return number.quantize(Decimal(1).scaleb(-VALUE_PLACES))


def _date(name: str, value, errors: dict) -> datetime.date | None:
    if isinstance(value, datetime.date):
        result = value
    else:
        try:
            result = datetime.date.fromisoformat(str(value))
        except ValueError:
            errors[name] = _("Give a date as YYYY-MM-DD.")
            return None
    if result.year < FIRST_YEAR:
        errors[name] = _("Give a date in %(year)s or later.") % {"year": FIRST_YEAR}
        return None
    return result


def _unit(name: str, value, errors: dict) -> str:
    if value not in Unit.values:
        errors[name] = _("Choose one of the units.")
    return value


def _clean_goal(values: dict) -> dict:
    errors: dict[str, str] = {}
    indicator = str(values.get("indicator") or "").strip()
    if not indicator:
        errors["indicator"] = _("Name the indicator, e.g. waiting time for a decision.")
    elif len(indicator) > 200:
        errors["indicator"] = _("Use at most 200 characters.")
    cleaned = {
        "indicator": indicator,
        "unit": _unit("unit", values.get("unit"), errors),
        "baseline_value": _decimal("baseline_value", values.get("baseline_value"), errors),
        "baseline_date": _date("baseline_date", values.get("baseline_date"), errors),
        "target_value": _decimal("target_value", values.get("target_value"), errors),
        "target_date": _date("target_date", values.get("target_date"), errors),
    }
    if (
        cleaned["baseline_date"]
        and cleaned["target_date"]
        and cleaned["target_date"] <= cleaned["baseline_date"]
    ):
        errors["target_date"] = _("The target date must come after the baseline date.")
    if cleaned["baseline_date"] and cleaned["baseline_date"] > timezone.localdate():
        errors["baseline_date"] = _("A baseline is measured already: give a date that has passed.")
    if (
        cleaned["baseline_value"] is not None
        and cleaned["target_value"] is not None
        and cleaned["baseline_value"] == cleaned["target_value"]
    ):
        errors["target_value"] = _("The target must differ from the baseline.")
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def create_effect_goal(actor, initiative, **values) -> EffectGoal:
    """Declare an effect goal of `initiative` (its owner, co-authors, coordinators, moderators)."""
    if not actor.has_perm("observatory.add_effectgoal", initiative):
        raise PermissionDenied
    cleaned = _clean_goal(values)
    goal = EffectGoal.objects.create(initiative=initiative, created_by=actor, **cleaned)
    log_action(actor, "observatory.effectgoal.created", initiative, data={"goal": goal.pk, **cleaned})
    return goal


@transaction.atomic
def record_measurement(actor, goal: EffectGoal, value, unit: str, measured_on, note: str = "") -> Measurement:
    """Report a measured value of `goal`'s indicator. It must be in the goal's unit and dated
    between the baseline and today; it may come after the initiative is completed."""
    if not actor.has_perm("observatory.change_effectgoal", goal):
        raise PermissionDenied
    errors: dict[str, str] = {}
    number = _decimal("value", value, errors)
    if unit != goal.unit:
        errors["unit"] = _(
            "This goal is measured in %(unit)s: give the value in that unit (you gave %(given)s)."
        ) % {
            "unit": goal.get_unit_display(),
            "given": Unit(unit).label if unit in Unit.values else unit or "–",
        }
    day = _date("measured_on", measured_on, errors)
    if day and day < goal.baseline_date:
        errors["measured_on"] = _("The date is before the baseline (%(date)s).") % {
            "date": goal.baseline_date.isoformat()
        }
    elif day and day > timezone.localdate():
        errors["measured_on"] = _("A measured value cannot be dated in the future.")
    note = str(note or "").strip()
    if len(note) > 500:
        errors["note"] = _("Use at most 500 characters.")
    if errors:
        raise ValidationError(errors)
    measurement = Measurement.objects.create(
        goal=goal, value=number, unit=unit, measured_on=day, note=note, recorded_by=actor
    )
    log_action(
        actor,
        "observatory.measurement.recorded",
        goal.initiative,
        data={
            "goal": goal.pk,
            "indicator": goal.indicator,
            "value": number,
            "unit": unit,
            "measured_on": day,
        },
    )
    return measurement


def portfolio_scores(answers: dict[str, int]) -> dict[str, int]:
    """Mean answer per facet, scaled to 0–100."""
    scores = {}
    for facet in InnovationFacet.values:
        values = [
            answers[key] for key, question_facet, _text in PORTFOLIO_QUESTIONS if question_facet == facet
        ]
        mean = sum(values) / len(values)
        scores[facet] = round((mean - ANSWER_MIN) / (ANSWER_MAX - ANSWER_MIN) * 100)
    return scores


def _clean_answers(answers: dict) -> dict[str, int]:
    errors: dict[str, str] = {}
    cleaned: dict[str, int] = {}
    for key, _facet, _text in PORTFOLIO_QUESTIONS:
        raw = answers.get(key)
        try:
            value = int(raw)
        except (TypeError, ValueError):
            errors[key] = _("Answer this statement (1 to 5).")
            continue
        if not ANSWER_MIN <= value <= ANSWER_MAX:
            errors[key] = _("Answer this statement (1 to 5).")
            continue
        cleaned[key] = value
    unknown = set(answers) - {key for key, _f, _t in PORTFOLIO_QUESTIONS}
    if unknown:
        errors["__all__"] = _("Unknown statements: %(names)s") % {
            "names": ", ".join(sorted(map(str, unknown)))
        }
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def submit_portfolio_assessment(actor, organisation, answers: dict) -> PortfolioAssessment:
    """Save a complete self-assessment; it becomes the organisation's current one."""
    if not actor.has_perm("observatory.assess_portfolio", organisation):
        raise PermissionDenied
    cleaned = _clean_answers(answers)
    scores = portfolio_scores(cleaned)
    PortfolioAssessment.objects.filter(organisation=organisation, is_current=True).update(is_current=False)
    assessment = PortfolioAssessment.objects.create(
        organisation=organisation, answers=cleaned, submitted_by=actor, is_current=True, **scores
    )
    log_action(actor, "observatory.portfolio.assessed", organisation, data=scores)
    return assessment


@transaction.atomic
def map_initiative_facets(actor, organisation, mapping: dict[int, str]) -> int:
    """Place the organisation's initiatives on the facets (Initiative.facet), through the
    initiatives app's own service so that its rules, revisions and log apply. Returns how many
    changed. All or nothing: one refusal changes none."""
    if not actor.has_perm("observatory.assess_portfolio", organisation):
        raise PermissionDenied
    from spira.initiatives import services as initiative_services
    from spira.initiatives.models import Initiative

    errors: dict[str, str] = {}
    initiatives = {i.pk: i for i in Initiative.objects.filter(coordinator=organisation, pk__in=list(mapping))}
    for pk, facet in mapping.items():
        if pk not in initiatives:
            errors[f"facet_{pk}"] = _("This initiative is not coordinated by the organisation.")
        elif facet not in {"", *InnovationFacet.values}:
            errors[f"facet_{pk}"] = _("Choose one of the facets.")
        elif not actor.has_perm("initiatives.change_initiative", initiatives[pk]):
            errors[f"facet_{pk}"] = _("You may not change this initiative.")
    if errors:
        raise ValidationError(errors)
    changed = 0
    for pk, facet in mapping.items():
        initiative = initiatives[pk]
        if initiative.facet != facet:
            initiative_services.update_initiative(
                actor, initiative, {"facet": facet}, note=_("Portfolio exploration")
            )
            changed += 1
    if changed:
        log_action(actor, "observatory.portfolio.facets_mapped", organisation, data={"changed": changed})
    return changed
