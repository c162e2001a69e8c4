"""Background work of the core app. Tasks take IDs, call services and are safe to run twice."""

from django_tasks import task

from spira.core import notifications


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail the given notifications to their recipients; already e-mailed ones are skipped."""
    return sum(notifications.send_notification_email(pk) for pk in notification_ids)


@task()
def send_digests(frequency: str) -> dict[str, int]:
    """Send the daily or weekly summaries (the same as `spira send_digests <frequency>`)."""
    return notifications.send_digests(frequency)
