from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from spira.core.models import TimeStampedModel
from spira.organisations.choices import MembershipRole


class Membership(TimeStampedModel):
    """A user's role in an organisation; roles carry the rights in that organisation's content."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    title = models.CharField(_("job title"), max_length=150, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"
