from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spira.barriers.choices import SHORT_TEXT_MAX_LENGTH
from spira.core.models import Moderatable, ModeratableQuerySetMixin
from spira.core.permissions import VisibleQuerySet


class EndorsementQuerySet(ModeratableQuerySetMixin, VisibleQuerySet):
    def visible_to(self, user):
        """Endorsements of barriers the user may see, not hidden unless the user is a moderator
        or belongs to the endorsing organisation. Must agree with `barriers.view_endorsement`."""
        from spira.barriers.models import Barrier

        barriers = Barrier.objects.visible_to(user).values("pk")
        queryset = self.filter(barrier__in=barriers)
        if user is None or not user.is_authenticated:
            return queryset.not_hidden()
        if user.is_superuser or user.platform_role in {"moderator", "administrator"}:
            return queryset
        mine = user.memberships.values("organisation_id")
        return queryset.filter(Q(is_hidden=False) | Q(organisation__in=mine))


class Endorsement(Moderatable):
    """ "We have this too": another organisation's confirmation of a barrier, with its own case."""

    barrier = models.ForeignKey(
        "barriers.Barrier", verbose_name=_("barrier"), on_delete=models.CASCADE, related_name="endorsements"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="barrier_endorsements",
    )
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("endorsed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="barrier_endorsements",
    )
    case_description = models.TextField(
        _("our case"),
        max_length=SHORT_TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("Briefly: where the barrier stopped you."),
    )
    created_at = models.DateTimeField(_("endorsed"), default=timezone.now)

    objects = EndorsementQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(fields=["barrier", "organisation"], name="unique_barrier_endorsement")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.barrier}"

    def get_absolute_url(self) -> str:
        return self.barrier.get_absolute_url() + f"#endorsement-{self.pk}"
