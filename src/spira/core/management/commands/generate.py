"""`spira generate --scale {small,municipality,national} [--seed N]`: a synthetic world for benchmarks.

See spira.core.generate for the World and for how an app adds its own `generate.py`.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from spira.core.generate import SCALES, World
from spira.core.hooks import app_modules


class Command(BaseCommand):
    help = "Build a deterministic synthetic world (same seed, same data) for benchmarks and load tests."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=SCALES, default="small", help="How big (default small).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--no-progress", action="store_true", help="No progress bars.")

    def handle(self, *args, scale, seed, no_progress, **options):
        # spira.core.generate is the toolbox itself (World), not a hook: keep modules with generate().
        modules = [
            module for module in app_modules("generate") if callable(getattr(module, "generate", None))
        ]
        if any(getattr(module, "already_generated", lambda: False)() for module in modules):
            raise CommandError(
                "This database already holds a generated world; generate into a fresh database."
            )
        world = World(scale=scale, seed=seed, progress=not no_progress)
        started = time.monotonic()
        for module in modules:
            module.generate(world)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Generated the {scale} world (seed {seed}) in {elapsed:.0f} s.")
        )
