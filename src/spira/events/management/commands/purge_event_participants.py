from django.core.management.base import BaseCommand, CommandError

from spira.events.services import purge_participant_data
from spira.events.services.maintenance import retention_days


class Command(BaseCommand):
    help = (
        "Delete the participants' personal data (registrations: names, e-mail addresses, attendance) "
        "of activities that ended more than DAYS days ago; the numbers stay. DAYS is "
        "SPIRA_EVENTS_RETENTION_DAYS (90 by default). Safe to run twice; run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override SPIRA_EVENTS_RETENTION_DAYS.")

    def handle(self, *args, days, **options):
        if days is not None and days < 0:
            raise CommandError("--days cannot be negative.")
        result = purge_participant_data(days=days)
        self.stdout.write(
            f"Deleted {result['registrations']} registrations of {result['activities']} activities "
            f"older than {retention_days() if days is None else days} days."
        )
