from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from spira.core.models import TimeStampedModel
from spira.initiatives.choices import Origin


class ImportRun(TimeStampedModel):
    """One run of an importer: what was read, its progress, and the outcome per record."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        FINISHED = "finished", _("finished")
        FAILED = "failed", _("failed")

    origin = models.CharField(_("format"), max_length=20, choices=Origin.choices)
    file_name = models.CharField(_("file"), max_length=300)
    file = models.FileField(_("uploaded file"), upload_to="imports/", blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("records"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    failed_count = models.PositiveIntegerField(_("failed"), default=0)
    failures = models.JSONField(_("failed records"), default=list, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self) -> str:
        return f"{self.get_origin_display()}: {self.file_name}"

    @property
    def progress_percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 0
