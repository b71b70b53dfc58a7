from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ReferenceIndex

from tttt.org import services
from tttt.org.models import Membership, Unit
from tttt.org.queries import (
    restrict_to_scope,
    subtree,
    unit_successors,
    units_for_territory,
    user_can,
    user_scope,
)
from tttt.org.roles import ADMIN, CLERK, LEADER, REPORTING_OFFICER


def names(qs):
    return sorted(u.name for u in qs)


def test_subtree_as_of_a_date(tree):
    assert names(subtree(tree.luong_tai, on=date(2019, 9, 30), kinds=["commune"])) == [
        "Thị trấn Thứa",
        "Xã Trung Chính",
    ]
    assert subtree(tree.luong_tai, on=date(2026, 1, 1)).count() == 0
    assert names(subtree(tree.bac_ninh, on=date(2026, 1, 1), kinds=["commune"])) == [
        "Xã Bố Hạ",
        "Xã Lương Tài",
        "Xã Trung Chính",
    ]


def test_territory_across_the_reform(tree):
    assert {u.pk for u in units_for_territory(tree.bac_ninh, date(2019, 9, 30))} == {
        tree.old_bac_ninh.pk,
        tree.old_bac_giang.pk,
    }
    assert set(units_for_territory(tree.trung_chinh, date(2026, 1, 1))) == {
        tree.new_trung_chinh,
        tree.new_luong_tai,
    }
    assert {link.successor.name for link in unit_successors(tree.luong_tai)} == {"Tỉnh Bắc Ninh"}


def test_a_commune_officer_sees_only_their_commune(tree, member):
    officer = member("thua.canbo", CLERK, tree.thua)
    visible = restrict_to_scope(Unit.objects.all(), officer, unit_field=None)
    assert names(visible) == ["Thị trấn Thứa"]
    assert user_can(officer, "org.view_unit", tree.thua)
    assert not user_can(officer, "org.view_unit", tree.trung_chinh)
    assert not user_can(officer, "org.add_unit", tree.thua)  # a clerk does not manage units
    memberships = restrict_to_scope(Membership.objects.all(), officer)
    assert list(memberships.values_list("user__username", flat=True)) == ["thua.canbo"]


def test_a_district_leader_sees_the_district_subtree(tree, member):
    leader = member("luongtai.lanhdao", LEADER, tree.luong_tai)
    assert names(restrict_to_scope(Unit.objects.all(), leader, unit_field=None)) == [
        "Huyện Lương Tài",
        "Thị trấn Thứa",
        "Xã Trung Chính",
    ]


def test_a_current_province_covers_its_predecessors_history(tree, member):
    leader = member("bacninh.lanhdao", LEADER, tree.bac_ninh)
    visible = restrict_to_scope(Unit.objects.all(), leader, unit_field=None)
    assert visible.filter(pk=tree.bo_ha.pk).exists()  # former Bắc Giang commune
    assert visible.filter(pk=tree.trung_chinh.pk).exists()


def test_expired_membership_gives_no_scope(tree, member):
    former = member(
        "cu.canbo", CLERK, tree.thua, valid_from=date(2015, 1, 1), valid_to=date(2020, 1, 1)
    )
    assert user_scope(former).paths == ()
    assert restrict_to_scope(Unit.objects.all(), former, unit_field=None).count() == 0


def test_superuser_is_unrestricted(tree, superuser):
    assert (
        restrict_to_scope(Unit.objects.all(), superuser, unit_field=None).count()
        == Unit.objects.count()
    )


def test_scope_is_limited_by_permission(tree, member):
    user = member("hai.vai", CLERK, tree.thua)
    member("hai.vai", ADMIN, tree.luong_tai)
    assert user_scope(user, perm="org.add_unit").paths == (tree.luong_tai.path,)


def test_membership_grant_is_scoped_validated_and_audited(tree, member, roles):
    import wagtail.admin.urls  # noqa: F401  (the admin's viewsets put models in Wagtail's
    # reference index as they load: loaded first, as in a running site)

    admin = member("luongtai.quantri", ADMIN, tree.luong_tai)
    person = member("nguoi.moi", REPORTING_OFFICER, tree.thua)
    granted = services.membership_grant(
        user=admin,
        person=person,
        role=roles[CLERK],
        unit=tree.trung_chinh,
        valid_from=date(2019, 1, 1),
    )
    entry = LogEntry.objects.get_for_object(granted).get()
    assert entry.actor == admin and entry.action == LogEntry.Action.CREATE
    # The entry is not a "use" of the admin in Wagtail's reference index (nor a task to
    # index it); their membership is.
    services.membership_grant(
        user=admin, person=person, role=roles[LEADER], unit=tree.thua, valid_from=date(2019, 1, 1)
    )
    logs = ContentType.objects.get_for_model(LogEntry)
    assert ReferenceIndex.get_references_to(admin).exists()
    assert not ReferenceIndex.get_references_to(admin).filter(content_type=logs).exists()
    with pytest.raises(PermissionDenied):
        services.membership_grant(
            user=admin,
            person=person,
            role=roles[CLERK],
            unit=tree.bo_ha,
            valid_from=date(2019, 1, 1),
        )
    with pytest.raises(ValidationError):
        services.membership_grant(
            user=admin,
            person=person,
            role=roles[CLERK],
            unit=tree.thua,
            valid_from=date(2019, 1, 1),
            valid_to=date(2018, 1, 1),
        )
    clerk = member("chi.mot.cua", CLERK, tree.luong_tai)
    with pytest.raises(PermissionDenied):
        services.membership_grant(
            user=clerk,
            person=person,
            role=roles[CLERK],
            unit=tree.thua,
            valid_from=date(2019, 1, 1),
        )


def test_membership_end_keeps_history(tree, member):
    admin = member("luongtai.quantri", ADMIN, tree.luong_tai)
    clerk = member("thua.canbo", CLERK, tree.thua)
    m = clerk.memberships.get()
    services.membership_end(user=admin, membership=m, on=date(2024, 1, 1))
    m.refresh_from_db()
    assert m.valid_to == date(2024, 1, 1)
    changes = (
        LogEntry.objects.get_for_object(m).filter(action=LogEntry.Action.UPDATE).get().changes_dict
    )
    assert changes["valid_to"] == ["None", "2024-01-01"]


def test_unit_services_check_scope_and_keep_paths(tree, member):
    admin = member("bacninh.quantri", ADMIN, tree.bac_ninh)
    office = services.unit_create(
        user=admin,
        data={
            "kind": "office",
            "code": "tc-pvhcc",
            "name": "Trung tâm Phục vụ hành chính công",
            "type_word": "trung tâm",
            "parent": tree.new_trung_chinh,
        },
    )
    assert office.path.startswith(tree.new_trung_chinh.path)
    # Moving the commune's office under another commune re-roots it.
    services.unit_update(user=admin, unit=tree.office, data={"parent": tree.new_luong_tai})
    tree.office.refresh_from_db()
    assert tree.office.path == f"{tree.new_luong_tai.path}{tree.office.pk}/"
    with pytest.raises(ValidationError):
        services.unit_update(user=admin, unit=tree.new_trung_chinh, data={"parent": None})
    outsider = member("luongtai.quantri", ADMIN, tree.luong_tai)
    with pytest.raises(PermissionDenied):
        services.unit_update(user=outsider, unit=tree.new_bo_ha, data={"name": "Xã Khác"})
    tree.new_bo_ha.refresh_from_db()
    assert tree.new_bo_ha.name == "Xã Bố Hạ"


def test_database_constraints_hold_without_forms(tree):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.filter(pk=tree.thua.pk).update(valid_from=date(2030, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.filter(pk=tree.thua.pk).update(latitude=120)


def test_cached_scopes_follow_membership_changes(tree, member, django_capture_on_commit_callbacks):
    from tttt.org.models import User
    from tttt.org.queries import user_scope

    admin = member("bn.quantri", ADMIN, tree.bac_ninh, valid_from=date(2025, 7, 1))
    clerk = member("clerk", CLERK, tree.new_trung_chinh, valid_from=date(2025, 7, 1))
    assert not user_scope(User.objects.get(pk=clerk.pk)).contains(tree.new_bo_ha)
    # The scope is now cached for every request; a new membership must show at once.
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_grant(
            user=admin,
            person=clerk,
            role=Membership.objects.get(user=clerk).role,
            unit=tree.new_bo_ha,
            valid_from=date(2025, 7, 1),
        )
    assert user_scope(User.objects.get(pk=clerk.pk)).contains(tree.new_bo_ha)
    with django_capture_on_commit_callbacks(execute=True):
        Membership.objects.get(user=clerk, unit=tree.new_bo_ha).delete()
    assert not user_scope(User.objects.get(pk=clerk.pk)).contains(tree.new_bo_ha)
