from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """The searchable form of one record, kept slim: where it is, whether it is public, and its
    facet values; the stemmed texts are in SearchText.

    Searching large sets of hits reads only these small rows (never the records' own, wide rows),
    which keeps facet counts fast at national scale. `facets` holds one `name=value` per line,
    with a line break before the first and after the last, so that `instr(facets, "\nname=value\n")`
    finds a value exactly. Nothing but spira.search.index writes these rows.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=2, default="sv")
    public = models.BooleanField(_("public"), default=False)
    facets = models.TextField(blank=True)
    # For sorting hits without reading the records.
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


class SearchText(models.Model):
    """The texts of a SearchDocument as stems separated by spaces (see spira.search.text), each
    text stemmed by its own language, by weight: title (A), summary (B), body (C); its filter keys
    (publicity and type, facet values, title and summary stems; see spira.search.keys).

    The full-text index over them is database-specific and made by migration: an external-content
    FTS5 table kept in step by triggers on SQLite, and a generated, weighted `simple` tsvector
    column with a GIN index on PostgreSQL.
    """

    document = models.OneToOneField(
        SearchDocument, primary_key=True, on_delete=models.CASCADE, related_name="text"
    )
    title = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    keys = models.TextField(blank=True, default="")
    # The document's facet lines again: PostgreSQL counts facets from the rows its full-text
    # index finds, without a join (SQLite reads the slim SearchDocument rows instead).
    facets = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")

    def __str__(self) -> str:
        return str(self.document_id)
