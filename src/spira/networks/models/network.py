from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from spira.core.models import TimeStampedModel
from spira.core.permissions import PublicQuerySet, VisibleQuerySet
from spira.networks.choices import MemberRole, MembershipPlan, NetworkKind, PersonRole


class NetworkQuerySet(PublicQuerySet):
    def hubs(self):
        return self.filter(kind=NetworkKind.COWORKING_HUB)

    def programmes(self):
        return self.filter(kind=NetworkKind.PARTNERSHIP_PROGRAMME)


class Network(TimeStampedModel):
    """A network of organisations: an innovation platform, a coworking hub, a cluster, a
    partnership programme, a reference group or a national collaboration. Every network page is
    public; its members' area is for the members only."""

    kind = models.CharField(_("kind"), max_length=30, choices=NetworkKind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), max_length=20_000, blank=True)
    description_en = models.TextField(_("description in English"), max_length=20_000, blank=True)
    coordinator = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("coordinating organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_networks",
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    open_to_join = models.BooleanField(
        _("organisations may join themselves"),
        default=False,
        help_text=_("Administrators of an organisation can make it a member without asking."),
    )
    # The hub's member-driven activities are events of this series (spira.events).
    event_series = models.ForeignKey(
        "events.EventSeries",
        verbose_name=_("series of member activities"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="networks",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        indexes = [models.Index(fields=["kind", "name"], name="network_kind_name_idx")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if (get_language() or "sv").startswith("en") and self.name_en:
            return self.name_en
        return self.name

    @property
    def display_description(self) -> str:
        if (get_language() or "sv").startswith("en") and self.description_en:
            return self.description_en
        return self.description

    @property
    def is_hub(self) -> bool:
        return self.kind == NetworkKind.COWORKING_HUB

    @property
    def is_programme(self) -> bool:
        return self.kind == NetworkKind.PARTNERSHIP_PROGRAMME

    def get_absolute_url(self) -> str:
        return reverse("networks:network_detail", kwargs={"slug": self.slug})


def current_q(prefix: str = "", today=None) -> Q:
    """Memberships whose period includes today (open ends count as current)."""
    today = today or timezone.localdate()
    return (Q(**{f"{prefix}starts_on__isnull": True}) | Q(**{f"{prefix}starts_on__lte": today})) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": today})
    )


class NetworkMembershipQuerySet(PublicQuerySet):
    def current(self, today=None):
        return self.filter(current_q(today=today))


class NetworkMembership(TimeStampedModel):
    """An organisation, or another network, is a member of a network in a role for a period."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="network_memberships",
    )
    member_network = models.ForeignKey(
        Network,
        verbose_name=_("member network"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships_in",
    )
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    plan = models.CharField(
        _("membership plan"), max_length=20, choices=MembershipPlan.choices, default="", blank=True
    )
    cluster = models.ForeignKey(
        "networks.ProgrammeCluster",
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    starts_on = models.DateField(_("member from"), null=True, blank=True)
    ends_on = models.DateField(_("member until"), null=True, blank=True)

    objects = NetworkMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["network", "pk"]
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, member_network__isnull=True)
                | Q(organisation__isnull=True, member_network__isnull=False),
                name="network_membership_one_member",
            ),
            models.UniqueConstraint(fields=["network", "organisation"], name="unique_network_organisation"),
            models.UniqueConstraint(
                fields=["network", "member_network"], name="unique_network_member_network"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="network_membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.network}"

    @property
    def member(self):
        return self.organisation if self.organisation_id else self.member_network

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return (self.starts_on is None or self.starts_on <= today) and (
            self.ends_on is None or self.ends_on >= today
        )


class NetworkPerson(TimeStampedModel):
    """A person with a role in the network itself: administrator, community manager, contact."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="people"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="network_roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=PersonRole.choices)
    title = models.CharField(_("title"), max_length=150, blank=True)

    class Meta:
        ordering = ["network", "role", "pk"]
        verbose_name = _("network person")
        verbose_name_plural = _("network people")
        constraints = [
            models.UniqueConstraint(fields=["network", "user", "role"], name="unique_network_person_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class MembersOnlyQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Only for the network's members and managers; agrees with `networks.view_members_area`."""
        from spira.networks.queries import networks_of_user

        if not user or not user.is_authenticated:
            return self.none()
        if user.is_platform_admin:
            return self.all()
        return self.filter(network_id__in=networks_of_user(user))


class NetworkPost(TimeStampedModel):
    """A post in the members' area: news, a question, a summary of a meeting."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=20_000)

    objects = MembersOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("members' post")
        verbose_name_plural = _("members' posts")

    def __str__(self) -> str:
        return self.title


class NetworkDocument(TimeStampedModel):
    """A document shared with the members: a link to where it is kept, with a description."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="documents"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500)
    description = models.TextField(_("description"), max_length=2_000, blank=True)

    objects = MembersOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("members' document")
        verbose_name_plural = _("members' documents")

    def __str__(self) -> str:
        return self.title
