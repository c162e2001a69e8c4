from django.utils.translation import gettext_lazy as _

from spira.core.activity import register_actions

register_actions(
    {
        "spread.solution.created": _("created the solution"),
        "spread.solution.updated": _("updated the solution"),
        "spread.solution.imported": _("imported the solution from publiccode.yml"),
        "spread.adoption.interested": _("registered interest"),
        "spread.adoption.created": _("registered an adoption"),
        "spread.adoption.updated": _("updated the adoption"),
        "spread.adoption.status_changed": _("changed the adoption's status"),
        "spread.adoption.confirmed": _("confirmed the adoption"),
    }
)
