"""Who may moderate content and read notifications."""

import rules

from spira.core.permissions import is_moderator


@rules.predicate
def is_recipient(user, notification) -> bool:
    return bool(
        user and user.is_authenticated and notification is not None and notification.recipient_id == user.pk
    )


rules.add_perm("core.moderate", is_moderator)
rules.add_perm("core.hide_content", is_moderator)
rules.add_perm("core.restore_content", is_moderator)
rules.add_perm("core.dismiss_report", is_moderator)
rules.add_perm("core.view_contentreport", is_moderator)
rules.add_perm("core.add_contentreport", rules.always_allow)
rules.add_perm("core.view_notification", is_recipient)
rules.add_perm("core.change_notification", is_recipient)
