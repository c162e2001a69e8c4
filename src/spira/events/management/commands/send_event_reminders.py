from django.core.management.base import BaseCommand, CommandError

from spira.events.services import send_event_reminders


class Command(BaseCommand):
    help = (
        "E-mail a reminder to everyone with a confirmed seat at an activity that starts within the "
        "next HOURS hours (24 by default). Each person is reminded once; safe to run twice. Run it "
        "from cron, e.g. hourly: `0 * * * *  spira send_event_reminders`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="How far ahead to look (default 24).")

    def handle(self, *args, hours: int, **options):
        if hours < 1 or hours > 24 * 14:
            raise CommandError("--hours must be between 1 and 336.")
        count = send_event_reminders(hours=hours)
        self.stdout.write(f"Sent {count} reminders.")
