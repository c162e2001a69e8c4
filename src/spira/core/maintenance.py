"""Housekeeping tasks that any worker may run (enqueue them from cron or from code)."""

from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks import task


@task()
def clearsessions_task() -> int:
    """Delete expired sessions, like `spira clearsessions`; returns how many were deleted.

    Safe to run twice and on any worker: sessions live in the shared database.
    """
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
