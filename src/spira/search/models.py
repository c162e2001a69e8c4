from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """The searchable form of one record: its texts as stems, by weight.

    `title`, `summary` and `body` hold stems separated by spaces (see spira.search.text), each
    text stemmed by its own language. The full-text index over them is database-specific and made
    by migration 0002: an FTS5 table kept in step by triggers on SQLite, and a generated, weighted
    `simple` tsvector column with a GIN index on PostgreSQL. Nothing else writes these rows than
    spira.search.index.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=2, default="sv")
    public = models.BooleanField(_("public"), default=False)
    title = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # For sorting hits of several types together.
    sort_title = models.CharField(max_length=300, blank=True)
    date = models.DateTimeField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="unique_search_document")
        ]
        indexes = [models.Index(fields=["public", "content_type"], name="search_doc_public_type_idx")]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"
