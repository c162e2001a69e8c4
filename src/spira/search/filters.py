"""`?q=` for any list of a registered model: filter to the hits, best first."""

from django.db import models

from spira.search import backends, text


def apply_search(queryset: models.QuerySet, q: str) -> models.QuerySet:
    """`queryset` limited to records matching every word of `q`, annotated with `search_rank`
    (higher is better) and ordered by it. A query without words matches nothing."""
    terms = text.query_terms(q)
    if not terms:
        return queryset.none()
    expression = backends.match_expression(terms, using=queryset.db)
    return backends.annotate_match(queryset, expression).order_by("-search_rank", "pk")
