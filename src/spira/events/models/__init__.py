from .activity import Activity
from .registration import CalendarFeedToken, Registration
from .series import EventSeries, SeriesOrganisation, Track

__all__ = ["Activity", "CalendarFeedToken", "EventSeries", "Registration", "SeriesOrganisation", "Track"]
