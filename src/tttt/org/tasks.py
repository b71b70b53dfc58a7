"""Accounts' scheduled job (security level 3: no account left idle and usable)."""

from django_tasks import task

from tttt.org.services import users_disable_idle


@task()
def disable_idle_accounts() -> int:
    """Disable accounts unused for TTTT_ACCOUNT_IDLE_DAYS; how many were disabled."""
    return users_disable_idle()
