from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from spira.barriers.choices import SHORT_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH
from spira.core.models import TimeStampedModel
from spira.core.permissions import PublicQuerySet


class Workshop(TimeStampedModel):
    """A dialogue workshop (dialogverkstad): several barriers, the actors holding the mandate,
    an agenda, and an outcome per barrier."""

    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    organiser = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="barrier_workshops_organised",
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=300, blank=True)
    agenda = models.TextField(_("agenda"), max_length=TEXT_MAX_LENGTH, blank=True)
    participant_organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("participating organisations"),
        blank=True,
        related_name="barrier_workshops",
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("participants"), blank=True, related_name="barrier_workshops"
    )
    barriers = models.ManyToManyField(
        "barriers.Barrier", through="WorkshopBarrier", blank=True, related_name="workshops"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("dialogue workshop")
        verbose_name_plural = _("dialogue workshops")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("barriers:workshop_detail", kwargs={"pk": self.pk})


class WorkshopBarrier(models.Model):
    """A barrier on a workshop's agenda and what the workshop concluded about it."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="items")
    barrier = models.ForeignKey("barriers.Barrier", on_delete=models.CASCADE, related_name="workshop_items")
    position = models.PositiveSmallIntegerField(_("order on the agenda"), default=0)
    recommendation = models.TextField(_("recommendation"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    commitment = models.TextField(_("commitment"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    committed_by = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("committed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    outcome_recorded_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("workshop item")
        verbose_name_plural = _("workshop items")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "barrier"], name="unique_workshop_barrier")
        ]

    def __str__(self) -> str:
        return f"{self.workshop} – {self.barrier}"

    @property
    def has_outcome(self) -> bool:
        return self.outcome_recorded_at is not None
