"""The kinds of notification the spread app sends."""

from django.utils.translation import gettext_lazy as _

from spira.core.notifications import register_notification_kind

INTEREST = "spread.interest"
ADOPTION_CHANGED = "spread.adoption_changed"
CONFIRMATION_REQUESTED = "spread.confirmation_requested"

register_notification_kind(
    INTEREST,
    _("Interest in your solutions"),
    _("When another organisation says it is interested in a solution of your organisation."),
)
register_notification_kind(
    ADOPTION_CHANGED,
    _("Adoptions of your solutions"),
    _("When an organisation starts piloting, uses or stops using a solution your organisation shares."),
)
register_notification_kind(
    CONFIRMATION_REQUESTED,
    _("Adoptions to confirm"),
    _("When the other party has confirmed an adoption that your organisation takes part in."),
)
