"""Background work of the case library. Tasks take IDs, call services and are safe to run twice."""

from django.utils import timezone
from django_tasks import task

from spira.initiatives.importers.runs import execute_run
from spira.initiatives.models import ImportRun


@task()
def run_import(run_id: int) -> dict[str, int | str]:
    """Import the stored file of an ImportRun; a finished run is left as it is."""
    try:
        run = execute_run(run_id)
    except Exception as error:
        # The run must not stay "running" for ever when something unexpected breaks.
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportRun.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    return {
        "status": run.status,
        "created": run.created_count,
        "updated": run.updated_count,
        "unchanged": run.unchanged_count,
        "failed": run.failed_count,
    }
