"""The secret of a person's private calendar feed."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from spira.core.activity import log_action
from spira.events.models import CalendarFeedToken


def calendar_token_for(user) -> CalendarFeedToken:
    """The person's feed token, made the first time it is asked for."""
    if not user or not user.is_authenticated:
        raise PermissionDenied
    token, _created = CalendarFeedToken.objects.get_or_create(
        user=user, defaults={"key": CalendarFeedToken.generate_key()}
    )
    return token


@transaction.atomic
def regenerate_calendar_token(user) -> CalendarFeedToken:
    """A new secret: the old private URL stops working (for a link that was shared by mistake)."""
    if not user or not user.is_authenticated:
        raise PermissionDenied
    token = calendar_token_for(user)
    token.key = CalendarFeedToken.generate_key()
    token.save(update_fields=["key", "updated_at"])
    log_action(user, "events.calendar.regenerated", user)
    return token
