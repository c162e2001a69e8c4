from django.utils.translation import gettext_lazy as _

from spira.core.activity import register_actions

register_actions(
    {
        "knowledge.resource.created": _("added the resource"),
        "knowledge.resource.updated": _("updated the resource"),
        "knowledge.resource.initiative_linked": _("linked an initiative"),
        "knowledge.resource.used": _("marked the resource as used"),
        "knowledge.resource.unused": _("took back the mark as used"),
        "knowledge.review.written": _("reviewed the resource"),
        "knowledge.collection.created": _("created the collection"),
        "knowledge.collection.item_added": _("added a resource to the collection"),
    }
)
