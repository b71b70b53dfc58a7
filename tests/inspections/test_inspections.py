from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tttt.core.indicators import get_indicator
from tttt.core.periods import Period
from tttt.establishments.models import BusinessType, Establishment
from tttt.inspections import services
from tttt.inspections.models import Inspection, PenaltyDecision
from tttt.org.roles import INSPECTOR

CHAIR = PenaltyDecision.Authority.COMMUNE_CHAIR
DISTRICT = PenaltyDecision.Authority.DISTRICT_CHAIR


@pytest.fixture
def inspector(tree, member):
    return member("tc.thanhtra", INSPECTOR, tree.new_trung_chinh)


def place(unit, type_code="karaoke", name="Karaoke Hoa Sen"):
    return Establishment.objects.create(
        business_type=BusinessType.objects.get(code=type_code), name=name, owner_kind="person",
        owner_name="Nguyễn Văn Bình", address="Thôn Ngọc Quan", unit=unit,
    )  # fmt: skip


def codes(type_code, day):
    return sorted(
        r.code for r in services.rules_in_force(BusinessType.objects.get(code=type_code), day)
    )


def test_an_inspection_is_judged_by_the_rules_in_force_on_its_date(db):
    assert codes("karaoke", date(2014, 6, 1)) == ["nd103-anh-sang", "nd103-gio-hoat-dong"]
    assert codes("karaoke", date(2026, 11, 1)) == [
        "nd54-dien-tich-phong",
        "nd54-gio-hoat-dong",
        "nd54-khoa-cua",
    ]
    assert (
        len(codes("game", date(2019, 5, 1))) == 4
    )  # Decree 72/2013: distance and three area classes
    game_now = codes("game", date(2026, 11, 1))
    assert "nd147-gio-hoat-dong-nd174" in game_now and "nd72-khoang-cach-truong-hoc" not in game_now


def fill(inspector, record, results):
    items = {
        str(i.pk): {"result": results.get(i.regulation.code, "pass")} for i in record.items.all()
    }
    return services.inspection_save(
        user=inspector, inspection=record, version=record.version, items=items
    )


def test_the_record_is_saved_as_the_inspector_goes(inspector, tree):
    record = services.inspection_start(
        user=inspector, establishment=place(tree.new_trung_chinh), on=date(2026, 11, 20)
    )
    item = record.items.get(regulation__code="nd54-dien-tich-phong")
    saved = services.inspection_save(
        user=inspector, inspection=record, version=1,
        items={str(item.pk): {"result": "fail", "observed": "Phòng 3: 16 m²"}}, findings="Phòng 3 nhỏ",
    )  # fmt: skip
    assert saved.version == 2
    item.refresh_from_db()
    assert (item.result, item.observed) == ("fail", "Phòng 3: 16 m²")
    with pytest.raises(services.StaleRecord, match="thiết bị khác"):  # another phone, older version
        services.inspection_save(user=inspector, inspection=record, version=1, items={})
    with pytest.raises(ValidationError, match="chưa ghi kết quả"):
        services.inspection_close(user=inspector, inspection=saved)
    saved = fill(inspector, saved, {"nd54-dien-tich-phong": "fail", "nd54-khoa-cua": "fail"})
    closed = services.inspection_close(user=inspector, inspection=saved)
    assert closed.status == Inspection.Status.CLOSED
    assert sorted(v.regulation.code for v in closed.violations.all()) == [
        "nd54-dien-tich-phong",
        "nd54-khoa-cua",
    ]
    assert "16 m²" in closed.violations.get(regulation__code="nd54-dien-tich-phong").description
    with pytest.raises(ValidationError, match="đã khóa"):
        services.inspection_save(
            user=inspector, inspection=closed, version=closed.version, items={}
        )


def test_scope(inspector, tree, member):
    other = place(tree.new_bo_ha)
    with pytest.raises(PermissionDenied):
        services.inspection_start(user=inspector, establishment=other, on=date(2026, 11, 20))


@pytest.fixture
def violation(inspector, tree):
    record = services.inspection_start(
        user=inspector, establishment=place(tree.new_trung_chinh), on=date(2026, 11, 20)
    )
    record = fill(inspector, record, {"nd54-dien-tich-phong": "fail", "nd54-gio-hoat-dong": "fail"})
    services.inspection_close(user=inspector, inspection=record)
    return record.violations.get(regulation__code="nd54-dien-tich-phong")


def issue(
    inspector,
    violation,
    amount,
    authority=DISTRICT,
    number="01/QĐ-XPVPHC",
    organisation=False,
    **kw,
):
    return services.penalty_issue(
        user=inspector, violation=violation, number=number, issued_on=date(2026, 11, 21), authority=authority,
        amount=amount, organisation=organisation, payment_due=date(2026, 12, 1), **kw,
    )  # fmt: skip


def test_the_amount_must_lie_within_the_rules_range(inspector, violation):
    with pytest.raises(ValidationError, match="từ 15.000.000 đồng đến 20.000.000 đồng"):
        issue(inspector, violation, 10_000_000)
    with pytest.raises(ValidationError, match="tổ chức phải từ 30.000.000"):
        issue(inspector, violation, 20_000_000, organisation=True)
    with pytest.raises(
        ValidationError, match="Chủ tịch UBND cấp xã chỉ được phạt tối đa 5.000.000"
    ):
        issue(inspector, violation, 16_000_000, authority=CHAIR)
    hours = violation.inspection.violations.get(regulation__code="nd54-gio-hoat-dong")
    with pytest.raises(ValidationError) as refused:
        issue(inspector, hours, 1_000_000)
    assert refused.value.error_dict["amount"][0].code == "no_fine_range"
    assert hours.regulation.no_fine_note in refused.value.messages[0]  # what to do instead
    assert not PenaltyDecision.objects.exists()
    decision = issue(
        inspector,
        violation,
        16_000_000,
        extra_measures="Buộc cải tạo phòng 3",
        follow_up_on=date(2027, 1, 15),
    )
    assert decision.amount == 16_000_000


def test_an_issued_decision_is_corrected_not_edited(inspector, violation, tree):
    first = issue(inspector, violation, 16_000_000)
    first.amount = 17_000_000
    with pytest.raises(ValidationError, match="không được sửa"):
        first.save()
    second = issue(inspector, violation, 17_000_000, number="02/QĐ-XPVPHC", corrects=first)
    assert second.corrects == first
    with pytest.raises(ValidationError, match="đã được đính chính"):
        issue(inspector, violation, 18_000_000, number="03/QĐ-XPVPHC", corrects=first)
    first.refresh_from_db()
    assert first.amount == 16_000_000 and not first.is_current
    services.penalty_mark_paid(user=inspector, decision=second, paid_on=date(2026, 11, 25))
    nov = Period.month(2026, 11)
    value = lambda code: get_indicator(f"inspections.{code}").compute([tree.bac_ninh], nov)  # noqa: E731
    assert value("penalties") == 1 and value("penalty_amount") == 17_000_000
    assert value("done") == 1 and value("establishments_inspected") == 1
    assert value("establishments_with_violations") == 1 and value("establishments_penalised") == 1


def test_a_plan_targets_establishments_not_inspected_for_twelve_months(inspector, tree):
    recent, stale, never = (
        place(tree.new_trung_chinh, name=n) for n in ("Karaoke A", "Karaoke B", "Karaoke C")
    )
    place(tree.new_trung_chinh, type_code="internet", name="Internet D")
    for e, day in ((recent, date(2026, 6, 1)), (stale, date(2025, 5, 1))):
        fill(inspector, services.inspection_start(user=inspector, establishment=e, on=day), {})
    plan = services.plan_create(user=inspector, unit=tree.new_trung_chinh, title="Kiểm tra karaoke quý IV/2026",
                                start=date(2026, 10, 1), end=date(2026, 12, 31), agencies="Văn hóa – Xã hội, Công an xã")  # fmt: skip
    karaoke = BusinessType.objects.get(code="karaoke")
    chosen = services.candidates(
        user=inspector, plan=plan, business_type=karaoke, not_inspected_months=12
    )
    assert sorted(e.name for e in chosen) == ["Karaoke B", "Karaoke C"]
    assert services.plan_add_targets(user=inspector, plan=plan, establishments=chosen) == 2
    assert services.plan_progress(plan) == {"targets": 2, "done": 0, "percent": 0}
    target = plan.targets.get(establishment__name="Karaoke C")
    record = services.inspection_start(
        user=inspector, establishment=target.establishment, on=date(2026, 11, 3), target=target
    )
    services.inspection_close(user=inspector, inspection=fill(inspector, record, {}))
    assert services.plan_progress(plan) == {"targets": 2, "done": 1, "percent": 50}


def test_every_shipped_rule_has_its_fine_ranges_or_says_why_not(db):
    from django.db import IntegrityError, transaction

    from tttt.inspections.models import Regulation

    rules = list(Regulation.objects.all())
    assert len(rules) >= 14
    for rule in rules:
        assert rule.has_fines or len(rule.no_fine_note) > 80, rule.code
        if rule.has_fines:
            assert rule.fine_basis, rule.code
    pccc = Regulation.objects.get(code="nd147-pccc")
    assert not pccc.has_fines and "Công an" in pccc.no_fine_note
    with pytest.raises(ValidationError) as refused:
        Regulation(**{**_fields(pccc), "code": "moi", "no_fine_note": ""}).full_clean()
    assert "no_fine_range" in [e.code for e in refused.value.error_dict["__all__"]]
    with pytest.raises(IntegrityError), transaction.atomic():
        Regulation.objects.filter(pk=pccc.pk).update(no_fine_note="")


def _fields(rule):
    return {f.name: getattr(rule, f.name) for f in rule._meta.concrete_fields if f.name != "id"}


def test_a_violation_without_a_fine_range_says_what_to_do_instead(inspector, tree, client):
    record = services.inspection_start(
        user=inspector, establishment=place(tree.new_trung_chinh, "game", "Điểm game Hải Đăng"),
        on=date(2026, 11, 20),
    )  # fmt: skip
    record = fill(inspector, record, {"nd147-pccc": "fail"})
    services.inspection_close(user=inspector, inspection=record)
    client.force_login(inspector)
    from django.urls import reverse

    html = client.get(reverse("inspections_record", args=[record.pk])).content.decode()
    assert 'data-testid="no-fine"' in html and "Công an xã" in html


def test_a_finished_plan_takes_no_new_targets_and_records_stay_within_its_period(inspector, tree):
    from tttt.inspections.models import InspectionPlan

    plan = services.plan_create(user=inspector, unit=tree.new_trung_chinh, title="Kiểm tra năm 2026",
                                start=date(2026, 1, 5), end=date(2026, 3, 31), agencies="")  # fmt: skip
    services.plan_add_targets(
        user=inspector, plan=plan, establishments=[place(tree.new_trung_chinh)]
    )
    target = plan.targets.get()
    with pytest.raises(ValidationError) as outside:
        services.inspection_start(user=inspector, establishment=target.establishment,
                                  on=date(2026, 11, 30), target=target)  # fmt: skip
    assert outside.value.code == "outside_plan_period"
    InspectionPlan.objects.filter(pk=plan.pk).update(status=InspectionPlan.Status.DONE)
    plan.refresh_from_db()
    late = place(tree.new_trung_chinh, name="Karaoke Sao Mai")
    with pytest.raises(ValidationError) as done:
        services.plan_add_targets(user=inspector, plan=plan, establishments=[late])
    assert done.value.code == "plan_done" and plan.targets.count() == 1
    with pytest.raises(ValidationError) as closed:
        services.inspection_start(user=inspector, establishment=target.establishment,
                                  on=date(2026, 3, 2), target=target)  # fmt: skip
    assert closed.value.code == "plan_done" and not Inspection.objects.exists()
