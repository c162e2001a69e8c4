from django.utils.translation import gettext_lazy as _

from spira.core.activity import register_actions

register_actions(
    {
        "barriers.barrier.reported": _("reported the barrier"),
        "barriers.barrier.updated": _("updated the barrier"),
        "barriers.barrier.status_changed": _("changed the barrier's status"),
        "barriers.barrier.escalated": _("escalated the barrier"),
        "barriers.barrier.answered": _("answered the escalation"),
        "barriers.barrier.readdressed": _("re-addressed the escalation"),
        "barriers.endorsement.created": _("endorsed the barrier"),
        "barriers.endorsement.withdrawn": _("withdrew an endorsement"),
        "barriers.workshop.created": _("created the workshop"),
        "barriers.workshop.updated": _("updated the workshop"),
        "barriers.workshop.barrier_added": _("put a barrier on the agenda"),
        "barriers.workshop.outcome_recorded": _("recorded an outcome"),
    }
)
