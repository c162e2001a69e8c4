"""Changes made outside the events services that the cached programme must notice."""

from spira.events.services.common import bump_programme


def programme_changed_by_moderation(sender, instance, update_fields=None, **kwargs) -> None:
    """A moderator hid or restored an activity (core.moderation saves it with these fields)."""
    if update_fields and "is_hidden" in update_fields:
        bump_programme(instance.series_id)
