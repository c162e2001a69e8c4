from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityLogQuerySet(models.QuerySet):
    def for_object(self, obj: models.Model) -> "ActivityLogQuerySet":
        content_type = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=content_type, object_id=str(obj.pk))


class ActivityLogEntry(models.Model):
    """One change to shared content: who, when, what (a namespaced action code) and which fields.

    Entries are public records and are never edited; when a person is erased the actor is set to
    null and the entry stays.
    """

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activity_log_entries",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=300)
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = ActivityLogQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-timestamp"])]
        verbose_name = _("activity log entry")
        verbose_name_plural = _("activity log entries")

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"
