"""Roles and the permissions they grant.

Each app may declare ``GRANTS = {"role-code": ["app_label.codename", ...]}`` in its own
``roles.py``; `sync_roles` (run after every migrate) creates the roles below and adds
the declared permissions. It only adds: permissions an administrator removed from a
role in the back office are restored at the next migrate only if still declared here.
"""

from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Permission

ADMIN = "quan-tri-he-thong"
LEADER = "lanh-dao"
EDITOR_IN_CHIEF = "truong-ban-bien-tap"
EDITOR = "bien-tap-vien"
REPORTER = "phong-vien"
CLERK = "can-bo-mot-cua"
SPECIALIST = "chuyen-vien"
INSPECTOR = "thanh-tra"
REPORTING_OFFICER = "can-bo-bao-cao"
SUPERVISOR = "giam-sat"

ROLES = {
    ADMIN: (
        "Quản trị hệ thống",
        "Quản lý đơn vị, phân quyền, lịch làm việc và nhật ký trong phạm vi đơn vị.",
        True,
    ),
    LEADER: (
        "Lãnh đạo đơn vị",
        "Xem toàn bộ số liệu, phê duyệt, ký duyệt trong phạm vi đơn vị.",
        False,
    ),
    EDITOR_IN_CHIEF: ("Trưởng ban biên tập", "Duyệt và xuất bản tin bài, chấm nhuận bút.", False),
    EDITOR: ("Biên tập viên", "Biên tập tin bài trước khi trình duyệt.", False),
    REPORTER: ("Phóng viên, cộng tác viên", "Viết tin bài gửi ban biên tập.", False),
    CLERK: ("Cán bộ một cửa", "Tiếp nhận và trả kết quả hồ sơ thủ tục hành chính.", False),
    SPECIALIST: ("Chuyên viên", "Thẩm định, xử lý hồ sơ và nghiệp vụ chuyên môn.", False),
    INSPECTOR: ("Thanh tra, kiểm tra viên", "Lập kế hoạch, biên bản kiểm tra và xử phạt.", False),
    REPORTING_OFFICER: ("Cán bộ báo cáo", "Nhập, nộp báo cáo định kỳ.", False),
    SUPERVISOR: (
        "Giám sát (chỉ xem)",
        "Xem số liệu, kiến nghị và kết quả thực hiện; không được sửa.",
        False,
    ),
}

_ALL_STAFF = list(ROLES)
GRANTS = {
    **{code: ["wagtailadmin.access_admin", "org.view_unit"] for code in _ALL_STAFF},
    ADMIN: [
        "wagtailadmin.access_admin",
        "org.view_unit",
        "org.add_unit",
        "org.change_unit",
        "org.view_membership",
        "org.add_membership",
        "org.change_membership",
        "org.delete_membership",
        "org.view_securityevent",
        "core.view_calendarday",
        "core.add_calendarday",
        "core.change_calendarday",
        "core.delete_calendarday",
        "auditlog.view_logentry",
    ],
    LEADER: ["wagtailadmin.access_admin", "org.view_unit", "org.view_membership"],
    SUPERVISOR: ["wagtailadmin.access_admin", "org.view_unit", "org.view_membership"],
}


def declared_grants() -> dict[str, set[str]]:
    grants: dict[str, set[str]] = {code: set() for code in ROLES}
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.roles")
        except ModuleNotFoundError:
            continue
        for code, perms in getattr(module, "GRANTS", {}).items():
            grants.setdefault(code, set()).update(perms)
    return grants


def sync_roles(**kwargs):
    from django.contrib.auth.management import create_permissions

    from .models import Role

    # post_migrate reaches org before auth has created the permissions of the apps
    # migrated in the same run; create them first so every declared grant resolves.
    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0)
    grants = declared_grants()
    by_name = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for code, (name, description, is_admin) in ROLES.items():
        role, _ = Role.objects.get_or_create(
            code=code,
            defaults={"name": name, "description": description, "is_administrator": is_admin},
        )
        wanted = [by_name[perm] for perm in grants.get(code, ()) if perm in by_name]
        if wanted:
            role.permissions.add(*wanted)
