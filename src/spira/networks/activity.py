from django.utils.translation import gettext_lazy as _

from spira.core.activity import register_actions

register_actions(
    {
        "networks.network.created": _("created the network"),
        "networks.network.updated": _("updated the network"),
        "networks.membership.added": _("added a member"),
        "networks.membership.ended": _("ended a membership"),
        "networks.person.added": _("gave a person a role"),
        "networks.post.created": _("wrote in the members' area"),
        "networks.document.added": _("shared a document with the members"),
        "networks.location.added": _("added a location"),
        "networks.location.hours_changed": _("changed the opening hours"),
        "networks.resource.added": _("added a bookable resource"),
        "networks.booking.created": _("made a booking"),
        "networks.booking.cancelled": _("cancelled a booking"),
        "networks.module.added": _("added a programme module"),
        "networks.question.added": _("added an assessment question"),
        "networks.assessment.started": _("started a needs assessment"),
        "networks.assessment.answered": _("answered the needs assessment"),
        "networks.assessment.submitted": _("submitted a needs assessment"),
        "networks.plan.created": _("made a programme plan"),
        "networks.plan.progress": _("recorded progress in a plan"),
    }
)
