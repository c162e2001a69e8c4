"""Evaluation: review rounds per stage, reviewers' scores 1–5 on weighted criteria, and the
combined 0–100 score."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spira.core.activity import log_action
from spira.core.notifications import notify
from spira.ideas import notifications as kinds
from spira.ideas.choices import COMMENT_MAX_LENGTH, SCORE_MAX, SCORE_MIN
from spira.ideas.models import Idea, Review, ReviewRound, Score
from spira.ideas.services.common import check_length, text

MAX_REVIEWERS = 20


def combined_score(reviews_scores: list[dict[int, int]], weights: dict[int, int]) -> float | None:
    """0–100: each review's weighted mean of (score − 1) / 4, averaged over the reviews."""
    total_weight = sum(weights.values())
    if not reviews_scores or not total_weight:
        return None
    per_review = [
        sum(
            weights[c] * (value - SCORE_MIN) / (SCORE_MAX - SCORE_MIN)
            for c, value in scores.items()
            if c in weights
        )
        / total_weight
        for scores in reviews_scores
    ]
    return round(100 * sum(per_review) / len(per_review), 1)


@transaction.atomic
def open_review_round(actor, idea: Idea, reviewers, anonymous: bool | None = None) -> ReviewRound:
    """Ask `reviewers` to score the idea in its current stage. Anonymous rounds hide the
    reviewers from each other and the submitter from the reviewers (default: the sluice's)."""
    if not actor.has_perm("ideas.review_idea", idea):
        raise PermissionDenied
    reviewers = list(dict.fromkeys(reviewers or []))
    errors: dict[str, str] = {}
    if not reviewers:
        errors["reviewers"] = _("Choose at least one reviewer.")
    elif len(reviewers) > MAX_REVIEWERS:
        errors["reviewers"] = _("Choose at most %(count)d reviewers.") % {"count": MAX_REVIEWERS}
    elif any(r.pk == idea.submitter_id for r in reviewers):
        errors["reviewers"] = _("The person who handed in the idea cannot review it.")
    elif any(not r.is_active for r in reviewers):
        errors["reviewers"] = _("Choose active accounts as reviewers.")
    if idea.closed_at is not None:
        errors["__all__"] = _("A closed idea cannot be reviewed.")
    if not idea.sluice.criteria.exists():
        errors["__all__"] = _("The sluice has no evaluation criteria yet.")
    if anonymous is not None and not isinstance(anonymous, bool):
        errors["anonymous"] = _("Give yes or no.")
    if errors:
        raise ValidationError(errors)
    round_ = ReviewRound.objects.create(
        idea=idea,
        stage_id=idea.stage_id,
        is_anonymous=idea.sluice.anonymous_reviews if anonymous is None else anonymous,
        opened_by=actor,
    )
    Review.objects.bulk_create([Review(round=round_, reviewer=r) for r in reviewers])
    log_action(
        actor, "ideas.idea.review_round_opened", idea, data={"round": round_.pk, "reviewers": len(reviewers)}
    )
    notify(
        reviewers,
        kinds.REVIEW_REQUESTED,
        format_lazy(gettext_lazy("Please score the idea “{title}”"), title=idea.title[:150]),
        "",
        idea.get_absolute_url(),
        actor=actor,
    )
    return round_


def _clean_scores(review: Review, scores: dict) -> dict[int, int]:
    criteria = {c.pk: c for c in review.round.idea.sluice.criteria.all()}
    errors: dict[str, str] = {}
    cleaned: dict[int, int] = {}
    for key, value in (scores or {}).items():
        try:
            criterion_id = int(key)
        except (TypeError, ValueError):
            criterion_id = None
        if criterion_id not in criteria:
            errors[f"score_{key}"] = _("Unknown criterion.")
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not SCORE_MIN <= value <= SCORE_MAX:
            errors[f"score_{criterion_id}"] = _("Give a whole number from %(min)d to %(max)d.") % {
                "min": SCORE_MIN,
                "max": SCORE_MAX,
            }
            continue
        cleaned[criterion_id] = value
    for criterion_id in criteria:
        if criterion_id not in cleaned and f"score_{criterion_id}" not in errors:
            errors[f"score_{criterion_id}"] = _("Score every criterion.")
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def submit_review(actor, review: Review, scores: dict, comment: str = "") -> Review:
    """Save the reviewer's scores (1–5 per criterion) and update the combined score of the round
    and the idea. A review can be changed until the idea leaves the round's stage."""
    if not actor.has_perm("ideas.change_review", review):
        raise PermissionDenied
    review = Review.objects.select_for_update().select_related("round__idea__sluice").get(pk=review.pk)
    idea = review.round.idea
    if idea.stage_id != review.round.stage_id or idea.closed_at is not None:
        raise ValidationError({"__all__": _("This review round has ended: the idea has moved on.")})
    cleaned = _clean_scores(review, scores)
    comment = text(comment)
    errors: dict[str, str] = {}
    check_length(errors, "comment", comment, COMMENT_MAX_LENGTH)
    if errors:
        raise ValidationError(errors)
    review.scores.all().delete()
    Score.objects.bulk_create([Score(review=review, criterion_id=c, value=v) for c, v in cleaned.items()])
    review.comment = comment
    review.submitted_at = timezone.now()
    review.save(update_fields=["comment", "submitted_at"])
    _update_scores(review.round)
    log_action(actor, "ideas.idea.reviewed", idea, data={"round": review.round_id})
    return review


def _update_scores(round_: ReviewRound) -> None:
    weights = dict(round_.idea.sluice.criteria.values_list("pk", "weight"))
    by_review: dict[int, dict[int, int]] = {}
    for review_id, criterion_id, value in Score.objects.filter(
        review__round=round_, review__submitted_at__isnull=False
    ).values_list("review_id", "criterion_id", "value"):
        by_review.setdefault(review_id, {})[criterion_id] = value
    score = combined_score(list(by_review.values()), weights)
    ReviewRound.objects.filter(pk=round_.pk).update(score=score)
    Idea.objects.filter(pk=round_.idea_id).update(score=score)
    round_.score = score


def reviewers_for(sluice):
    """People who may be asked to review: the organisation's members and the named coordinators."""
    from django.db.models import Q

    return (
        get_user_model()
        .objects.filter(
            Q(memberships__organisation_id=sluice.organisation_id) | Q(coordinated_sluices=sluice),
            is_active=True,
        )
        .distinct()
        .order_by("display_name", "email")
    )
