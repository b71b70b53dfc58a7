"""The one-stop-shop's scheduled job: closing the days of the dossiers' rollup."""

from django_tasks import task

from tttt.onestop.rollup import DOSSIERS


@task()
def rollup_dossiers() -> dict:
    """Close the rollup's days up to yesterday (`core.rollups`): nothing to do but once a
    day, and after a pause it catches up, a year per transaction."""
    result = DOSSIERS.close_days()
    return {"closed_days": result["closed_days"], "last_day": str(result["last_day"])}
