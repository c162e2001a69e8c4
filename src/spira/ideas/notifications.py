"""The kinds of notification the ideas app sends (registered when the app is ready)."""

from django.utils.translation import gettext_lazy as _

from spira.core.notifications import register_notification_kind

NEW_IDEA = "ideas.new_idea"
STAGE_CHANGED = "ideas.stage_changed"
COACH_ASSIGNED = "ideas.coach_assigned"
REVIEW_REQUESTED = "ideas.review_requested"
COMMENTED = "ideas.commented"

register_notification_kind(
    NEW_IDEA,
    _("New ideas in sluices you coordinate"),
    _("When someone hands in an idea to a sluice you coordinate."),
)
register_notification_kind(
    STAGE_CHANGED,
    _("Ideas you handed in or follow"),
    _(
        "When an idea you handed in or follow moves to a new stage or gets an answer. Choose weekly for a digest."
    ),
)
register_notification_kind(
    COACH_ASSIGNED,
    _("Ideas you coach"),
    _("When you are made the coach of an idea."),
)
register_notification_kind(
    REVIEW_REQUESTED,
    _("Ideas to review"),
    _("When you are asked to score an idea."),
)
register_notification_kind(
    COMMENTED,
    _("Comments on ideas you follow"),
    _("When someone comments publicly on an idea you handed in or follow."),
    default_frequency="daily",
)
