from django.utils.translation import gettext_lazy as _

from spira.core.activity import register_actions

register_actions(
    {
        "ideas.sluice.created": _("created the idea sluice"),
        "ideas.sluice.updated": _("updated the idea sluice"),
        "ideas.sluice.stage_added": _("added a stage"),
        "ideas.sluice.stage_updated": _("changed a stage"),
        "ideas.sluice.challenge_created": _("started a challenge"),
        "ideas.idea.submitted": _("handed in the idea"),
        "ideas.idea.stage_changed": _("moved the idea to a new stage"),
        "ideas.idea.coach_assigned": _("assigned a coach"),
        "ideas.idea.commented": _("commented on the idea"),
        "ideas.idea.supported": _("supported the idea"),
        "ideas.idea.support_withdrawn": _("withdrew support"),
        "ideas.idea.merged": _("merged the idea into another"),
        "ideas.idea.merge_received": _("took in a merged idea"),
        "ideas.idea.review_round_opened": _("opened a review round"),
        "ideas.idea.reviewed": _("submitted a review"),
        "ideas.idea.graduated": _("made the idea an initiative"),
        "ideas.idea.contact_deleted": _("deleted the contact e-mail"),
    }
)
