from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spira.ideas.choices import COMMENT_MAX_LENGTH, SCORE_MAX, SCORE_MIN


class ReviewRound(models.Model):
    """Reviewers assigned to score an idea in one stage; the round's combined score is 0–100."""

    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="review_rounds")
    stage = models.ForeignKey(
        "ideas.Stage", verbose_name=_("stage"), on_delete=models.PROTECT, related_name="+"
    )
    is_anonymous = models.BooleanField(_("anonymous reviewing"), default=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    score = models.FloatField(_("score (0–100)"), null=True, blank=True)

    class Meta:
        ordering = ["opened_at", "id"]
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")

    def __str__(self) -> str:
        return f"{self.idea_id} / {self.stage_id}"


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Reviewers see their own reviews, moderators all; coordinators read them on the idea's
        page. Must agree with `ideas.view_review` in rules.py."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser or user.platform_role in {"moderator", "administrator"}:
            return self.all()
        return self.filter(reviewer=user)


class Review(models.Model):
    """One reviewer's scores in a round (assigned until submitted)."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="idea_reviews",
    )
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["round", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "reviewer"], name="unique_review_per_round")]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.round_id} / {self.reviewer_id}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("ideas:review_form", kwargs={"pk": self.pk})


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("ideas.Criterion", on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="unique_score_per_criterion"),
            models.CheckConstraint(
                condition=models.Q(value__gte=SCORE_MIN, value__lte=SCORE_MAX), name="score_between_1_and_5"
            ),
        ]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"
