from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from spira.core.models import Notification


class Command(BaseCommand):
    help = (
        "Delete read notifications older than --days (default 180), to keep personal data minimal. "
        "Unread notifications are kept. Run it from cron, e.g. weekly: spira purge_notifications"
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=180, help="Keep read notifications this many days.")

    def handle(self, *args, days: int, **options):
        cutoff = timezone.now() - timedelta(days=max(days, 0))
        deleted, _ = Notification.objects.filter(read_at__isnull=False, created_at__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} read notifications older than {days} days.")
