from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from spira.organisations.reference import load_reference


class Command(BaseCommand):
    help = "Load Sweden's municipalities, regions, agencies and the SDGs from the shipped reference data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir", help="A folder with the same CSV files (default: the shipped copy)."
        )

    def handle(self, *args, data_dir=None, **options):
        report = load_reference(data_dir)
        labels = {"created": _("created"), "updated": _("updated"), "unchanged": _("unchanged")}
        for bucket, label in labels.items():
            counts = getattr(report, bucket)
            summary = ", ".join(f"{kind}: {n}" for kind, n in sorted(counts.items())) or "0"
            self.stdout.write(f"{label}: {summary}")
