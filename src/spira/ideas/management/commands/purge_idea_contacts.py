from django.core.management.base import BaseCommand

from spira.ideas.services import purge_contact_data


class Command(BaseCommand):
    help = (
        "Delete the contact e-mails of submitters without an account once their idea has been closed "
        "for the sluice's retention time. Run daily from cron."
    )

    def handle(self, *args, **options):
        count = purge_contact_data()
        self.stdout.write(f"Deleted {count} contact e-mail address(es).")
