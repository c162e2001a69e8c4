"""Labels of the initiatives app's activity-log codes (shown on each initiative's history tab)."""

from django.utils.translation import gettext_lazy as _

from spira.core.activity import register_actions

register_actions(
    {
        "initiatives.initiative.created": _("created the initiative"),
        "initiatives.initiative.updated": _("updated the initiative"),
        "initiatives.initiative.submitted": _("submitted the initiative for review"),
        "initiatives.initiative.published": _("published the initiative"),
        "initiatives.initiative.sent_back": _("sent the initiative back to its authors"),
        "initiatives.initiative.archived": _("archived the initiative"),
        "initiatives.initiative.unarchived": _("brought the initiative back from the archive"),
        "initiatives.initiative.deleted": _("deleted the initiative"),
        "initiatives.initiative.co_author_invited": _("invited a co-author"),
        "initiatives.initiative.co_author_added": _("added a co-author"),
        "initiatives.initiative.co_author_removed": _("removed a co-author"),
        "initiatives.initiative.invitation_accepted": _("accepted an invitation to co-author"),
        "initiatives.initiative.imported": _("imported the initiative"),
        "initiatives.initiative.imported_updated": _("updated the initiative from an import"),
        "initiatives.importrun.started": _("started an import"),
    }
)
