from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from spira.core.models import Moderatable, ModeratableQuerySetMixin, TimeStampedModel
from spira.core.permissions import VisibleQuerySet
from spira.knowledge.choices import (
    Adaptability,
    Discipline,
    InitiativeRelation,
    IntendedUser,
    Language,
    Licence,
    ResourceFormat,
    ResourceType,
)


class KnowledgeResourceQuerySet(ModeratableQuerySetMixin, VisibleQuerySet):
    def visible_to(self, user):
        """Everything not hidden by a moderator; hidden ones for whoever added them and for
        moderators. Agrees with `knowledge.view_knowledgeresource`."""
        if not user or not user.is_authenticated:
            return self.not_hidden()
        if user.is_moderator:
            return self.all()
        return self.filter(Q(is_hidden=False) | Q(created_by=user))


class KnowledgeResource(Moderatable, TimeStampedModel):
    """A method, toolkit, playbook, guide, report, research finding or film, described like OPSI's
    Toolkit Navigator and linked to the initiatives that used it and the networks that made it."""

    type = models.CharField(_("type"), max_length=20, choices=ResourceType.choices)
    title = models.CharField(_("title"), max_length=250)
    title_en = models.CharField(_("title in English"), max_length=250, blank=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    summary = models.TextField(_("summary"), max_length=1_000)
    summary_en = models.TextField(_("summary in English"), max_length=1_000, blank=True)
    description = models.TextField(_("description"), max_length=20_000, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.SWEDISH
    )
    publisher = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("publisher"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_resources",
    )
    publisher_name = models.CharField(_("publisher (if not on Spira)"), max_length=200, blank=True)
    discipline = models.CharField(_("discipline or practice"), max_length=30, choices=Discipline.choices)
    intended_user = models.CharField(_("intended user"), max_length=30, choices=IntendedUser.choices)
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices, default=Licence.UNKNOWN)
    country = models.CharField(
        _("country"), max_length=2, default="SE", help_text=_("Two-letter country code, e.g. SE.")
    )
    format = models.CharField(_("format"), max_length=20, choices=ResourceFormat.choices)
    adaptability = models.CharField(_("how adaptable"), max_length=20, choices=Adaptability.choices)
    url = models.URLField(_("link"), max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    research_theme = models.CharField(
        _("research theme"),
        max_length=150,
        blank=True,
        help_text=_("For research findings, e.g. gender equality."),
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        through="knowledge.ResourceInitiative",
        verbose_name=_("initiatives"),
        blank=True,
        related_name="knowledge_resources",
    )
    networks = models.ManyToManyField(
        "networks.Network", verbose_name=_("made by networks"), blank=True, related_name="knowledge_resources"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    use_count = models.PositiveIntegerField(_("used by"), default=0, editable=False)
    review_count = models.PositiveIntegerField(_("reviews"), default=0, editable=False)

    objects = KnowledgeResourceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("knowledge resource")
        verbose_name_plural = _("knowledge resources")
        indexes = [
            models.Index(fields=["type", "title"], name="knowledge_type_title_idx"),
            models.Index(fields=["is_hidden", "title"], name="knowledge_hidden_title_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(country__regex=r"^[A-Z]{2}$"), name="knowledge_country_code")
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title_en if (get_language() or "sv").startswith("en") and self.title_en else self.title

    @property
    def display_summary(self) -> str:
        return (
            self.summary_en if (get_language() or "sv").startswith("en") and self.summary_en else self.summary
        )

    @property
    def publisher_display(self) -> str:
        return self.publisher.display_name if self.publisher_id else self.publisher_name

    def get_absolute_url(self) -> str:
        return reverse("knowledge:resource_detail", kwargs={"slug": self.slug})


class ResourceInitiative(models.Model):
    """An initiative that used, produced or was studied by a resource."""

    resource = models.ForeignKey(KnowledgeResource, on_delete=models.CASCADE, related_name="initiative_links")
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="knowledge_links",
    )
    relation = models.CharField(
        _("relation"), max_length=20, choices=InitiativeRelation.choices, default=InitiativeRelation.USED
    )

    class Meta:
        ordering = ["resource", "relation", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "initiative", "relation"], name="unique_resource_initiative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.relation} {self.resource_id}"


class ResourceUse(TimeStampedModel):
    """ "I have used this": one person's mark on a resource, possibly for an organisation."""

    resource = models.ForeignKey(KnowledgeResource, on_delete=models.CASCADE, related_name="uses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="knowledge_uses"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["resource", "user"], name="unique_resource_use")]

    def __str__(self) -> str:
        return f"{self.user_id} used {self.resource_id}"


class ReviewQuerySet(ModeratableQuerySetMixin, VisibleQuerySet):
    def visible_to(self, user):
        """Agrees with `knowledge.view_review`: not hidden, or one's own, or for moderators."""
        if not user or not user.is_authenticated:
            return self.not_hidden()
        if user.is_moderator:
            return self.all()
        return self.filter(Q(is_hidden=False) | Q(author=user))


class Review(Moderatable, TimeStampedModel):
    """A user's review of a resource: what it is good at and where it falls short."""

    resource = models.ForeignKey(
        KnowledgeResource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="reviews"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_reviews",
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    strengths = models.TextField(_("strengths"), max_length=3_000)
    limitations = models.TextField(_("limitations"), max_length=3_000, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.SWEDISH
    )

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["resource", "author"], name="unique_resource_review"),
            models.CheckConstraint(condition=Q(rating__gte=1) & Q(rating__lte=5), name="review_rating_range"),
        ]

    def __str__(self) -> str:
        return f"{self.resource} ({self.rating}/5)"
