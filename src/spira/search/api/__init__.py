"""The search API: `?q=` for the lists of other apps and /api/v1/search/ over all types."""

from spira.search.api.filters import SearchFilterBackend

__all__ = ["SearchFilterBackend"]
