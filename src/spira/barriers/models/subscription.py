from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from spira.barriers.choices import BarrierKind
from spira.core.permissions import VisibleQuerySet


class BarrierSubscriptionQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Only one's own subscriptions. Must agree with `barriers.view_barriersubscription`."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class BarrierSubscription(models.Model):
    """Tell me about new barriers of a kind, or barriers addressed to an authority."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="barrier_subscriptions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BarrierKind.choices, blank=True)
    authority = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("authority"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="barrier_subscriptions",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = BarrierSubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("barrier subscription")
        verbose_name_plural = _("barrier subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=models.Q(authority__isnull=True),
                name="unique_barrier_subscription_kind",
            ),
            models.UniqueConstraint(
                fields=["user", "authority", "kind"],
                condition=models.Q(authority__isnull=False),
                name="unique_barrier_subscription_authority",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="") | models.Q(authority__isnull=False),
                name="barrier_subscription_has_topic",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display() or self.authority}"
