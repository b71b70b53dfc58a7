"""The portal's scheduled job: pages whose publication or expiry time has come."""

import io

from django.core.management import call_command
from django_tasks import task


@task()
def publish_scheduled() -> str:
    """Wagtail's `publish_scheduled`: publish due revisions, unpublish expired pages."""
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue().strip()
