from .activity import ActivityLogEntry
from .base import TimeStampedModel

__all__ = ["ActivityLogEntry", "TimeStampedModel"]
