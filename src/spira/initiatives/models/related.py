import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from spira.core.models import TimeStampedModel
from spira.initiatives.choices import OrganisationRole


class InitiativeOrganisation(models.Model):
    """An organisation's part in an initiative besides coordinating it: partner, funder, beneficiary."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="participations"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="initiative_participations"
    )
    role = models.CharField(_("role"), max_length=20, choices=OrganisationRole.choices)

    class Meta:
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organisation", "role"], name="unique_initiative_org_role"
            )
        ]
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class InitiativeLink(models.Model):
    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("address"), max_length=500)
    title = models.CharField(_("title"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.title or self.url


class InitiativeRevision(models.Model):
    """A snapshot of an initiative's content after each edit; consecutive ones give the visible diff."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("revision"))
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(_("content"))
    changed_fields = models.JSONField(_("changed fields"), default=list)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "number"], name="unique_initiative_revision")
        ]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.initiative} #{self.number}"


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


class CoAuthorInvitation(TimeStampedModel):
    """An invitation by e-mail to write an initiative together; accepted by following the link."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("co-author invitation")
        verbose_name_plural = _("co-author invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.initiative}"
