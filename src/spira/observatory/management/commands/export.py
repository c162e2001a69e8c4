"""`spira export opendata DIR` and `spira export research DIR`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from spira.observatory.opendata.writer import write_opendata, write_research


class Command(BaseCommand):
    help = (
        "Export data. 'opendata DIR': one dataset per domain as CSV and JSON, README.md, LICENSE.txt (CC0) "
        "and a DCAT-AP-SE catalogue (catalog.ttl, catalog.jsonld). 'research DIR': the anonymised bulk "
        "export for accompanying research, with a data dictionary."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["opendata", "research"])
        parser.add_argument("directory")
        parser.add_argument(
            "--language", choices=["sv", "en"], default="sv", help="Language of README and catalogue texts."
        )

    def handle(self, what, directory, language, **options):
        path = Path(directory)
        if path.exists() and not path.is_dir():
            raise CommandError(f"{path} exists and is not a directory.")
        writer = write_opendata if what == "opendata" else write_research
        files = writer(path, language=language)
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(files)} files to {path}."))
