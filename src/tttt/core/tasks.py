"""Core's scheduled jobs: the queue's own upkeep."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from tttt.core.models import Export, FileImport, ScheduledRun


@task()
def prune_task_results() -> dict:
    """Forget finished tasks and scheduled runs older than TTTT_TASK_RESULTS_DAYS, and
    background downloads and imports (with their files) older than TTTT_EXPORT_DAYS."""
    before = timezone.now() - timedelta(days=settings.TTTT_TASK_RESULTS_DAYS)
    results, _ = DBTaskResult.objects.finished().filter(finished_at__lt=before).delete()
    runs, _ = ScheduledRun.objects.filter(slot__lt=before).delete()
    files_before = timezone.now() - timedelta(days=settings.TTTT_EXPORT_DAYS)
    counts = {"results": results, "runs": runs}
    for name, model in (("exports", Export), ("imports", FileImport)):
        old = model.objects.filter(created_at__lt=files_before)
        for record in old.exclude(file=""):
            record.file.delete(save=False)
        counts[name], _ = old.delete()
    return counts


@task()
def backup() -> dict:
    """The nightly backup into TTTT_BACKUP_DIR, keeping the TTTT_BACKUP_KEEP newest."""
    from tttt.core.backup import backup_directory, create_backup, prune_backups

    archive = create_backup(backup_directory())
    removed = prune_backups(backup_directory(), settings.TTTT_BACKUP_KEEP)
    return {"archive": str(archive), "size": archive.stat().st_size, "removed": len(removed)}
