"""The kinds of notification the barriers app sends (registered when the app is ready)."""

from django.utils.translation import gettext_lazy as _

from spira.core.notifications import register_notification_kind

NEW_BARRIER = "barriers.new_barrier"
ESCALATION_RECEIVED = "barriers.escalation_received"
ANSWERED = "barriers.answered"
STATUS_CHANGED = "barriers.status_changed"
ENDORSED = "barriers.endorsed"

register_notification_kind(
    NEW_BARRIER,
    _("New barriers you follow"),
    _("New barriers of a kind you follow, or addressed to an authority you follow."),
)
register_notification_kind(
    ESCALATION_RECEIVED,
    _("Barriers escalated to your organisation"),
    _("When a barrier is escalated to an organisation you belong to, which must answer it."),
)
register_notification_kind(
    ANSWERED,
    _("Answers to barriers you reported or endorsed"),
    _("When an authority answers an escalated barrier of your organisation."),
)
register_notification_kind(
    STATUS_CHANGED,
    _("Status of barriers you reported"),
    _("When a barrier your organisation reported changes status."),
)
register_notification_kind(
    ENDORSED,
    _("Endorsements of your barriers"),
    _("When another organisation says it has a barrier your organisation reported."),
    default_frequency="daily",
)
