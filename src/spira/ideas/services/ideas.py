"""Writes to ideas: handing in, moving between stages, coaching, comments, supports, following,
merging, graduation to an initiative and deleting old contact data."""

import hashlib
import secrets
from datetime import timedelta
from functools import partial

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spira.core.activity import log_action
from spira.core.notifications import notify
from spira.ideas import notifications as kinds
from spira.ideas.choices import (
    ANSWER_MAX_LENGTH,
    CLOSED_TYPES,
    COMMENT_MAX_LENGTH,
    SUBMISSIONS_PER_HOUR,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    TRANSITIONS,
    CommentVisibility,
    Language,
    Origin,
    StageType,
    TargetGroup,
    Theme,
)
from spira.ideas.models import Comment, Follow, Idea, Stage, StageLog, Support
from spira.ideas.rules import coordinates_sluice
from spira.ideas.services.common import audience, check_fields, check_length, sluice_coordinators, text
from spira.organisations.rules import roles_in

IDEA_FIELDS = (
    "title",
    "need",
    "description",
    "beneficiaries",
    "theme",
    "language",
    "contact_email",
    "is_public",
    "challenge",
)


def _enqueue_contact_email(idea: Idea, what: str) -> None:
    """E-mail a submitter without an account (when they left an address) after commit."""
    if idea.submitter_id is None and idea.contact_email:
        from spira.ideas.tasks import send_contact_email

        transaction.on_commit(partial(send_contact_email.enqueue, idea.pk, what))


# Handing in --------------------------------------------------------------------------------------


def _rate_key(ip: str | None) -> str:
    digest = hashlib.sha256((ip or "unknown").encode()).hexdigest()[:32]
    return f"spira:ideas:submissions:{digest}"


def _check_rate(ip: str | None) -> None:
    if (cache.get(_rate_key(ip)) or 0) >= SUBMISSIONS_PER_HOUR:
        raise ValidationError(
            {
                "__all__": _(
                    "Many ideas have been handed in from your address in a short time. Please try again in an hour."
                )
            }
        )


def _count_submission(ip: str | None) -> None:
    key = _rate_key(ip)
    cache.add(key, 0, timeout=60 * 60)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=60 * 60)


def _origin(actor, sluice) -> str:
    if getattr(actor, "is_authenticated", False) and roles_in(actor, sluice.organisation_id):
        return Origin.COWORKER
    return Origin.RESIDENT


def clean_idea_values(values: dict, *, anonymous: bool) -> dict:
    """The submission's values checked and trimmed; ValidationError with every problem."""
    check_fields(values, IDEA_FIELDS)
    errors: dict[str, str] = {}
    cleaned = {}
    for name in ("title", "need", "description", "beneficiaries"):
        cleaned[name] = text(values.get(name))
    if not cleaned["title"]:
        errors["title"] = _("Give your idea a short title.")
    if not cleaned["need"]:
        errors["need"] = _("Describe the need or problem your idea answers.")
    if not cleaned["description"]:
        errors["description"] = _("Describe your idea.")
    check_length(errors, "title", cleaned["title"], TITLE_MAX_LENGTH)
    check_length(errors, "need", cleaned["need"], TEXT_MAX_LENGTH)
    check_length(errors, "description", cleaned["description"], TEXT_MAX_LENGTH)
    check_length(errors, "beneficiaries", cleaned["beneficiaries"], 2000)
    cleaned["theme"] = values.get("theme") or Theme.OTHER
    if cleaned["theme"] not in Theme.values:
        errors["theme"] = _("Choose one of the themes offered.")
    cleaned["language"] = values.get("language") or Language.SWEDISH
    if cleaned["language"] not in Language.values:
        errors["language"] = _("Choose Swedish or English.")
    is_public = values.get("is_public", True)
    if not isinstance(is_public, bool):
        errors["is_public"] = _("Give yes or no.")
    cleaned["is_public"] = is_public
    email = text(values.get("contact_email"))
    if email and anonymous:
        try:
            validate_email(email)
        except ValidationError:
            errors["contact_email"] = _("Give a valid e-mail address, or leave the field empty.")
        check_length(errors, "contact_email", email, 254)
    cleaned["contact_email"] = email if anonymous else ""
    cleaned["challenge"] = values.get("challenge")
    if errors:
        raise ValidationError(errors)
    return cleaned


def first_stage(sluice) -> Stage:
    stage = sluice.stages.filter(stage_type=StageType.NEW).order_by("position", "id").first()
    if stage is None:
        raise ValidationError(
            {"__all__": _("This sluice has no stage for new ideas. Tell its coordinators.")}
        )
    return stage


@transaction.atomic
def submit_idea(actor, sluice, *, ip: str | None = None, honeypot: str = "", **values) -> Idea:
    """Hand in an idea, with or without an account.

    Spam protection without third parties: a honeypot field that people never fill in and a
    limit of ideas per address and hour. Co-workers (members of the sluice's organisation) are
    recognised by their account; everyone else hands in as a resident.
    """
    anonymous = not getattr(actor, "is_authenticated", False)
    if honeypot:
        raise ValidationError({"__all__": _("Your idea could not be handed in. Please try again.")})
    if not sluice.is_open:
        raise ValidationError({"__all__": _("This sluice does not take new ideas at the moment.")})
    cleaned = clean_idea_values(values, anonymous=anonymous)
    origin = _origin(actor, sluice)
    challenge = cleaned.pop("challenge")
    wanted_group = sluice.target_group
    if challenge is not None:
        if challenge.sluice_id != sluice.pk:
            raise ValidationError({"challenge": _("Choose a challenge of this sluice.")})
        if not challenge.is_open_on(timezone.localdate()):
            raise ValidationError({"challenge": _("This challenge does not take ideas at the moment.")})
        wanted_group = challenge.target_group
    if wanted_group == TargetGroup.COWORKERS and origin != Origin.COWORKER:
        raise ValidationError(
            {
                "__all__": _(
                    "Only co-workers of %(organisation)s hand in ideas here. Log in with your work account."
                )
                % {"organisation": sluice.organisation.display_name}
            }
        )
    _check_rate(ip)
    stage = first_stage(sluice)
    now = timezone.now()
    idea = Idea.objects.create(
        sluice=sluice,
        challenge=challenge,
        stage=stage,
        origin=origin,
        submitter=None if anonymous else actor,
        follow_token=secrets.token_urlsafe(32),
        submitted_at=now,
        stage_entered_at=now,
        **cleaned,
    )
    StageLog.objects.create(
        idea=idea,
        sluice=sluice,
        stage=stage,
        stage_type=stage.stage_type,
        entered_at=now,
        actor=None if anonymous else actor,
    )
    if not anonymous:
        Follow.objects.create(idea=idea, user=actor)
    _count_submission(ip)
    log_action(actor, "ideas.idea.submitted", idea, data={"sluice": sluice.pk, "origin": origin})
    notify(
        sluice_coordinators(sluice),
        kinds.NEW_IDEA,
        format_lazy(
            gettext_lazy("New idea in {sluice}: {title}"), sluice=sluice.name, title=idea.title[:150]
        ),
        idea.need[:500],
        idea.get_absolute_url(),
        actor=None if anonymous else actor,
    )
    _enqueue_contact_email(idea, "receipt")
    return idea


# Moving ------------------------------------------------------------------------------------------


def _enter_stage(actor, idea: Idea, stage: Stage, answer: str, now) -> StageLog:
    """Close the current stay, open the next, and keep the idea's own fields in step."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    StageLog.objects.filter(idea=idea, left_at__isnull=True).update(left_at=now)
    log = StageLog.objects.create(
        idea=idea,
        sluice_id=idea.sluice_id,
        stage=stage,
        stage_type=stage.stage_type,
        from_stage_type=idea.stage.stage_type,
        entered_at=now,
        actor=user,
        answer=answer,
    )
    idea.stage = stage
    idea.stage_entered_at = now
    if stage.stage_type in CLOSED_TYPES:
        idea.closed_at = now
    if answer:
        idea.public_answer = answer
        if idea.first_answer_at is None:
            idea.first_answer_at = now
    idea.save(
        update_fields=[
            "stage",
            "stage_entered_at",
            "closed_at",
            "public_answer",
            "first_answer_at",
            "merged_into",
            "updated_at",
        ]
    )
    return log


def _tell_audience(actor, idea: Idea, stage: Stage, answer: str) -> None:
    title = format_lazy(
        gettext_lazy("Your idea “{title}” is now in: {stage}"), title=idea.title[:150], stage=stage.name
    )
    notify(audience(idea), kinds.STAGE_CHANGED, title, answer, idea.get_absolute_url(), actor=actor)
    _enqueue_contact_email(idea, "stage")


@transaction.atomic
def move_idea(actor, idea: Idea, stage: Stage | None, answer: str = "") -> Idea:
    """The one way an idea changes stage: checks permission and the move, requires a public
    answer when closing, records the stay in the stage log, writes the activity log and tells
    the submitter and followers (and e-mails an anonymous submitter's contact address)."""
    if not actor.has_perm("ideas.move_idea", idea):
        raise PermissionDenied
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    current = Stage.objects.get(pk=idea.stage_id)
    idea.stage = current
    answer = text(answer)
    errors: dict[str, str] = {}
    if stage is None or stage.sluice_id != idea.sluice_id:
        errors["stage"] = _("Choose a stage of this sluice.")
    elif stage.pk == current.pk:
        errors["stage"] = _("The idea is already in this stage.")
    elif stage.stage_type == StageType.CLOSED_MERGED:
        errors["stage"] = _(
            "To merge an idea into another, use “merge”: it carries supports and followers over."
        )
    elif stage.stage_type not in TRANSITIONS[current.stage_type]:
        errors["stage"] = _(
            "An idea in “%(current)s” (%(current_type)s) cannot move to “%(stage)s” (%(stage_type)s)."
        ) % {
            "current": current.name,
            "current_type": current.get_stage_type_display(),
            "stage": stage.name,
            "stage_type": stage.get_stage_type_display(),
        }
    if stage is not None and stage.stage_type in CLOSED_TYPES and not answer and "stage" not in errors:
        errors["answer"] = _("Give the submitter a public answer when you close an idea.")
    check_length(errors, "answer", answer, ANSWER_MAX_LENGTH)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    old_type = current.stage_type
    _enter_stage(actor, idea, stage, answer, now)
    log_action(
        actor,
        "ideas.idea.stage_changed",
        idea,
        changes={"stage": [str(current), str(stage)], "stage_type": [old_type, stage.stage_type]},
        data={"answer": answer},
    )
    _tell_audience(actor, idea, stage, answer)
    return idea


# Coaching, comments, supports, following ---------------------------------------------------------


@transaction.atomic
def assign_coach(actor, idea: Idea, coach) -> Idea:
    """Give the idea a responsible coach: someone of the sluice's organisation (or one of its
    coordinators) who is not the submitter. `None` removes the coach."""
    if not actor.has_perm("ideas.assign_coach", idea):
        raise PermissionDenied
    if coach is not None:
        if idea.submitter_id is not None and coach.pk == idea.submitter_id:
            raise ValidationError({"coach": _("The coach cannot be the person who handed in the idea.")})
        if not coach.is_active or not (
            roles_in(coach, idea.sluice.organisation_id) or coordinates_sluice(coach, idea.sluice)
        ):
            raise ValidationError(
                {
                    "coach": _("Choose a coach from %(organisation)s.")
                    % {"organisation": idea.sluice.organisation.display_name}
                }
            )
    old = idea.coach
    if (old.pk if old else None) == (coach.pk if coach else None):
        return idea
    idea.coach = coach
    idea.save(update_fields=["coach", "updated_at"])
    log_action(
        actor,
        "ideas.idea.coach_assigned",
        idea,
        changes={"coach": [str(old) if old else None, str(coach) if coach else None]},
    )
    if coach is not None:
        notify(
            [coach],
            kinds.COACH_ASSIGNED,
            format_lazy(gettext_lazy("You coach the idea “{title}”"), title=idea.title[:150]),
            "",
            idea.get_absolute_url(),
            actor=actor,
        )
    return idea


@transaction.atomic
def add_comment(actor, idea: Idea, body: str, visibility: str = CommentVisibility.PUBLIC) -> Comment:
    """A public comment (anyone with an account who can see the idea) or an internal note
    (coordinators and the coach). A public comment of the sluice counts as an answer."""
    if not actor.has_perm("ideas.comment_idea", idea):
        raise PermissionDenied
    if visibility not in CommentVisibility.values:
        raise ValidationError({"visibility": _("Choose public or internal.")})
    if visibility == CommentVisibility.INTERNAL and not actor.has_perm("ideas.comment_internal_idea", idea):
        raise PermissionDenied
    body = text(body)
    errors: dict[str, str] = {}
    if not body:
        errors["body"] = _("Write a comment.")
    check_length(errors, "body", body, COMMENT_MAX_LENGTH)
    if errors:
        raise ValidationError(errors)
    comment = Comment.objects.create(idea=idea, author=actor, body=body, visibility=visibility)
    log_action(actor, "ideas.idea.commented", idea, data={"comment": comment.pk, "visibility": visibility})
    if visibility == CommentVisibility.PUBLIC:
        if idea.first_answer_at is None and actor.has_perm("ideas.comment_internal_idea", idea):
            idea.first_answer_at = timezone.now()
            idea.save(update_fields=["first_answer_at", "updated_at"])
        notify(
            audience(idea),
            kinds.COMMENTED,
            format_lazy(gettext_lazy("New comment on “{title}”"), title=idea.title[:150]),
            body[:500],
            idea.get_absolute_url(),
            actor=actor,
        )
    return comment


def _recount_supports(idea: Idea) -> None:
    idea.support_count = Support.objects.filter(idea=idea).count()
    Idea.objects.filter(pk=idea.pk).update(support_count=idea.support_count)


@transaction.atomic
def support_idea(actor, idea: Idea) -> Support:
    if not actor.has_perm("ideas.support_idea", idea):
        if getattr(actor, "is_authenticated", False) and idea.submitter_id == actor.pk:
            raise ValidationError({"__all__": _("You cannot support your own idea.")})
        raise PermissionDenied
    if idea.closed_at is not None:
        raise ValidationError({"__all__": _("This idea is closed and cannot get more support.")})
    support, created = Support.objects.get_or_create(idea=idea, user=actor)
    if not created:
        raise ValidationError({"__all__": _("You already support this idea.")})
    _recount_supports(idea)
    log_action(actor, "ideas.idea.supported", idea)
    return support


@transaction.atomic
def withdraw_support(actor, idea: Idea) -> None:
    deleted, _rows = (
        Support.objects.filter(idea=idea, user=actor).delete() if actor.is_authenticated else (0, {})
    )
    if not deleted:
        raise ValidationError({"__all__": _("You do not support this idea.")})
    _recount_supports(idea)
    log_action(actor, "ideas.idea.support_withdrawn", idea)


@transaction.atomic
def follow_idea(actor, idea: Idea) -> Follow:
    """Hear about every step (immediately, or weekly as chosen in the notification settings)."""
    if not actor.has_perm("ideas.follow_idea", idea):
        raise PermissionDenied
    follow, _created = Follow.objects.get_or_create(idea=idea, user=actor)
    return follow


@transaction.atomic
def unfollow_idea(actor, idea: Idea) -> None:
    if actor.is_authenticated:
        Follow.objects.filter(idea=idea, user=actor).delete()


# Merging -----------------------------------------------------------------------------------------


@transaction.atomic
def merge_ideas(actor, duplicate: Idea, keep: Idea, answer: str = "") -> Idea:
    """Close `duplicate` as merged into `keep`: its supports and followers (and its submitter)
    move to the idea kept, and it points there. Both sluices must be the actor's to manage."""
    if not actor.has_perm("ideas.merge_idea", duplicate):
        raise PermissionDenied
    if keep is None:
        raise ValidationError({"keep": _("Choose the idea to keep.")})
    if duplicate.pk == keep.pk:
        raise ValidationError({"keep": _("An idea cannot be merged into itself.")})
    if not actor.has_perm("ideas.merge_idea", keep):
        raise ValidationError({"keep": _("You can only merge into ideas of sluices you coordinate.")})
    duplicate = Idea.objects.select_for_update().get(pk=duplicate.pk)
    keep = Idea.objects.select_for_update().get(pk=keep.pk)
    if duplicate.closed_at is not None:
        raise ValidationError({"__all__": _("This idea is already closed.")})
    if keep.closed_at is not None:
        raise ValidationError({"keep": _("Choose an idea that is still open.")})
    merged_stage = (
        duplicate.sluice.stages.filter(stage_type=StageType.CLOSED_MERGED).order_by("position").first()
    )
    if merged_stage is None:
        raise ValidationError({"__all__": _("This sluice has no stage for merged ideas. Add one first.")})
    answer = text(answer) or _("This idea was merged with “%(title)s”, where the work goes on.") % {
        "title": keep.title
    }
    errors: dict[str, str] = {}
    check_length(errors, "answer", answer, ANSWER_MAX_LENGTH)
    if errors:
        raise ValidationError(errors)
    supporters = set(Support.objects.filter(idea=duplicate).values_list("user_id", flat=True))
    already = set(Support.objects.filter(idea=keep).values_list("user_id", flat=True))
    new_supporters = sorted(supporters - already - {keep.submitter_id})
    Support.objects.bulk_create([Support(idea=keep, user_id=pk) for pk in new_supporters])
    followers = set(Follow.objects.filter(idea=duplicate).values_list("user_id", flat=True))
    if duplicate.submitter_id:
        followers.add(duplicate.submitter_id)
    following = set(Follow.objects.filter(idea=keep).values_list("user_id", flat=True))
    Follow.objects.bulk_create([Follow(idea=keep, user_id=pk) for pk in sorted(followers - following)])
    _recount_supports(keep)
    duplicate.stage = Stage.objects.get(pk=duplicate.stage_id)
    duplicate.merged_into = keep
    _enter_stage(actor, duplicate, merged_stage, answer, timezone.now())
    log_action(
        actor,
        "ideas.idea.merged",
        duplicate,
        changes={"merged_into": [None, str(keep)]},
        data={"keep": keep.pk, "answer": answer},
    )
    log_action(
        actor,
        "ideas.idea.merge_received",
        keep,
        data={"duplicate": duplicate.pk, "supports_added": len(new_supporters)},
    )
    _tell_audience(actor, duplicate, merged_stage, answer)
    return keep


# Graduation --------------------------------------------------------------------------------------

GRADUATION_TYPES = frozenset({StageType.IMPLEMENTATION, StageType.SPREAD, StageType.CLOSED_DONE})


@transaction.atomic
def graduate_idea(actor, idea: Idea):
    """Turn an idea in implementation into an initiative draft in the case library, coordinated
    by the sluice's organisation; the idea points to it (`Idea.initiative`)."""
    from spira.initiatives import services as initiative_services

    if not actor.has_perm("ideas.graduate_idea", idea):
        raise PermissionDenied
    idea = Idea.objects.select_for_update().select_related("stage", "sluice__organisation").get(pk=idea.pk)
    if idea.initiative_id is not None:
        raise ValidationError({"__all__": _("This idea is already an initiative in the case library.")})
    if idea.stage.stage_type not in GRADUATION_TYPES:
        raise ValidationError({"__all__": _("Only ideas in implementation or later can become initiatives.")})
    lang = idea.language
    summary = idea.need if not idea.beneficiaries else f"{idea.need}\n\n{idea.beneficiaries}"
    values = {
        f"title_{lang}": idea.title,
        f"summary_{lang}": summary[:2000],
        f"innovation_{lang}": idea.description,
        "original_language": lang,
        "coordinator": idea.sluice.organisation,
    }
    initiative = initiative_services.create_initiative(
        actor, note=_("From the idea sluice %(sluice)s") % {"sluice": idea.sluice.name}, **values
    )
    idea.initiative = initiative
    idea.save(update_fields=["initiative", "updated_at"])
    log_action(
        actor,
        "ideas.idea.graduated",
        idea,
        changes={"initiative": [None, str(initiative)]},
        data={"initiative": initiative.pk},
    )
    return initiative


# Personal data -----------------------------------------------------------------------------------


def purge_contact_data(now=None) -> int:
    """Delete the contact e-mails of anonymous submitters once their idea has been closed for
    the sluice's retention time. Safe to run twice. Returns how many were deleted."""
    now = now or timezone.now()
    candidates = (
        Idea.objects.filter(closed_at__isnull=False)
        .exclude(contact_email="")
        .select_related("sluice")
        .only("pk", "title", "closed_at", "contact_email", "sluice__contact_retention_days")
    )
    due = [
        idea
        for idea in candidates
        if idea.closed_at + timedelta(days=idea.sluice.contact_retention_days) <= now
    ]
    with transaction.atomic():
        for idea in due:
            Idea.objects.filter(pk=idea.pk).update(contact_email="")
            log_action(None, "ideas.idea.contact_deleted", idea)
    return len(due)


def contact_retention_due(idea: Idea):
    if idea.closed_at is None:
        return None
    return idea.closed_at + timedelta(days=idea.sluice.contact_retention_days)
