import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from spira.core.models import TimeStampedModel
from spira.core.permissions import VisibleQuerySet
from spira.events.choices import ACTIVE_REGISTRATION_STATUSES, RegistrationStatus


def new_secret() -> str:
    return secrets.token_urlsafe(16)


class RegistrationQuerySet(VisibleQuerySet):
    def visible_to(self, user) -> "RegistrationQuerySet":
        """One's own registrations, and those of activities one manages. Agrees with the rule
        `events.view_registration`."""
        from spira.events.models.activity import managed_organisation_ids

        if not user or not user.is_authenticated:
            return self.none()
        if user.is_platform_admin:
            return self.all()
        return self.filter(
            Q(user=user)
            | Q(activity__proposed_by=user)
            | Q(activity__organiser_id__in=managed_organisation_ids(user))
        )

    def own(self, user) -> "RegistrationQuerySet":
        if not user or not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def active(self) -> "RegistrationQuerySet":
        return self.filter(status__in=ACTIVE_REGISTRATION_STATUSES)


class Registration(TimeStampedModel):
    """A person's place at an activity: confirmed, on the waiting list or awaiting approval.

    People with an account register as themselves; visitors without one give a name and an
    e-mail address. Everything here is personal data, deleted some time after the activity
    (`SPIRA_EVENTS_RETENTION_DAYS`).
    """

    activity = models.ForeignKey(
        "events.Activity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    # The waiting list is first come, first served by this time (then by id).
    queued_at = models.DateTimeField(_("registered"), auto_now_add=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Part of the signed cancellation link, so that a link stops working once used and
    # links to other registrations cannot be guessed from one's own.
    secret = models.CharField(max_length=32, default=new_secret, editable=False)
    language = models.CharField(_("language"), max_length=2, default="sv")

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["queued_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [
            models.Index(fields=["activity", "status", "queued_at"], name="events_reg_activity_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "user"],
                condition=Q(status__in=ACTIVE_REGISTRATION_STATUSES, user__isnull=False),
                name="events_one_active_registration_per_user",
            ),
            models.UniqueConstraint(
                fields=["activity", "email"],
                condition=Q(status__in=ACTIVE_REGISTRATION_STATUSES),
                name="events_one_active_registration_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.activity} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_REGISTRATION_STATUSES


class CalendarFeedToken(TimeStampedModel):
    """The secret in a person's private calendar URL (their registrations as an iCalendar feed)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_calendar_token"
    )
    key = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return f"{self.user} ({self.key[:6]}…)"

    @staticmethod
    def generate_key() -> str:
        return secrets.token_urlsafe(32)
