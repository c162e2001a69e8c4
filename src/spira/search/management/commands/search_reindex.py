import sys

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from spira.search import index, registry


class Command(BaseCommand):
    help = _("Rebuild the search index of every searchable model, or of one.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--model", help=_("Only this model, as app_label.ModelName (e.g. initiatives.Initiative).")
        )
        parser.add_argument("--no-progress", action="store_true", help=_("Do not show a progress bar."))

    def handle(self, *args, model=None, no_progress=False, **options):
        if model:
            try:
                model_class = apps.get_model(model)
            except (LookupError, ValueError) as exc:
                raise CommandError(_("Unknown model: %(model)s") % {"model": model}) from exc
            spec = registry.spec_for(model_class)
            if spec is None:
                raise CommandError(_("%(model)s is not searchable.") % {"model": model})
            specs = [spec]
        else:
            specs = registry.specs()
        for spec in specs:
            total = spec.model._default_manager.count()
            with tqdm(
                total=total,
                desc=spec.model._meta.label,
                unit=_("records"),
                disable=no_progress,
                file=sys.stderr,
            ) as bar:
                done = index.reindex(spec.model, progress=lambda n, bar=bar: bar.update(n - bar.n))
            self.stdout.write(
                _("%(model)s: %(count)d records indexed.") % {"model": spec.model._meta.label, "count": done}
            )
