from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spira.core.models import Moderatable, ModeratableQuerySetMixin, TimeStampedModel
from spira.core.permissions import VisibleQuerySet
from spira.ideas.choices import (
    COMMENT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    CommentVisibility,
    Language,
    Origin,
    StageType,
    Theme,
)


def _is_moderator(user) -> bool:
    return bool(user.is_superuser or user.platform_role in {"moderator", "administrator"})


def coordinated_sluices_q(user, prefix: str = "") -> Q:
    """Sluices the user coordinates: named coordinator, or coordinator/admin of the organisation."""
    from spira.organisations.models import Membership

    orgs = Membership.objects.filter(user=user, role__in=["coordinator", "admin"]).values("organisation_id")
    named = user.coordinated_sluices.values("pk")
    return Q(**{f"{prefix}organisation__in": orgs}) | Q(**{f"{prefix}pk__in": named})


class IdeaQuerySet(ModeratableQuerySetMixin, VisibleQuerySet):
    def public(self):
        return self.filter(is_public=True, is_hidden=False)

    def visible_to(self, user):
        """Public, not hidden ideas for everyone; all ideas of their sluices for coordinators;
        their own for submitters, coaches and reviewers; all for moderators. Must agree with
        `ideas.view_idea` in rules.py."""
        if user is None or not user.is_authenticated:
            return self.public()
        if _is_moderator(user):
            return self.all()
        from spira.ideas.models import Review, Sluice

        sluices = Sluice.objects.filter(coordinated_sluices_q(user)).values("pk")
        reviewed = Review.objects.filter(round__idea=OuterRef("pk"), reviewer=user)
        return self.filter(
            Q(is_public=True, is_hidden=False)
            | Q(sluice__in=sluices)
            | Q(submitter=user)
            | Q(coach=user)
            | Exists(reviewed)
        )


class Idea(Moderatable, TimeStampedModel):
    """An idea handed in to a sluice by a resident or a co-worker.

    `stage`, `stage_entered_at`, `closed_at`, `answered_at`, `support_count` and `score` are kept
    by the services; the stage history is in StageLog.
    """

    sluice = models.ForeignKey(
        "ideas.Sluice", verbose_name=_("sluice"), on_delete=models.CASCADE, related_name="ideas"
    )
    challenge = models.ForeignKey(
        "ideas.Challenge",
        verbose_name=_("challenge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
    )
    stage = models.ForeignKey(
        "ideas.Stage", verbose_name=_("stage"), on_delete=models.PROTECT, related_name="ideas"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    need = models.TextField(
        _("need or problem"),
        max_length=TEXT_MAX_LENGTH,
        help_text=_("What need or problem does the idea answer?"),
    )
    description = models.TextField(_("the idea"), max_length=TEXT_MAX_LENGTH)
    beneficiaries = models.TextField(_("who benefits"), max_length=2000, blank=True)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, default=Theme.OTHER)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.SWEDISH
    )
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, db_index=True)
    is_public = models.BooleanField(_("shown publicly"), default=True)
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas_submitted",
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    follow_token = models.CharField(max_length=64, unique=True, editable=False)
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas_coached",
    )
    public_answer = models.TextField(_("public answer"), blank=True)
    submitted_at = models.DateTimeField(_("handed in"), default=timezone.now)
    stage_entered_at = models.DateTimeField(_("in this stage since"), default=timezone.now)
    first_answer_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_ideas",
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative in the case library"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
    )
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    score = models.FloatField(_("score (0–100)"), null=True, blank=True)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [
            # The board numbers each stage's ideas newest first from this index alone.
            models.Index(fields=["sluice", "stage", "-submitted_at", "-id"], name="idea_board_page_idx"),
            models.Index(fields=["sluice", "-submitted_at"], name="idea_sluice_idx"),
            # The state analytics are cached under: a sluice's number of ideas and last change.
            models.Index(fields=["sluice", "updated_at"], name="idea_sluice_changed_idx"),
            models.Index(fields=["closed_at"], name="idea_closed_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:idea_detail", kwargs={"pk": self.pk})

    def get_follow_url(self) -> str:
        return reverse("ideas:idea_follow", kwargs={"token": self.follow_token})

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class StageLog(models.Model):
    """One stay of an idea in a stage: when it came, when it left, who moved it and the answer
    given. The stage types are copied so that analytics need no joins."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="stage_logs")
    sluice = models.ForeignKey("ideas.Sluice", on_delete=models.CASCADE, related_name="+")
    stage = models.ForeignKey(
        "ideas.Stage", verbose_name=_("stage"), on_delete=models.PROTECT, related_name="+"
    )
    stage_type = models.CharField(_("stage type"), max_length=20, choices=StageType.choices)
    from_stage_type = models.CharField(
        _("from stage type"), max_length=20, choices=StageType.choices, blank=True
    )
    entered_at = models.DateTimeField(_("entered"), default=timezone.now)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["entered_at", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        indexes = [
            models.Index(fields=["sluice", "stage_type"], name="stagelog_sluice_type_idx"),
            models.Index(fields=["stage_type"], name="stagelog_type_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.stage_type}"


class CommentQuerySet(ModeratableQuerySetMixin, models.QuerySet):
    pass


class Comment(Moderatable, TimeStampedModel):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    visibility = models.CharField(
        _("who sees it"), max_length=10, choices=CommentVisibility.choices, default=CommentVisibility.PUBLIC
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:60]

    def get_absolute_url(self) -> str:
        return self.idea.get_absolute_url()


class Support(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_supports")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="unique_idea_support")]
        verbose_name = _("support")
        verbose_name_plural = _("supports")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.idea_id}"


class Follow(models.Model):
    """Someone who hears about every step of an idea (immediately or in the weekly digest, as
    they chose for the notification kind `ideas.stage_changed`)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="unique_idea_follow")]
        verbose_name = _("follower")
        verbose_name_plural = _("followers")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.idea_id}"
