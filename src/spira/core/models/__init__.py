from .activity import ActivityLogEntry
from .base import TimeStampedModel
from .moderation import (
    ContentReport,
    Moderatable,
    ModeratableQuerySetMixin,
    ReportReason,
    ReportStatus,
)
from .notifications import (
    ALL_KINDS,
    Notification,
    NotificationFrequency,
    NotificationPreference,
)

__all__ = [
    "ALL_KINDS",
    "ActivityLogEntry",
    "ContentReport",
    "Moderatable",
    "ModeratableQuerySetMixin",
    "Notification",
    "NotificationFrequency",
    "NotificationPreference",
    "ReportReason",
    "ReportStatus",
    "TimeStampedModel",
]
