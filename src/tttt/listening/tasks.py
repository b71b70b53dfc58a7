"""Listening's scheduled job: read the feed sources."""

from django_tasks import task

from tttt.listening.services import sources_fetch


@task()
def fetch_sources() -> dict:
    """Read every active feed source; what each brought and any error are kept on it."""
    return sources_fetch()
