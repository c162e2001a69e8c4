from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spira.barriers.choices import TEXT_MAX_LENGTH, AnswerDecision, EscalationState, Level
from spira.core.permissions import VisibleQuerySet


class EscalationQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Escalations are public whenever their barrier is (the duty to answer is public)."""
        from spira.barriers.models import Barrier

        return self.filter(barrier__in=Barrier.objects.visible_to(user).values("pk"))

    def open(self):
        return self.filter(state=EscalationState.OPEN)

    def overdue(self, today=None):
        return self.open().filter(deadline__lt=today or timezone.localdate())

    def addressed_to(self, organisations):
        return self.filter(addressed_to__in=organisations)


class EscalationAnswerQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Answers are public whenever their barrier is."""
        from spira.barriers.models import Barrier

        return self.filter(escalation__barrier__in=Barrier.objects.visible_to(user).values("pk"))


class Escalation(models.Model):
    """A barrier taken from one level to a named authority at a higher level, which must answer
    publicly by `deadline`. A redirecting answer closes this one and opens a `follow_up`."""

    barrier = models.ForeignKey(
        "barriers.Barrier", verbose_name=_("barrier"), on_delete=models.CASCADE, related_name="escalations"
    )
    from_level = models.CharField(_("from level"), max_length=10, choices=Level.choices)
    to_level = models.CharField(_("to level"), max_length=10, choices=Level.choices)
    addressed_to = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("addressed to"),
        on_delete=models.PROTECT,
        related_name="barrier_escalations",
    )
    message = models.TextField(_("message to the authority"), max_length=TEXT_MAX_LENGTH, blank=True)
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("escalated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    previous = models.OneToOneField(
        "self",
        verbose_name=_("re-addressed from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_up",
    )
    state = models.CharField(
        _("state"), max_length=12, choices=EscalationState.choices, default=EscalationState.OPEN
    )
    created_at = models.DateTimeField(_("escalated"), default=timezone.now)
    deadline = models.DateField(_("answer due"))

    objects = EscalationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        indexes = [
            models.Index(fields=["addressed_to", "state", "deadline"], name="escalation_inbox_idx"),
            models.Index(fields=["state", "deadline"], name="escalation_overdue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.barrier} → {self.addressed_to}"

    def get_absolute_url(self) -> str:
        return reverse("barriers:barrier_detail", kwargs={"pk": self.barrier_id}) + f"#escalation-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state == EscalationState.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline < timezone.localdate()


class EscalationAnswer(models.Model):
    """The addressed authority's public answer: accept, reject with reasons, or point onwards."""

    escalation = models.OneToOneField(
        Escalation, verbose_name=_("escalation"), on_delete=models.CASCADE, related_name="answer"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("answering organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision = models.CharField(_("decision"), max_length=10, choices=AnswerDecision.choices)
    text = models.TextField(_("answer"), max_length=TEXT_MAX_LENGTH)
    redirect_to = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("authority pointed to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("answered"), default=timezone.now)

    objects = EscalationAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_decision_display()}"
