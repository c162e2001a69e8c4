"""Writes to sluices, their stages, criteria and challenges."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from spira.core.activity import apply_changes, log_action
from spira.ideas.choices import (
    DEFAULT_CRITERIA,
    DEFAULT_STAGES,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    StageType,
    TargetGroup,
)
from spira.ideas.models import Challenge, Criterion, Sluice, Stage
from spira.ideas.services.common import check_fields, check_length, text

SLUICE_FIELDS = (
    "name",
    "description",
    "target_group",
    "is_open",
    "contact_retention_days",
    "anonymous_reviews",
)
CHALLENGE_FIELDS = (
    "title",
    "description",
    "starts_on",
    "ends_on",
    "target_group",
    "strategy",
    "strategy_url",
)
RESERVED_SLUGS = frozenset({"ny", "analys", "ide", "folj", "organisation", "bedomning", "mina"})
MAX_RETENTION_DAYS = 3650


def unique_slug(name: str) -> str:
    base = slugify(name)[:100].strip("-") or "idesluss"
    slug, number = base, 2
    while slug in RESERVED_SLUGS or Sluice.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _clean_sluice(values: dict) -> dict:
    check_fields(values, SLUICE_FIELDS)
    errors: dict[str, str] = {}
    cleaned = dict(values)
    for name in ("name", "description"):
        if name in cleaned:
            cleaned[name] = text(cleaned[name])
    if "name" in cleaned:
        if not cleaned["name"]:
            errors["name"] = _("Give the sluice a name.")
        check_length(errors, "name", cleaned["name"], TITLE_MAX_LENGTH)
    if "description" in cleaned:
        check_length(errors, "description", cleaned["description"], TEXT_MAX_LENGTH)
    if "target_group" in cleaned and cleaned["target_group"] not in TargetGroup.values:
        errors["target_group"] = _("Choose one of the target groups offered.")
    if "contact_retention_days" in cleaned:
        days = cleaned["contact_retention_days"]
        if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= MAX_RETENTION_DAYS:
            errors["contact_retention_days"] = _("Give a number of days between 0 and %(max)d.") % {
                "max": MAX_RETENTION_DAYS
            }
    for name in ("is_open", "anonymous_reviews"):
        if name in cleaned and not isinstance(cleaned[name], bool):
            errors[name] = _("Give yes or no.")
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def create_sluice(actor, organisation, **values) -> Sluice:
    """Open a sluice for `organisation` with the default pipeline and criteria. The actor must
    coordinate the organisation (or be a moderator)."""
    if not actor.has_perm("ideas.add_sluice", organisation):
        raise PermissionDenied
    values.setdefault("name", "")
    cleaned = _clean_sluice(values)
    sluice = Sluice.objects.create(organisation=organisation, slug=unique_slug(cleaned["name"]), **cleaned)
    Stage.objects.bulk_create(
        Stage(sluice=sluice, name_sv=sv, name_en=en, stage_type=stage_type, position=(i + 1) * 10)
        for i, (sv, en, stage_type) in enumerate(DEFAULT_STAGES)
    )
    Criterion.objects.bulk_create(
        Criterion(sluice=sluice, name_sv=sv, name_en=en, weight=weight, position=(i + 1) * 10)
        for i, (sv, en, weight) in enumerate(DEFAULT_CRITERIA)
    )
    log_action(actor, "ideas.sluice.created", sluice, data={"organisation": organisation.pk})
    return sluice


@transaction.atomic
def update_sluice(actor, sluice: Sluice, **values) -> Sluice:
    if not actor.has_perm("ideas.change_sluice", sluice):
        raise PermissionDenied
    cleaned = _clean_sluice(values)
    changes = apply_changes(sluice, cleaned, cleaned)
    sluice.save()
    if changes:
        log_action(actor, "ideas.sluice.updated", sluice, changes=changes)
    return sluice


@transaction.atomic
def set_coordinators(actor, sluice: Sluice, users) -> Sluice:
    if not actor.has_perm("ideas.change_sluice", sluice):
        raise PermissionDenied
    before = sorted(sluice.coordinators.values_list("pk", flat=True))
    sluice.coordinators.set(users)
    after = sorted(u.pk for u in users)
    log_action(actor, "ideas.sluice.updated", sluice, changes={"coordinators": [before, after]})
    return sluice


def _clean_stage(values: dict, errors: dict) -> dict:
    cleaned = {}
    for name in ("name_sv", "name_en", "description"):
        if name in values:
            cleaned[name] = text(values[name])
            check_length(errors, name, cleaned[name], 2000 if name == "description" else 100)
    if "name_sv" in cleaned and not cleaned["name_sv"]:
        errors["name_sv"] = _("Give the stage a Swedish name.")
    if "stage_type" in values:
        if values["stage_type"] not in StageType.values:
            errors["stage_type"] = _("Choose one of the stage types offered.")
        cleaned["stage_type"] = values["stage_type"]
    if "position" in values:
        position = values["position"]
        if not isinstance(position, int) or isinstance(position, bool) or not 0 <= position <= 30000:
            errors["position"] = _("Give a position between 0 and 30000.")
        cleaned["position"] = position
    return cleaned


@transaction.atomic
def add_stage(actor, sluice: Sluice, **values) -> Stage:
    """Add a stage to the sluice's pipeline (at the end unless a position is given)."""
    if not actor.has_perm("ideas.change_stage", sluice):
        raise PermissionDenied
    check_fields(values, ("name_sv", "name_en", "stage_type", "position", "description"))
    errors: dict[str, str] = {}
    values.setdefault("name_sv", "")
    values.setdefault("stage_type", "")
    cleaned = _clean_stage(values, errors)
    if errors:
        raise ValidationError(errors)
    if "position" not in cleaned:
        last = sluice.stages.aggregate(last=Max("position"))["last"] or 0
        cleaned["position"] = last + 10
    stage = Stage.objects.create(sluice=sluice, **cleaned)
    log_action(actor, "ideas.sluice.stage_added", sluice, data={"stage": stage.pk, "type": stage.stage_type})
    return stage


@transaction.atomic
def update_stage(actor, stage: Stage, **values) -> Stage:
    """Rename, describe or reorder a stage. Its type can change only while it holds no ideas,
    so that the stage log keeps meaning what it meant."""
    if not actor.has_perm("ideas.change_stage", stage.sluice):
        raise PermissionDenied
    check_fields(values, ("name_sv", "name_en", "stage_type", "position", "description"))
    errors: dict[str, str] = {}
    cleaned = _clean_stage(values, errors)
    if "stage_type" in cleaned and cleaned["stage_type"] != stage.stage_type and stage.ideas.exists():
        errors["stage_type"] = _("The type of a stage that holds ideas cannot change. Move the ideas first.")
    if errors:
        raise ValidationError(errors)
    changes = apply_changes(stage, cleaned, cleaned)
    stage.save()
    log_action(
        actor,
        "ideas.sluice.stage_updated",
        stage.sluice,
        changes=changes,
        data={"stage": stage.pk},
    )
    return stage


@transaction.atomic
def add_criterion(actor, sluice: Sluice, name_sv: str, name_en: str = "", weight: int = 1) -> Criterion:
    if not actor.has_perm("ideas.change_criterion", sluice):
        raise PermissionDenied
    errors = {}
    name_sv, name_en = text(name_sv), text(name_en)
    if not name_sv:
        errors["name_sv"] = _("Give the criterion a Swedish name.")
    check_length(errors, "name_sv", name_sv, 100)
    check_length(errors, "name_en", name_en, 100)
    if not isinstance(weight, int) or isinstance(weight, bool) or not 1 <= weight <= 10:
        errors["weight"] = _("Give a weight between 1 and 10.")
    if errors:
        raise ValidationError(errors)
    last = sluice.criteria.aggregate(last=Max("position"))["last"] or 0
    criterion = Criterion.objects.create(
        sluice=sluice, name_sv=name_sv, name_en=name_en, weight=weight, position=last + 10
    )
    log_action(actor, "ideas.sluice.updated", sluice, data={"criterion_added": criterion.pk})
    return criterion


@transaction.atomic
def create_challenge(actor, sluice: Sluice, **values) -> Challenge:
    """Ask a question ("How might we …?") for a time, a target group and a strategy."""
    if not actor.has_perm("ideas.change_challenge", sluice):
        raise PermissionDenied
    check_fields(values, CHALLENGE_FIELDS)
    errors: dict[str, str] = {}
    cleaned = {k: text(v) if isinstance(v, str) and k != "target_group" else v for k, v in values.items()}
    if not cleaned.get("title"):
        errors["title"] = _("Write the question of the challenge.")
    check_length(errors, "title", cleaned.get("title", ""), TITLE_MAX_LENGTH)
    check_length(errors, "description", cleaned.get("description", ""), TEXT_MAX_LENGTH)
    if cleaned.get("target_group", TargetGroup.BOTH) not in TargetGroup.values:
        errors["target_group"] = _("Choose one of the target groups offered.")
    starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
    if starts and ends and ends < starts:
        errors["ends_on"] = _("The challenge cannot close before it opens.")
    if errors:
        raise ValidationError(errors)
    challenge = Challenge(sluice=sluice, **cleaned)
    challenge.full_clean(exclude=["sluice"])
    challenge.save()
    log_action(actor, "ideas.sluice.challenge_created", sluice, data={"challenge": challenge.pk})
    return challenge
