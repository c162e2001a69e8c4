from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from spira.core.models import TimeStampedModel
from spira.core.permissions import VisibleQuerySet


class CollectionQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Public collections for everyone, private ones for their owners (`view_collection`)."""
        if not user or not user.is_authenticated:
            return self.filter(is_public=True)
        if user.is_moderator:
            return self.all()
        return self.filter(Q(is_public=True) | Q(owner=user))


class Collection(TimeStampedModel):
    """A named list of resources: a reading list, a starter kit for new hubs."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    description = models.TextField(_("description"), max_length=5_000, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_collections",
    )
    is_public = models.BooleanField(_("public"), default=True)
    resources = models.ManyToManyField(
        "knowledge.KnowledgeResource",
        through="knowledge.CollectionItem",
        related_name="collections",
        blank=True,
    )

    objects = CollectionQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:collection_detail", kwargs={"slug": self.slug})


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    resource = models.ForeignKey("knowledge.KnowledgeResource", on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["collection", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "resource"], name="unique_collection_item")
        ]

    def __str__(self) -> str:
        return f"{self.collection_id}: {self.resource_id}"
