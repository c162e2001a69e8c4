"""Background work of the events app. Tasks take IDs, call services and are safe to run twice
(e-mails about one registration may in the worst case go out twice; reminders are claimed)."""

from django_tasks import task

from spira.events.services import emails, maintenance


@task()
def send_registration_emails(registration_ids: list[int], kind: str) -> int:
    """E-mail each registration about what happened to it (`kind`: confirmed, promoted, ...)."""
    return sum(emails.send_registration_email(pk, kind) for pk in registration_ids)


@task()
def send_event_reminders(hours: int = 24) -> int:
    """The same as `spira send_event_reminders`."""
    return maintenance.send_event_reminders(hours=hours)


@task()
def purge_participant_data() -> dict[str, int]:
    """The same as `spira purge_event_participants`."""
    return maintenance.purge_participant_data()
