"""Notifications to people and their choices of how often to hear about each kind."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# A preference with this kind applies to every kind the person has not chosen for explicitly
# (written by "unsubscribe from everything", so that kinds added later stay quiet too).
ALL_KINDS = "*"


class NotificationFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("at once by e-mail")
    DAILY = "daily", _("in a daily summary")
    WEEKLY = "weekly", _("in a weekly summary")
    OFF = "off", _("never")


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user) -> "NotificationQuerySet":
        if not user or not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)

    def unread_first(self) -> "NotificationQuerySet":
        unread = models.Case(models.When(read_at__isnull=True, then=0), default=1)
        return self.order_by(unread, "-created_at", "-id")


class Notification(models.Model):
    """Something that happened which one person should know about.

    Title and body are stored in the recipient's language at the time of notifying. The e-mail
    columns record delivery, so that sending is safe to repeat.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=100)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caused by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    digest_sent_at = models.DateTimeField(_("sent in a summary"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="core_notif_recipient_read"),
            models.Index(fields=["recipient", "-created_at"], name="core_notif_recipient_created"),
            models.Index(
                fields=["recipient", "kind"],
                name="core_notif_undelivered",
                condition=models.Q(emailed_at__isnull=True, digest_sent_at__isnull=True),
            ),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """How often one person wants to hear about one kind of notification. No row: the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=100)
    frequency = models.CharField(_("frequency"), max_length=10, choices=NotificationFrequency.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="core_notification_pref_unique")]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user} {self.kind}: {self.frequency}"
