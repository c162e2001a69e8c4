from django.utils.translation import gettext_lazy as _

from spira.core.activity import register_actions

register_actions(
    {
        "events.series.created": _("created the series"),
        "events.series.updated": _("updated the series"),
        "events.series.moderator_added": _("added a moderator"),
        "events.series.moderator_removed": _("removed a moderator"),
        "events.track.created": _("added a track"),
        "events.activity.proposed": _("proposed the activity"),
        "events.activity.approved": _("approved and published the activity"),
        "events.activity.rejected": _("rejected the activity"),
        "events.activity.updated": _("updated the activity"),
        "events.activity.cancelled": _("cancelled the activity"),
        "events.registration.created": _("registered"),
        "events.registration.cancelled": _("cancelled a registration"),
        "events.registration.promoted": _("moved someone from the waiting list"),
        "events.registration.approved": _("approved a registration"),
        "events.registration.declined": _("declined a registration"),
        "events.registration.attendance": _("marked attendance"),
        "events.registrations.purged": _("deleted the participants' personal data"),
    }
)
register_actions({"events.calendar.regenerated": _("made a new private calendar link")})
