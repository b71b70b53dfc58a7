from tttt.org.models import Role
from tttt.org.roles import ADMIN, LEADER, ROLES, SUPERVISOR


def test_migrate_alone_gives_every_role_its_permissions(db):
    """No fixture re-syncs here: this is the state a fresh `tttt migrate` leaves."""
    assert set(Role.objects.values_list("code", flat=True)) == set(ROLES)
    perms = {
        code: {
            f"{p.content_type.app_label}.{p.codename}"
            for p in Role.objects.get(code=code).permissions.select_related("content_type")
        }
        for code in ROLES
    }
    assert all("wagtailadmin.access_admin" in p and "org.view_unit" in p for p in perms.values())
    assert {"org.add_membership", "auditlog.view_logentry", "core.add_calendarday"} <= perms[ADMIN]
    assert "org.view_membership" in perms[LEADER]
    assert not any(
        p.split(".")[1].startswith(("add_", "change_", "delete_")) for p in perms[SUPERVISOR]
    )
    assert Role.objects.get(code=ADMIN).is_administrator
