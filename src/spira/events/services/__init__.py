"""Every write to series, activities and registrations goes through these functions.

Each one checks permission (PermissionDenied) and the rules of the change (ValidationError with
a dict of field → message), saves, writes the activity log, and sends notifications and e-mails
(on commit). Views, the API, commands, tasks, `spira demo` and `spira generate` call them.
"""

from spira.events.services.activities import (
    add_activity,
    approve_activity,
    cancel_activity,
    propose_activity,
    reject_activity,
    update_activity,
)
from spira.events.services.calendar_tokens import calendar_token_for, regenerate_calendar_token
from spira.events.services.maintenance import purge_participant_data, send_event_reminders
from spira.events.services.registrations import (
    approve_registration,
    cancel_registration,
    cancel_registration_by_token,
    cancellation_token,
    decline_registration,
    mark_attendance,
    register,
    registration_from_token,
)
from spira.events.services.series import (
    add_series_moderator,
    add_track,
    create_series,
    remove_series_moderator,
    set_series_organisations,
    update_series,
)

__all__ = [
    "add_activity",
    "add_series_moderator",
    "add_track",
    "approve_activity",
    "approve_registration",
    "calendar_token_for",
    "cancel_activity",
    "cancel_registration",
    "cancel_registration_by_token",
    "cancellation_token",
    "create_series",
    "decline_registration",
    "mark_attendance",
    "propose_activity",
    "purge_participant_data",
    "regenerate_calendar_token",
    "register",
    "registration_from_token",
    "reject_activity",
    "remove_series_moderator",
    "send_event_reminders",
    "set_series_organisations",
    "update_activity",
    "update_series",
]
