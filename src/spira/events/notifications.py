"""The kinds of notification the events app sends (registered when the app is ready).

Registration e-mails (confirmation with a calendar file, waiting list, promotion, reminder) are
not notifications: they go to visitors without accounts too, see services.emails.
"""

from django.utils.translation import gettext_lazy as _

from spira.core.notifications import register_notification_kind

PROPOSAL_RECEIVED = "events.proposal_received"
PROPOSAL_DECIDED = "events.proposal_decided"
ACTIVITY_CHANGED = "events.activity_changed"
REGISTRATION_RECEIVED = "events.registration_received"

register_notification_kind(
    PROPOSAL_RECEIVED,
    _("New proposals in series you moderate"),
    _("When someone proposes an activity to a programme you moderate."),
    default_frequency="daily",
)
register_notification_kind(
    PROPOSAL_DECIDED,
    _("Decisions on activities you proposed"),
    _("When a moderator approves or rejects an activity you proposed, with the reason."),
)
register_notification_kind(
    ACTIVITY_CHANGED,
    _("Changes to activities you registered for"),
    _("When the time, place or other details of an activity you registered for change, or it is cancelled."),
)
register_notification_kind(
    REGISTRATION_RECEIVED,
    _("Registrations that need your approval"),
    _("When someone asks to take part in an activity you run that needs approval."),
    default_frequency="daily",
)
