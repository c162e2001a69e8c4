"""`spira observatory_aggregates rebuild|check [--measure KEY ...]`."""

import time

from django.core.management.base import BaseCommand, CommandError

from spira.observatory.aggregates.store import differences, rebuild
from spira.observatory.cache import bump
from spira.observatory.registry import registry


class Command(BaseCommand):
    help = (
        "The observatory's aggregates. 'rebuild': count every measure again (after bulk writes that "
        "send no signals, e.g. imports with bulk_create). 'check': compare the stored aggregates with "
        "a fresh count and list the differences (exit status 1 if any)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check"])
        parser.add_argument(
            "--measure", action="append", default=[], help="Only this measure (repeatable); default all."
        )

    def handle(self, action, measure, **options):
        known = {m.key: m for m in registry.measures()}
        unknown = sorted(set(measure) - set(known))
        if unknown:
            raise CommandError(f"Unknown measure: {', '.join(unknown)}. Known: {', '.join(known)}.")
        measures = [known[key] for key in measure] if measure else list(known.values())
        if action == "rebuild":
            for item in measures:
                started = time.monotonic()
                written = rebuild(item)
                self.stdout.write(f"{item.key}: {written} rows in {time.monotonic() - started:.1f} s")
            bump()
            return
        found = [line for item in measures for line in differences(item)]
        for line in found:
            self.stdout.write(line)
        if found:
            raise CommandError(f"{len(found)} aggregates differ from a fresh count.")
        self.stdout.write(self.style.SUCCESS("The aggregates agree with a fresh count."))
