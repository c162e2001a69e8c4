import argparse

from django.core.management.base import BaseCommand

from spira.core.notifications import send_digests


class Command(BaseCommand):
    help = (
        "E-mail the daily or weekly summaries of notifications: one e-mail per person, holding the "
        "unread notifications not yet e-mailed of the kinds they chose to get daily (or weekly). "
        "Safe to run twice. Run it from cron, for example:\n"
        "  0 7 * * *  spira send_digests daily\n"
        "  0 7 * * 1  spira send_digests weekly"
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Keep the line breaks of the cron example.
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("frequency", choices=["daily", "weekly"], help="Which summaries to send.")

    def handle(self, *args, frequency: str, **options):
        result = send_digests(frequency)
        self.stdout.write(
            f"Sent {result['recipients']} {frequency} summaries with {result['notifications']} notifications."
        )
