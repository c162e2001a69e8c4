from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spira.barriers.choices import (
    SHORT_TEXT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    BarrierKind,
    BarrierStatus,
    Level,
)
from spira.core.models import Moderatable, ModeratableQuerySetMixin, TimeStampedModel
from spira.core.permissions import VisibleQuerySet


class BarrierQuerySet(ModeratableQuerySetMixin, VisibleQuerySet):
    def visible_to(self, user):
        """Everything a moderator has not hidden; hidden barriers only for moderators and the
        reporting organisation's members. Must agree with `barriers.view_barrier` in rules.py."""
        if user is None or not user.is_authenticated:
            return self.not_hidden()
        if user.is_superuser or user.platform_role in {"moderator", "administrator"}:
            return self.all()
        mine = user.memberships.values("organisation_id")
        return self.filter(Q(is_hidden=False) | Q(reporter_organisation__in=mine))

    def overdue(self, today=None):
        return self.filter(answer_due__lt=today or timezone.localdate())


class Barrier(Moderatable, TimeStampedModel):
    """A system barrier: an obstacle to change that the reporting organisation cannot remove alone.

    `current_level` is where the barrier is being handled now (the reporter's own level until it
    is escalated); `mandate_level` is where the reporter says the power to change it lies.
    `affected_organisations`, `affected_population` and `answer_due` are kept by the services
    so that the register can sort and filter on them without joins.
    """

    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    description = models.TextField(_("description"), max_length=TEXT_MAX_LENGTH)
    case_description = models.TextField(
        _("the concrete case"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("Where and how the barrier stopped or slowed you down."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BarrierKind.choices, db_index=True)
    mandate_level = models.CharField(
        _("level holding the mandate"), max_length=10, choices=Level.choices, db_index=True
    )
    current_level = models.CharField(
        _("level handling it now"), max_length=10, choices=Level.choices, default=Level.LOCAL
    )
    authority = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("responsible authority"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="barriers_held",
    )
    legal_reference = models.CharField(
        _("legal reference"),
        max_length=300,
        blank=True,
        help_text=_("Where a law or regulation applies, e.g. 4 kap. 1 § LOU."),
    )
    consequences = models.TextField(_("consequences"), max_length=TEXT_MAX_LENGTH, blank=True)
    proposed_change = models.TextField(_("proposed change"), max_length=TEXT_MAX_LENGTH, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=BarrierStatus.choices, default=BarrierStatus.REPORTED
    )
    reporter_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("reported by organisation"),
        on_delete=models.PROTECT,
        related_name="barriers_reported",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="barriers_reported",
    )
    reported_at = models.DateTimeField(_("reported"), default=timezone.now)
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        verbose_name=_("initiatives where it bit"),
        through="BarrierInitiative",
        blank=True,
        related_name="barriers",
    )
    affected_organisations = models.PositiveIntegerField(_("organisations affected"), default=1)
    affected_population = models.PositiveBigIntegerField(_("population served"), default=0)
    answer_due = models.DateField(_("answer due"), null=True, blank=True)

    objects = BarrierQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("barrier")
        verbose_name_plural = _("barriers")
        indexes = [
            models.Index(fields=["-reported_at", "-id"], name="barrier_reported_idx"),
            models.Index(fields=["kind", "mandate_level", "-reported_at"], name="barrier_kind_level_idx"),
            models.Index(fields=["status", "-reported_at"], name="barrier_status_idx"),
            models.Index(fields=["authority", "-reported_at"], name="barrier_authority_idx"),
            models.Index(fields=["answer_due"], name="barrier_answer_due_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("barriers:barrier_detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status in {BarrierStatus.RESOLVED, BarrierStatus.CLOSED_UNRESOLVED}

    @property
    def is_overdue(self) -> bool:
        return self.answer_due is not None and self.answer_due < timezone.localdate()


class BarrierInitiative(models.Model):
    """A case where the barrier bit. Ideas will link the same way once the ideas app exists
    (a sibling through-model), so that a barrier can point to both."""

    barrier = models.ForeignKey(Barrier, on_delete=models.CASCADE, related_name="initiative_links")
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="barrier_links"
    )
    note = models.CharField(_("how it bit here"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["barrier", "initiative"], name="unique_barrier_initiative")
        ]
        verbose_name = _("initiative link")
        verbose_name_plural = _("initiative links")

    def __str__(self) -> str:
        return f"{self.barrier_id} – {self.initiative_id}"


class StatusChange(models.Model):
    """One move of a barrier's status with its reason: the public trail of the barrier."""

    barrier = models.ForeignKey(Barrier, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=BarrierStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=BarrierStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.barrier_id}: {self.from_status} → {self.to_status}"
