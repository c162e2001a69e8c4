"""Every write to barriers, endorsements, escalations, answers, workshops and subscriptions.

Each function checks permission (PermissionDenied) and the rules of the change (ValidationError
with a dict of field → message), saves, writes the activity log, and sends notifications (their
e-mails go out on commit). Views, the API, `spira demo` and tasks call these and nothing else.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spira.barriers import notifications as kinds
from spira.barriers.choices import (
    CLOSED_STATUSES,
    ESCALATABLE_STATUSES,
    LEVEL_OF_KIND,
    LEVEL_RANK,
    REASON_MAX_LENGTH,
    REPORTING_KINDS,
    TRANSITIONS,
    AnswerDecision,
    BarrierKind,
    BarrierStatus,
    EscalationState,
    Level,
    answer_days,
)
from spira.barriers.models import (
    Barrier,
    BarrierInitiative,
    BarrierSubscription,
    Endorsement,
    Escalation,
    EscalationAnswer,
    StatusChange,
    Workshop,
    WorkshopBarrier,
)
from spira.core.activity import apply_changes, log_action
from spira.core.notifications import notify

EDITABLE_FIELDS = [
    "title",
    "description",
    "case_description",
    "kind",
    "mandate_level",
    "authority",
    "legal_reference",
    "consequences",
    "proposed_change",
]
WORKSHOP_FIELDS = ["title", "starts_at", "ends_at", "location", "agenda"]


# Helpers ------------------------------------------------------------------------------------------


def _text(value) -> str:
    """Text as stored: NUL characters removed (PostgreSQL refuses them), outer space trimmed."""
    return str(value or "").replace("\x00", "").strip()


def _check_fields(values: dict, allowed: list[str]) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in unknown})


def _members(organisation):
    return get_user_model().objects.filter(memberships__organisation=organisation, is_active=True)


def _reporters(barrier: Barrier):
    """Who hears about what happens to a barrier: the reporter and the reporting coordinators."""
    return (
        get_user_model()
        .objects.filter(
            Q(pk=barrier.reported_by_id)
            | Q(
                memberships__organisation_id=barrier.reporter_organisation_id,
                memberships__role__in=["coordinator", "admin"],
            ),
            is_active=True,
        )
        .distinct()
    )


def _subscribers(kind: str, authority_id) -> list:
    condition = Q(kind=kind, authority__isnull=True)
    if authority_id:
        condition |= Q(authority_id=authority_id, kind="") | Q(authority_id=authority_id, kind=kind)
    return get_user_model().objects.filter(
        pk__in=BarrierSubscription.objects.filter(condition).values("user_id"), is_active=True
    )


def _set_status(actor, barrier: Barrier, status: str, reason: str) -> StatusChange:
    """The one place a barrier's status moves: saved, kept in the public trail, and logged."""
    old = barrier.status
    barrier.status = status
    barrier.save(update_fields=["status", "current_level", "authority", "answer_due", "updated_at"])
    change = StatusChange.objects.create(
        barrier=barrier,
        from_status=old,
        to_status=status,
        reason=reason,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(
        actor,
        "barriers.barrier.status_changed",
        barrier,
        changes={"status": [old, status]},
        data={"reason": reason},
    )
    return change


def refresh_reach(barrier: Barrier) -> Barrier:
    """Recount the organisations that have the barrier and the population they serve."""
    endorsements = Endorsement.objects.filter(barrier=barrier, is_hidden=False)
    count = endorsements.count()
    population = endorsements.aggregate(total=Sum("organisation__population"))["total"] or 0
    barrier.affected_organisations = 1 + count
    barrier.affected_population = (barrier.reporter_organisation.population or 0) + population
    Barrier.objects.filter(pk=barrier.pk).update(
        affected_organisations=barrier.affected_organisations,
        affected_population=barrier.affected_population,
    )
    return barrier


# Barriers ---------------------------------------------------------------------------------------


def _validate_barrier(barrier: Barrier) -> None:
    errors = {}
    if not barrier.title:
        errors["title"] = _("Give the barrier a short title.")
    if not barrier.description:
        errors["description"] = _("Describe the barrier.")
    if barrier.kind not in BarrierKind.values:
        errors["kind"] = _("Choose what kind of barrier this is.")
    if barrier.mandate_level not in Level.values:
        errors["mandate_level"] = _("Choose the level that holds the mandate.")
    if barrier.authority_id and barrier.authority_id == barrier.reporter_organisation_id:
        errors["authority"] = _(
            "Name the authority that can remove the barrier, not the organisation reporting it."
        )
    if errors:
        raise ValidationError(errors)
    barrier.full_clean(exclude=["reporter_organisation", "reported_by", "authority"])


def _link_initiatives(barrier: Barrier, initiatives) -> None:
    wanted = {initiative.pk for initiative in initiatives or []}
    current = set(barrier.initiative_links.values_list("initiative_id", flat=True))
    barrier.initiative_links.filter(initiative_id__in=current - wanted).delete()
    BarrierInitiative.objects.bulk_create(
        [BarrierInitiative(barrier=barrier, initiative_id=pk) for pk in sorted(wanted - current)]
    )


@transaction.atomic
def report_barrier(actor, organisation, *, initiatives=(), **values) -> Barrier:
    """Report a barrier on behalf of `organisation` (a municipality, region or agency that the
    actor belongs to). Subscribers of its kind and of its authority hear about it."""
    if not actor.has_perm("barriers.report_for_organisation", organisation):
        if organisation is not None and organisation.kind not in REPORTING_KINDS:
            raise ValidationError(
                {
                    "organisation": _(
                        "Barriers are reported by municipalities, regions and government agencies."
                    )
                }
            )
        raise PermissionDenied
    _check_fields(values, EDITABLE_FIELDS)
    values = {name: _text(value) if isinstance(value, str) else value for name, value in values.items()}
    barrier = Barrier(
        reporter_organisation=organisation,
        reported_by=actor,
        current_level=LEVEL_OF_KIND.get(organisation.kind, Level.LOCAL),
        affected_population=organisation.population or 0,
        **values,
    )
    _validate_barrier(barrier)
    barrier.save()
    _link_initiatives(barrier, initiatives)
    StatusChange.objects.create(barrier=barrier, to_status=BarrierStatus.REPORTED, actor=actor)
    log_action(actor, "barriers.barrier.reported", barrier, data={"organisation": organisation.pk})
    notify(
        _subscribers(barrier.kind, barrier.authority_id),
        kinds.NEW_BARRIER,
        format_lazy(gettext_lazy("New barrier: {title}"), title=barrier.title[:200]),
        barrier.description[:500],
        barrier.get_absolute_url(),
        actor=actor,
    )
    return barrier


@transaction.atomic
def update_barrier(actor, barrier: Barrier, *, initiatives=None, **values) -> Barrier:
    """Correct or complete a barrier's description (coordinators of the reporter, moderators)."""
    if not actor.has_perm("barriers.change_barrier", barrier):
        raise PermissionDenied
    _check_fields(values, EDITABLE_FIELDS)
    values = {name: _text(value) if isinstance(value, str) else value for name, value in values.items()}
    changes = apply_changes(barrier, values, EDITABLE_FIELDS, _validate_barrier)
    if changes:
        barrier.save()
        log_action(actor, "barriers.barrier.updated", barrier, changes=changes)
    if initiatives is not None:
        _link_initiatives(barrier, initiatives)
    return barrier


def _check_reason(reason: str, required: bool) -> str:
    reason = _text(reason)
    if required and not reason:
        raise ValidationError({"reason": _("Give a reason: it is shown on the barrier's public page.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("Write at most %(count)d characters.") % {"count": REASON_MAX_LENGTH}}
        )
    return reason


@transaction.atomic
def change_barrier_status(actor, barrier: Barrier, status: str, reason: str = "") -> Barrier:
    """Triage, take into dialogue, resolve or close a barrier. Closing needs a reason."""
    if not actor.has_perm("barriers.change_barrier_status", barrier):
        raise PermissionDenied
    barrier = Barrier.objects.select_for_update().get(pk=barrier.pk)
    if status not in BarrierStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == barrier.status:
        raise ValidationError({"status": _("The barrier already has this status.")})
    if status not in TRANSITIONS[barrier.status]:
        if status == BarrierStatus.ESCALATED:
            message = _("Escalate the barrier to a named authority instead.")
        elif status == BarrierStatus.ANSWERED:
            message = _("Only the addressed authority's answer marks a barrier as answered.")
        elif barrier.status in CLOSED_STATUSES:
            message = _("The barrier is closed; its status cannot change.")
        else:
            message = _("A barrier that is %(current)s cannot become %(new)s.") % {
                "current": barrier.get_status_display(),
                "new": BarrierStatus(status).label,
            }
        raise ValidationError({"status": message})
    reason = _check_reason(reason, required=status in CLOSED_STATUSES)
    if status in CLOSED_STATUSES:
        # A closed barrier awaits no answer: its open escalation is withdrawn.
        Escalation.objects.filter(barrier=barrier, state=EscalationState.OPEN).update(
            state=EscalationState.WITHDRAWN
        )
        barrier.answer_due = None
    _set_status(actor, barrier, status, reason)
    notify(
        _reporters(barrier),
        kinds.STATUS_CHANGED,
        format_lazy(
            gettext_lazy("{title} is now {status}"),
            title=barrier.title[:200],
            status=barrier.get_status_display(),
        ),
        reason,
        barrier.get_absolute_url(),
        actor=actor,
    )
    return barrier


# Endorsements -----------------------------------------------------------------------------------


@transaction.atomic
def endorse_barrier(actor, barrier: Barrier, organisation, case_description: str = "") -> Endorsement:
    """`organisation` says "we have this too", with its own short case. One per organisation."""
    if organisation is None:
        raise ValidationError({"organisation": _("Choose the organisation that has this barrier too.")})
    if not actor.has_perm("barriers.endorse_for_organisation", organisation):
        raise PermissionDenied
    if not actor.has_perm("barriers.view_barrier", barrier):
        raise PermissionDenied
    case_description = _text(case_description)
    if barrier.status in CLOSED_STATUSES:
        raise ValidationError({"barrier": _("The barrier is closed and takes no more endorsements.")})
    if organisation.pk == barrier.reporter_organisation_id:
        raise ValidationError(
            {
                "organisation": _("%(organisation)s reported this barrier and is already counted.")
                % {"organisation": organisation.display_name}
            }
        )
    if Endorsement.objects.filter(barrier=barrier, organisation=organisation).exists():
        raise ValidationError(
            {
                "organisation": _("%(organisation)s has already endorsed this barrier.")
                % {"organisation": organisation.display_name}
            }
        )
    endorsement = Endorsement(
        barrier=barrier, organisation=organisation, endorsed_by=actor, case_description=case_description
    )
    endorsement.full_clean(exclude=["barrier", "organisation", "endorsed_by"])
    try:
        with transaction.atomic():
            endorsement.save()
    except IntegrityError as exc:
        raise ValidationError(
            {
                "organisation": _("%(organisation)s has already endorsed this barrier.")
                % {"organisation": organisation.display_name}
            }
        ) from exc
    refresh_reach(barrier)
    log_action(
        actor,
        "barriers.endorsement.created",
        barrier,
        data={"organisation": organisation.pk, "endorsement": endorsement.pk},
    )
    notify(
        _reporters(barrier),
        kinds.ENDORSED,
        format_lazy(
            gettext_lazy("{organisation} has this barrier too: {title}"),
            organisation=organisation.display_name,
            title=barrier.title[:150],
        ),
        case_description[:500],
        endorsement.get_absolute_url(),
        actor=actor,
    )
    return endorsement


@transaction.atomic
def withdraw_endorsement(actor, endorsement: Endorsement) -> None:
    if not actor.has_perm("barriers.delete_endorsement", endorsement):
        raise PermissionDenied
    barrier = endorsement.barrier
    log_action(
        actor,
        "barriers.endorsement.withdrawn",
        barrier,
        data={"organisation": endorsement.organisation_id},
    )
    endorsement.delete()
    refresh_reach(barrier)


# Escalations and answers ---------------------------------------------------------------------------


def _deadline(days: int | None = None):
    return timezone.localdate() + timedelta(days=days if days is not None else answer_days())


@transaction.atomic
def escalate_barrier(actor, barrier: Barrier, authority, level: str, message: str = "") -> Escalation:
    """Address the barrier to `authority` at a higher `level`; its members must answer publicly
    by the deadline (SPIRA_BARRIER_ANSWER_DAYS, 60 days unless configured)."""
    if not actor.has_perm("barriers.escalate_barrier", barrier):
        raise PermissionDenied
    barrier = Barrier.objects.select_for_update().get(pk=barrier.pk)
    errors = {}
    if barrier.status in CLOSED_STATUSES:
        raise ValidationError({"status": _("The barrier is closed and cannot be escalated.")})
    if barrier.status == BarrierStatus.ESCALATED:
        raise ValidationError(
            {
                "status": _("The barrier is already awaiting an answer from %(authority)s.")
                % {"authority": barrier.authority.display_name if barrier.authority else "–"}
            }
        )
    if barrier.status not in ESCALATABLE_STATUSES:
        raise ValidationError({"status": _("Triage the barrier before escalating it.")})
    if level not in Level.values:
        errors["level"] = _("Choose the level to escalate to.")
    elif LEVEL_RANK[level] == LEVEL_RANK[barrier.current_level]:
        errors["level"] = _(
            "The barrier is already held at the %(level)s level. Escalate it to a higher level."
        ) % {"level": Level(level).label}
    elif LEVEL_RANK[level] < LEVEL_RANK[barrier.current_level]:
        errors["level"] = _("A barrier is escalated upwards: it is held at the %(current)s level now.") % {
            "current": barrier.get_current_level_display()
        }
    if authority is None:
        errors["authority"] = _("Name the authority that must answer.")
    elif authority.pk == barrier.reporter_organisation_id:
        errors["authority"] = _("A barrier cannot be escalated to the organisation that reported it.")
    message = _text(message)
    if errors:
        raise ValidationError(errors)
    escalation = Escalation(
        barrier=barrier,
        from_level=barrier.current_level,
        to_level=level,
        addressed_to=authority,
        message=message,
        escalated_by=actor,
        deadline=_deadline(),
    )
    escalation.full_clean(exclude=["barrier", "addressed_to", "escalated_by", "previous"])
    escalation.save()
    barrier.current_level = level
    barrier.authority = authority
    barrier.answer_due = escalation.deadline
    _set_status(
        actor,
        barrier,
        BarrierStatus.ESCALATED,
        message or _("Escalated to %(authority)s.") % {"authority": authority.display_name},
    )
    log_action(
        actor,
        "barriers.barrier.escalated",
        barrier,
        data={
            "escalation": escalation.pk,
            "to": authority.pk,
            "level": level,
            "deadline": escalation.deadline,
        },
    )
    _tell_addressee(escalation, actor)
    return escalation


def _tell_addressee(escalation: Escalation, actor) -> None:
    barrier = escalation.barrier
    notify(
        _members(escalation.addressed_to),
        kinds.ESCALATION_RECEIVED,
        format_lazy(
            gettext_lazy("A barrier awaits your answer by {deadline}: {title}"),
            deadline=escalation.deadline.isoformat(),
            title=barrier.title[:200],
        ),
        escalation.message[:500],
        escalation.get_absolute_url(),
        actor=actor,
    )
    notify(
        _subscribers(barrier.kind, escalation.addressed_to_id).exclude(
            pk__in=_members(escalation.addressed_to).values("pk")
        ),
        kinds.NEW_BARRIER,
        format_lazy(
            gettext_lazy("Barrier addressed to {authority}: {title}"),
            authority=escalation.addressed_to.display_name,
            title=barrier.title[:200],
        ),
        escalation.message[:500],
        escalation.get_absolute_url(),
        actor=actor,
    )


@transaction.atomic
def answer_escalation(
    actor, escalation: Escalation, organisation, decision: str, text: str, redirect_to=None
) -> EscalationAnswer:
    """The addressed authority answers publicly: it accepts, rejects with reasons, or points to
    another authority (the barrier is then re-addressed there with a new deadline)."""
    escalation = (
        Escalation.objects.select_for_update().select_related("barrier", "addressed_to").get(pk=escalation.pk)
    )
    if organisation is None or organisation.pk != escalation.addressed_to_id:
        raise ValidationError(
            {
                "organisation": _("This barrier is addressed to %(authority)s; only it can answer.")
                % {"authority": escalation.addressed_to.display_name}
            }
        )
    if not actor.has_perm("barriers.answer_escalation", escalation):
        raise PermissionDenied
    if not escalation.is_open:
        raise ValidationError({"escalation": _("This escalation has already been answered.")})
    errors = {}
    text = _text(text)
    if decision not in AnswerDecision.values:
        errors["decision"] = _("Choose whether you accept, reject or point to another authority.")
    if not text:
        errors["text"] = (
            _("Give the reasons for rejecting: they are published with the answer.")
            if decision == AnswerDecision.REJECT
            else _("Write the answer: it is published on the barrier's page.")
        )
    if decision == AnswerDecision.REDIRECT:
        if redirect_to is None:
            errors["redirect_to"] = _("Name the authority that holds the mandate.")
        elif redirect_to.pk == escalation.addressed_to_id:
            errors["redirect_to"] = _("Point to another authority than your own.")
        elif redirect_to.pk == escalation.barrier.reporter_organisation_id:
            errors["redirect_to"] = _("Point to another authority than the one that reported the barrier.")
    elif redirect_to is not None:
        errors["redirect_to"] = _("Name another authority only when you point the barrier onwards.")
    if errors:
        raise ValidationError(errors)
    answer = EscalationAnswer(
        escalation=escalation,
        organisation=organisation,
        answered_by=actor,
        decision=decision,
        text=text,
        redirect_to=redirect_to,
    )
    answer.full_clean(exclude=["escalation", "organisation", "answered_by", "redirect_to"])
    answer.save()
    barrier = escalation.barrier
    if decision == AnswerDecision.REDIRECT:
        escalation.state = EscalationState.REDIRECTED
        escalation.save(update_fields=["state"])
        follow_up = Escalation.objects.create(
            barrier=barrier,
            from_level=escalation.from_level,
            to_level=LEVEL_OF_KIND.get(redirect_to.kind, escalation.to_level),
            addressed_to=redirect_to,
            message=escalation.message,
            escalated_by=actor,
            previous=escalation,
            deadline=_deadline(),
        )
        barrier.authority = redirect_to
        barrier.current_level = follow_up.to_level
        barrier.answer_due = follow_up.deadline
        barrier.save(update_fields=["authority", "current_level", "answer_due", "updated_at"])
        log_action(
            actor,
            "barriers.barrier.readdressed",
            barrier,
            changes={"authority": [str(escalation.addressed_to), str(redirect_to)]},
            data={"answer": answer.pk, "escalation": follow_up.pk, "deadline": follow_up.deadline},
        )
        _tell_addressee(follow_up, actor)
    else:
        escalation.state = EscalationState.ANSWERED
        escalation.save(update_fields=["state"])
        barrier.answer_due = None
        _set_status(actor, barrier, BarrierStatus.ANSWERED, text)
        log_action(
            actor, "barriers.barrier.answered", barrier, data={"answer": answer.pk, "decision": decision}
        )
    endorsers = get_user_model().objects.filter(
        pk__in=barrier.endorsements.values("endorsed_by_id"), is_active=True
    )
    notify(
        [*_reporters(barrier), *endorsers],
        kinds.ANSWERED,
        format_lazy(
            gettext_lazy("{authority} answered: {title}"),
            authority=organisation.display_name,
            title=barrier.title[:200],
        ),
        text[:500],
        escalation.get_absolute_url(),
        actor=actor,
    )
    return answer


# Workshops ----------------------------------------------------------------------------------------


def _validate_workshop(workshop: Workshop) -> None:
    errors = {}
    if not workshop.title:
        errors["title"] = _("Give the workshop a title.")
    if workshop.starts_at is None:
        errors["starts_at"] = _("Give the date and time the workshop starts.")
    if workshop.ends_at is None:
        errors["ends_at"] = _("Give the time the workshop ends.")
    elif workshop.starts_at is not None and workshop.ends_at <= workshop.starts_at:
        errors["ends_at"] = _("The workshop must end after it starts.")
    if errors:
        raise ValidationError(errors)
    workshop.full_clean(exclude=["organiser", "created_by"])


@transaction.atomic
def create_workshop(actor, organiser, *, participant_organisations=(), participants=(), **values) -> Workshop:
    """Set up a dialogue workshop organised by `organiser` (the actor coordinates it)."""
    if organiser is None:
        raise ValidationError({"organiser": _("Choose the organisation that runs the workshop.")})
    if not actor.has_perm("barriers.organise_for_organisation", organiser):
        raise PermissionDenied
    _check_fields(values, WORKSHOP_FIELDS)
    values = {name: _text(value) if isinstance(value, str) else value for name, value in values.items()}
    workshop = Workshop(organiser=organiser, created_by=actor, **values)
    _validate_workshop(workshop)
    workshop.save()
    workshop.participant_organisations.set(participant_organisations)
    workshop.participants.set(participants)
    log_action(actor, "barriers.workshop.created", workshop)
    return workshop


@transaction.atomic
def update_workshop(
    actor, workshop: Workshop, *, participant_organisations=None, participants=None, **values
) -> Workshop:
    if not actor.has_perm("barriers.change_workshop", workshop):
        raise PermissionDenied
    _check_fields(values, WORKSHOP_FIELDS)
    values = {name: _text(value) if isinstance(value, str) else value for name, value in values.items()}
    changes = apply_changes(workshop, values, WORKSHOP_FIELDS, _validate_workshop)
    workshop.save()
    if participant_organisations is not None:
        workshop.participant_organisations.set(participant_organisations)
    if participants is not None:
        workshop.participants.set(participants)
    log_action(actor, "barriers.workshop.updated", workshop, changes=changes)
    return workshop


@transaction.atomic
def add_barrier_to_workshop(actor, workshop: Workshop, barrier: Barrier) -> WorkshopBarrier:
    """Put a barrier on the agenda; a triaged or answered barrier is then in dialogue."""
    if not actor.has_perm("barriers.change_workshop", workshop):
        raise PermissionDenied
    if barrier is None or not actor.has_perm("barriers.view_barrier", barrier):
        raise ValidationError({"barrier": _("Choose a barrier.")})
    barrier = Barrier.objects.select_for_update().get(pk=barrier.pk)
    if barrier.status in CLOSED_STATUSES:
        raise ValidationError({"barrier": _("The barrier is closed.")})
    if barrier.status == BarrierStatus.REPORTED:
        raise ValidationError({"barrier": _("Triage the barrier before putting it on a workshop's agenda.")})
    if WorkshopBarrier.objects.filter(workshop=workshop, barrier=barrier).exists():
        raise ValidationError({"barrier": _("The barrier is already on this workshop's agenda.")})
    position = workshop.items.count() + 1
    item = WorkshopBarrier.objects.create(workshop=workshop, barrier=barrier, position=position)
    log_action(actor, "barriers.workshop.barrier_added", workshop, data={"barrier": barrier.pk})
    if BarrierStatus.IN_DIALOGUE in TRANSITIONS[barrier.status]:
        _set_status(
            actor,
            barrier,
            BarrierStatus.IN_DIALOGUE,
            _("On the agenda of the dialogue workshop %(workshop)s.") % {"workshop": workshop.title},
        )
    return item


@transaction.atomic
def record_workshop_outcome(
    actor,
    item: WorkshopBarrier,
    *,
    recommendation: str = "",
    commitment: str = "",
    committed_by=None,
    follow_up_on=None,
) -> WorkshopBarrier:
    """What the workshop concluded about one barrier: a recommendation, who committed to what,
    and when to follow up."""
    if not actor.has_perm("barriers.change_workshop", item.workshop):
        raise PermissionDenied
    recommendation, commitment = _text(recommendation), _text(commitment)
    errors = {}
    if not recommendation and not commitment:
        errors["recommendation"] = _("Write the recommendation or the commitment the workshop agreed on.")
    if commitment and committed_by is None:
        errors["committed_by"] = _("Name the organisation that made the commitment.")
    if follow_up_on is not None and follow_up_on < item.workshop.starts_at.date():
        errors["follow_up_on"] = _("The follow-up cannot be before the workshop.")
    if errors:
        raise ValidationError(errors)
    item.recommendation = recommendation
    item.commitment = commitment
    item.committed_by = committed_by
    item.follow_up_on = follow_up_on
    item.outcome_recorded_at = timezone.now()
    item.full_clean(exclude=["workshop", "barrier", "committed_by"])
    item.save()
    data = {"workshop": item.workshop_id, "recommendation": recommendation, "commitment": commitment}
    log_action(actor, "barriers.workshop.outcome_recorded", item.workshop, data={"barrier": item.barrier_id})
    log_action(actor, "barriers.workshop.outcome_recorded", item.barrier, data=data)
    return item


# Subscriptions -----------------------------------------------------------------------------------


@transaction.atomic
def subscribe(actor, *, kind: str = "", authority=None) -> BarrierSubscription:
    """Follow new barriers of a kind, or barriers addressed to an authority (or both at once)."""
    if not actor.has_perm("barriers.add_barriersubscription"):
        raise PermissionDenied
    kind = kind or ""
    if kind and kind not in BarrierKind.values:
        raise ValidationError({"kind": _("Unknown kind of barrier.")})
    if not kind and authority is None:
        raise ValidationError({"kind": _("Choose a kind of barrier, an authority, or both.")})
    if BarrierSubscription.objects.filter(user=actor, kind=kind, authority=authority).exists():
        raise ValidationError({"kind": _("You already follow these barriers.")})
    # Subscriptions are personal settings, not shared content: they are not in the activity log.
    return BarrierSubscription.objects.create(user=actor, kind=kind, authority=authority)


@transaction.atomic
def unsubscribe(actor, subscription: BarrierSubscription) -> None:
    if not actor.has_perm("barriers.delete_barriersubscription", subscription):
        raise PermissionDenied
    subscription.delete()
