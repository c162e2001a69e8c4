"""Reports of user content and the fields that let moderators hide it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ReportReason(models.TextChoices):
    SPAM = "spam", _("spam or advertising")
    OFFENSIVE = "offensive", _("offensive or abusive")
    PERSONAL_DATA = "personal_data", _("reveals personal data")
    OFF_TOPIC = "off_topic", _("off-topic")
    OTHER = "other", _("something else")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("open")
    ACTIONED = "actioned", _("content hidden")
    DISMISSED = "dismissed", _("dismissed")


class ModeratableQuerySetMixin:
    """For querysets of moderatable content: `.not_hidden()` is what the public may see."""

    def not_hidden(self):
        return self.filter(is_hidden=False)


class Moderatable(models.Model):
    """Fields for content that moderators can hide. Register the model with
    `spira.core.moderation.register_moderatable` so that it can be reported."""

    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False, db_index=True)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def get_report_url(self) -> str:
        content_type = ContentType.objects.get_for_model(self)
        return reverse("core:report_content", args=[content_type.pk, self.pk])

    def get_moderation_url(self) -> str:
        content_type = ContentType.objects.get_for_model(self)
        return reverse("core:moderation_object", args=[content_type.pk, self.pk])


class ContentReportQuerySet(models.QuerySet):
    def open(self) -> "ContentReportQuerySet":
        return self.filter(status=ReportStatus.OPEN)

    def for_object(self, obj: models.Model) -> "ContentReportQuerySet":
        content_type = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=content_type, object_id=str(obj.pk))


class ContentReport(models.Model):
    """Someone (possibly anonymous) asks the moderators to look at a piece of content."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="content_reports",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN, db_index=True
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    decision_note = models.TextField(_("decision"), blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True, db_index=True)

    objects = ContentReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "status"], name="core_report_object_status")
        ]
        verbose_name = _("content report")
        verbose_name_plural = _("content reports")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.content_type_id}/{self.object_id})"
