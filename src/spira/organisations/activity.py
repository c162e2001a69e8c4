from django.utils.translation import gettext_lazy as _

from spira.core.activity import register_actions

register_actions(
    {
        "organisations.organisation.created": _("created the organisation"),
        "organisations.organisation.updated": _("updated the organisation"),
        "organisations.membership.added": _("added a member"),
        "organisations.membership.changed": _("changed a member's role"),
        "organisations.membership.removed": _("removed a member"),
        "organisations.sdg.created": _("added the goal"),
        "organisations.sdg.updated": _("updated the goal"),
    }
)
