"""`spira validate publiccode FILE...`: one JSON object per line, exit status 1 if any is invalid.

    {"file": "publiccode.yml", "valid": true, "errors": [], "warnings": [...]}

Relative files the publiccode.yml names (logo, screenshots, authorsFile) are looked up next to it.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from spira.spread.publiccode.validator import validate_file


class Command(BaseCommand):
    help = "Validate files: publiccode.yml (versions 0.x and 1.x)."

    def add_arguments(self, parser):
        parser.add_argument("format", choices=["publiccode"], help="The format of the files.")
        parser.add_argument("paths", nargs="+", metavar="FILE")

    def handle(self, *args, format, paths, **options):
        invalid = 0
        for path in paths:
            result = validate_file(path)
            invalid += not result.valid
            self.stdout.write(json.dumps(result.to_json(file=path), ensure_ascii=False))
        if invalid:
            raise CommandError(f"{invalid} of {len(paths)} files are not valid.", returncode=1)
