"""SIM sellers under the rules of their day, citizens' reports that become inspection
targets, and publication recalls with their checks (issue 20)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tttt.core.indicators import get_indicator
from tttt.core.periods import Period
from tttt.inspections import services
from tttt.inspections.models import InspectionPlan, Recall, RecallCheck, Tip
from tttt.org.roles import INSPECTOR, SPECIALIST

from .test_inspections import codes, place


@pytest.fixture
def inspector(tree, member):
    return member("lt.thanhtra", INSPECTOR, tree.luong_tai)


def report(**kw):
    data = dict(business_type="sim", place="Người bán SIM trước chợ Thứa", address="Chợ Thứa",
                description="Bán SIM đã đăng ký sẵn thông tin của người khác.",
                reporter_name="Nguyễn Thị Hạnh", reporter_contact="0912 000 111")  # fmt: skip
    return services.TipReport(**{**data, **kw})


def test_sim_sellers_are_checked_by_the_rules_of_their_day(db):
    assert codes("sim", date(2013, 2, 1)) == [
        "tt04-dia-diem",
        "tt04-hop-dong",
        "tt04-sim-nguoi-khac",
    ]
    assert codes("sim", date(2020, 2, 1)) == [
        "nd49-dia-diem",
        "nd49-hop-dong",
        "nd49-sim-nguoi-khac",
    ]
    today = codes("sim", date(2026, 11, 1))
    assert "tt08-xac-thuc" in today and "nd163-hop-dong" in today and len(today) == 4
    assert codes("sim", date(2026, 3, 1)).count("tt08-xac-thuc") == 0  # in force from 15/4/2026
    from tttt.inspections.models import Regulation

    # No fine range was verified: every SIM rule says what the team does instead.
    assert not Regulation.objects.filter(business_types__code="sim", no_fine_note="").exists()


def test_a_citizens_report_becomes_an_inspection_target(tree, inspector):
    tip = services.tip_from_citizen(unit=tree.luong_tai, report=report())
    assert tip.status == Tip.Status.NEW
    seller = place(tree.thua, "sim", "Người bán SIM lưu động Trần Văn Long")
    plan = services.plan_create(user=inspector, unit=tree.luong_tai, title="Kiểm tra điểm bán SIM",
                                start=date(2019, 10, 1), end=date(2019, 12, 20))  # fmt: skip
    tip = services.tip_target(user=inspector, tip=tip, plan=plan, establishment=seller)
    assert tip.status == Tip.Status.TARGETED and tip.target.plan == plan
    assert plan.targets.get().establishment == seller
    # A second report of the same seller joins the target already there.
    again = services.tip_from_citizen(
        unit=tree.luong_tai, report=report(reporter_name="Lê Văn Tám")
    )
    again = services.tip_target(user=inspector, tip=again, plan=plan, establishment=seller)
    assert again.target == tip.target and plan.targets.count() == 1
    # The record of the inspection starts from the target, with the rules of 2019.
    record = services.inspection_start(user=inspector, establishment=seller, on=date(2019, 10, 15),
                                       target=tip.target)  # fmt: skip
    assert {i.regulation.code for i in record.items.select_related("regulation")} == {
        "nd49-dia-diem", "nd49-hop-dong", "nd49-sim-nguoi-khac"}  # fmt: skip


def test_a_report_is_handled_once_and_dismissed_only_with_a_reason(tree, inspector):
    tip = services.tip_from_citizen(unit=tree.luong_tai, report=report())
    with pytest.raises(ValidationError) as refused:
        services.tip_dismiss(user=inspector, tip=tip, reason="  ")
    assert refused.value.error_dict["reason"][0].code == "reason_required"
    services.tip_dismiss(user=inspector, tip=tip, reason="Không tìm thấy người bán.")
    with pytest.raises(ValidationError) as refused:
        services.tip_dismiss(user=inspector, tip=tip, reason="Lần nữa")
    assert refused.value.error_list[0].code == "tip_handled"


def test_a_report_names_every_problem_and_a_plan_outside_or_done_is_refused(
    tree, inspector, member
):
    with pytest.raises(ValidationError) as refused:
        services.tip_from_citizen(unit=tree.luong_tai, report=report(business_type="khong-co"))
    assert refused.value.error_dict["business_type"][0].code == "type_inactive"
    with pytest.raises(ValidationError) as refused:
        services.tip_from_citizen(unit=tree.luong_tai, report=report(place="", description=""))
    assert {"place", "description"} <= set(refused.value.error_dict)
    tip = services.tip_from_citizen(unit=tree.luong_tai, report=report())
    other = place(tree.bo_ha, "sim", "Cửa hàng Bố Hạ")  # another province's seller
    plan = services.plan_create(user=inspector, unit=tree.luong_tai, title="Kế hoạch",
                                start=date(2019, 10, 1), end=date(2019, 12, 20))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.tip_target(user=inspector, tip=tip, plan=plan, establishment=other)
    assert refused.value.error_dict["establishment"][0].code == "outside_unit"
    InspectionPlan.objects.filter(pk=plan.pk).update(status=InspectionPlan.Status.DONE)
    plan.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.tip_target(
            user=inspector, tip=tip, plan=plan, establishment=place(tree.thua, "sim")
        )
    assert refused.value.error_list[0].code == "plan_done"
    reader = member("lt.chuyenvien", SPECIALIST, tree.luong_tai)
    with pytest.raises(PermissionDenied):
        services.tip_dismiss(user=reader, tip=tip, reason="Không có")
    assert Tip.objects.get(pk=tip.pk).status == Tip.Status.NEW


def test_the_portal_takes_a_report_and_refuses_a_bad_one_naming_each_field(client, tree, superuser):
    from tttt.portal import services as portal

    home = portal.portal_create(user=superuser, unit=tree.luong_tai, hostname="luongtai.localhost",
                                today=date(2019, 9, 1))  # fmt: skip
    from tttt.portal.models import TipPage

    page = TipPage.objects.get(unit=tree.luong_tai)
    assert page.get_parent().pk == home.pk
    shown = client.get(page.url, HTTP_HOST="luongtai.localhost")
    assert shown.status_code == 200 and "Gửi phản ánh" in shown.content.decode()
    url = f"/cong/phan-anh/{page.pk}/"
    bad = client.post(url, {"business_type": "sim", "place": "", "address": "Chợ Thứa",
                            "description": "", "reporter_name": "A", "reporter_contact": ""},
                      HTTP_HOST="luongtai.localhost")  # fmt: skip
    assert bad.status_code == 400 and set(bad.context["form"].errors) == {
        "place", "description", "reporter_contact"}  # fmt: skip
    assert not Tip.objects.exists()
    data = {"business_type": "sim", "place": "Người bán SIM", "address": "Chợ Thứa",
            "description": "Bán SIM đã kích hoạt sẵn.", "reporter_name": "Hạnh", "reporter_contact": "0912000111"}  # fmt: skip
    sent = client.post(url, data, HTTP_HOST="luongtai.localhost")
    assert sent.status_code == 302 and Tip.objects.get().unit == tree.luong_tai
    client.post(url, {**data, "website": "http://spam"}, HTTP_HOST="luongtai.localhost")
    assert Tip.objects.count() == 1  # the honeypot's post is dropped


# ---------------------------------------------------------------- recalls


def _recall(user, unit, **kw):
    data = dict(unit=unit, publication="Sách «Bí quyết làm giàu nhanh»", decision_number="45/QĐ-XBIPH",
                issuer="Cục Xuất bản, In và Phát hành", decided_on=date(2019, 5, 20), received_on=date(2019, 5, 27))  # fmt: skip
    return services.recall_create(user=user, recall=Recall(**{**data, **kw}))


def test_a_recall_lists_the_sellers_and_counts_the_copies_withdrawn(tree, inspector):
    shops = [place(tree.thua, "publication", f"Nhà sách {n}") for n in ("Tuổi Trẻ", "Hồng Hà")]
    place(tree.trung_chinh, "printing", "Photocopy Minh Anh")
    place(tree.trung_chinh, "game", "Game Sao Mai")  # not a seller of publications
    recall = _recall(inspector, tree.luong_tai)
    assert services.recall_candidates(recall).count() == 3
    assert services.recall_add_sellers(user=inspector, recall=recall,
                                       establishments=services.recall_candidates(recall)) == 3  # fmt: skip
    checks = list(recall.checks.order_by("pk"))
    services.recall_check(
        user=inspector, check=checks[0], result="withdrawn", on=date(2019, 6, 3), quantity=35
    )
    services.recall_check(user=inspector, check=checks[1], result="none", on=date(2019, 6, 4))
    with pytest.raises(ValidationError) as refused:  # every problem at once
        services.recall_check(
            user=inspector, check=checks[2], result="withdrawn", on=date(2019, 5, 1), quantity=0
        )
    assert set(refused.value.error_dict) == {"checked_on", "quantity"}
    with pytest.raises(ValidationError) as refused:
        services.recall_check(user=inspector, check=checks[0], result="none", on=date(2019, 6, 5))
    assert refused.value.error_list[0].code == "check_done"
    nine = Period.first_nine_months(2019)
    assert get_indicator("inspections.recall_checks").compute([tree.luong_tai], nine) == 2
    assert get_indicator("inspections.recall_copies").compute([tree.luong_tai], nine) == 35
    assert get_indicator("inspections.recall_copies").compute([tree.thua], nine) == 35
    assert get_indicator("inspections.recalls").compute([tree.luong_tai], nine) == 1
    assert shops[0].pk in {c.establishment_id for c in checks}


def test_a_recall_is_refused_whole_and_keeps_to_its_territory(tree, inspector):
    with pytest.raises(ValidationError) as refused:
        _recall(inspector, tree.luong_tai, received_on=date(2019, 5, 1), publication="")
    assert {"publication", "__all__"} <= set(refused.value.error_dict)
    assert not Recall.objects.exists()
    recall = _recall(inspector, tree.luong_tai)
    far = place(tree.bo_ha, "publication", "Nhà sách Bố Hạ")
    with pytest.raises(ValidationError) as refused:
        services.recall_add_sellers(user=inspector, recall=recall, establishments=[far])
    assert refused.value.error_dict["establishments"][0].code == "outside_unit"
    assert not RecallCheck.objects.exists()


def test_sim_figures_count_sellers_inspected_and_violating(tree, superuser):
    sellers = [place(tree.thua, "sim", f"Cửa hàng {i}") for i in range(3)]
    plan = services.plan_create(user=superuser, unit=tree.luong_tai, title="Quý I/2013",
                                start=date(2013, 1, 14), end=date(2013, 3, 29))  # fmt: skip
    services.plan_add_targets(user=superuser, plan=plan, establishments=sellers[:2])
    for i, target in enumerate(plan.targets.order_by("pk")):
        record = services.inspection_start(user=superuser, establishment=target.establishment,
                                           on=date(2013, 2, 1), target=target)  # fmt: skip
        items = {str(it.pk): {"result": "fail" if i == 0 and it.regulation.code == "tt04-sim-nguoi-khac" else "pass",
                              "observed": "Bán SIM của người khác"} for it in record.items.select_related("regulation")}  # fmt: skip
        record = services.inspection_save(
            user=superuser, inspection=record, version=record.version, items=items
        )
        services.inspection_close(user=superuser, inspection=record)
    q1 = Period.quarter(2013, 1)
    assert get_indicator("establishments.operating_sim").compute([tree.luong_tai], q1) == 3
    assert get_indicator("inspections.sim_inspected").compute([tree.luong_tai], q1) == 2
    assert get_indicator("inspections.sim_with_violations").compute([tree.luong_tai], q1) == 1
    assert get_indicator("inspections.sim_with_violations").compute([tree.old_bac_giang], q1) == 0


def test_api_lists_reports_and_records_a_recall_check_in_scope(client, tree, inspector):
    from wagtail.models import APIToken

    tip = services.tip_from_citizen(unit=tree.luong_tai, report=report())
    services.tip_from_citizen(unit=tree.yen_the, report=report(place="Khác"))  # outside the scope
    recall = _recall(inspector, tree.luong_tai)
    services.recall_add_sellers(
        user=inspector, recall=recall, establishments=[place(tree.thua, "publication")]
    )
    _token, key = APIToken.create_token(user=inspector, name="Phần mềm kiểm tra")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    tips = client.get("/api/v1/inspections/tips", **auth).json()
    assert [t["id"] for t in tips["items"]] == [tip.pk]
    detail = client.get(f"/api/v1/inspections/recalls/{recall.pk}", **auth).json()
    assert detail["sellers"] == 1 and detail["checks"][0]["result"] == ""
    check = detail["checks"][0]["id"]
    bad = client.post(f"/api/v1/inspections/recall-checks/{check}", {"result": "withdrawn", "checked_on": "2019-06-03"},
                      content_type="application/json", **auth)  # fmt: skip
    assert bad.status_code == 422 and "quantity" in str(bad.json())
    ok = client.post(f"/api/v1/inspections/recall-checks/{check}",
                     {"result": "withdrawn", "checked_on": "2019-06-03", "quantity": 12},
                     content_type="application/json", **auth)  # fmt: skip
    assert ok.status_code == 200 and ok.json()["quantity"] == 12
    assert RecallCheck.objects.get(pk=check).quantity == 12


def test_the_home_page_counts_the_reports_waiting_and_opens_them(client, tree, inspector):
    waiting = services.tip_from_citizen(unit=tree.luong_tai, report=report())
    handled = services.tip_from_citizen(unit=tree.luong_tai, report=report(place="Đã xử lý"))
    services.tip_dismiss(user=inspector, tip=handled, reason="Không tìm thấy.")
    services.tip_from_citizen(
        unit=tree.yen_the, report=report(place="Huyện khác")
    )  # outside the scope
    client.force_login(inspector)
    home = client.get("/admin/").content.decode()
    assert 'data-testid="tttt-tips-waiting"' in home and "Chưa xử lý: <b>1</b>" in home
    listed = client.get("/admin/kiem-tra/phan-anh/?status=new").context["object_list"]
    assert [t.pk for t in listed] == [waiting.pk]
