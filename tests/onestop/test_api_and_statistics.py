from decimal import Decimal

import pytest
from django.urls import reverse

from tttt.core.indicators import get_indicator
from tttt.core.periods import Period
from tttt.onestop import queries, services
from tttt.onestop.models import Dossier
from tttt.org.roles import LEADER

from .conftest import APPLICANT, at

API = "/api/v1/onestop"


def test_intake_and_transitions_through_the_api(client, staff, procedure, tree):
    client.force_login(staff.clerk)
    body = {"procedure": procedure.code, "unit": tree.new_trung_chinh.pk, "applicant": APPLICANT}
    created = client.post(f"{API}/dossiers", body, content_type="application/json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["citizen_id"] == "*********234" and data["allowed_actions"][0] == "assign"
    code = data["code"]
    bad = client.post(
        f"{API}/dossiers",
        {**body, "applicant": {**APPLICANT, "phone": "12"}},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert [(e["field"], e["code"]) for e in bad.json()["errors"]] == [("phone", "invalid")]
    assigned = client.post(
        f"{API}/dossiers/{code}/actions",
        {"action": "assign", "assignee": "tc.chuyenvien", "version": 1},
        content_type="application/json",
    )
    assert assigned.status_code == 200 and assigned.json()["status"] == "processing"
    stale = client.post(
        f"{API}/dossiers/{code}/actions",
        {"action": "refuse", "reason": "x", "version": 1},
        content_type="application/json",
    )
    assert stale.status_code == 409 and "tải lại" in stale.json()["detail"]
    unversioned = client.post(  # no stale-form check without the version seen: refused
        f"{API}/dossiers/{code}/actions", {"action": "refuse", "reason": "x"},
        content_type="application/json",
    )  # fmt: skip
    assert unversioned.status_code == 422
    wrong = client.post(
        f"{API}/dossiers/{code}/actions", {"action": "approve", "version": 2},
        content_type="application/json",
    )  # fmt: skip
    assert wrong.status_code == 403
    listing = client.get(f"{API}/dossiers", {"queue": "mine"})
    assert listing.json()["count"] == 0  # assigned to the specialist, not the clerk
    assert client.get(f"{API}/dossiers").json()["items"][0]["code"] == code


def test_api_scope_across_communes(client, staff, receive, tree):
    d = receive()
    client.force_login(staff.other_clerk)
    assert client.get(f"{API}/dossiers").json()["count"] == 0
    assert client.get(f"{API}/dossiers/{d.code}").status_code == 403
    refused = client.get(f"{API}/statistics", {"unit": tree.new_trung_chinh.pk, "period": "2026"})
    assert refused.status_code == 403
    assert client.get(f"{API}/dossiers/{d.code}").status_code == 403
    anonymous = client.__class__()
    assert anonymous.get(f"{API}/dossiers").status_code == 401


def test_a_province_officer_lists_one_communes_dossiers(client, staff, receive, tree, member):
    receive()
    receive(user=staff.other_clerk, unit=tree.new_bo_ha)
    client.force_login(member("bn.lanhdao", LEADER, tree.bac_ninh))

    def listed(**query):
        return [d["unit"] for d in client.get(f"{API}/dossiers", query).json()["items"]]

    assert sorted(listed()) == sorted([tree.new_trung_chinh.pk, tree.new_bo_ha.pk])
    assert listed(unit=tree.new_bo_ha.pk) == [tree.new_bo_ha.pk]
    assert listed(unit=tree.new_trung_chinh.pk) == [tree.new_trung_chinh.pk]
    assert listed(unit=tree.yen_the.pk) == []  # a former district: none of today's dossiers
    unknown = client.get(f"{API}/dossiers", {"unit": 999_999})
    assert unknown.status_code == 404 and unknown.json()["code"] == "not_found"


def test_public_lookup_api(client, receive):
    d = receive()
    ok = client.post(
        f"{API}/lookup",
        {"code": d.code, "phone": APPLICANT["phone"]},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["timeline"][0]["status"] == "received"
    assert "citizen_id" not in ok.json()
    miss = client.post(
        f"{API}/lookup", {"code": d.code, "phone": "0900000000"}, content_type="application/json"
    )
    assert miss.status_code == 404


def test_catalog_api(client, procedure, tree):
    page = client.get(f"{API}/procedures", {"unit": tree.new_trung_chinh.pk, "q": "tro choi"})
    assert page.json()["items"][0]["code"] == procedure.code


@pytest.fixture
def history(receive, staff):
    """Four dossiers in December 2026: early, on time, late, still pending and overdue."""

    def finish(d, when):
        for action in ("assign", "submit", "approve", "result_ready"):
            user = {"assign": staff.clerk, "approve": staff.leader}.get(action, staff.specialist)
            d = services.act(
                user=user, dossier=d, action=action, assignee=staff.specialist, now=when
            )
        return d

    early = finish(receive(now=at(7, 9)), at(8, 9))
    on_time = finish(receive(now=at(7, 9), channel="online"), at(10, 8))
    late = finish(receive(now=at(7, 9)), at(11, 9))
    pending = receive(now=at(7, 10))
    services.act(user=staff.clerk, dossier=receive(now=at(7, 11)), action="refuse", reason="x")
    return early, on_time, late, pending


def test_indicators_count_the_records(history, tree):
    dec = Period.month(2026, 12)
    units = [tree.new_trung_chinh]
    value = lambda code: get_indicator(f"onestop.{code}").compute(units, dec)  # noqa: E731
    assert value("received") == 4  # the refused one is not received
    assert value("received_online") == 1
    assert (
        value("resolved"),
        value("resolved_early"),
        value("resolved_on_time"),
        value("resolved_late"),
    ) == (3, 1, 1, 1)
    assert value("on_time_rate") == Decimal("66.67")
    assert value("received_in_time_rate") == Decimal("50.00")
    assert value("pending_overdue") == 1 and value("pending_in_time") == 0
    assert value("online_share") == Decimal("25.00")
    assert value("index766_tdgq") == Decimal("13.33")
    assert value("procedures") == 1
    # The province's figure covers its communes; another commune has none.
    assert get_indicator("onestop.received").compute([tree.bac_ninh], dec) == 4
    assert get_indicator("onestop.received").compute([tree.new_bo_ha], dec) == 0
    nov = Period.month(2026, 11)
    assert get_indicator("onestop.received").compute(units, nov) == 0


@pytest.mark.parametrize("period", ["2026-12", "2026-11", "2026", "2026-12-01..2026-12-07",
                                    "2026-12-08..2026-12-10", "2026-12-11..2026-12-31", "2026-Q4"])  # fmt: skip
def test_one_pass_for_many_figures_equals_each_figures_own_query(
    history, tree, period, django_assert_num_queries
):
    """A report asks every one-stop figure at once: one pass over the dossiers
    (`compute_many` with `all_figures`) must give what each indicator's own query gives;
    so must one grouped query for several units apart (a dashboard's communes)."""
    from tttt.core.indicators import all_indicators, compute_each, compute_many

    batched = [i for i in all_indicators() if i.app_label == "onestop" and i.batch is not None]
    assert len(batched) >= 20
    p = Period.parse(period)
    for units in ([tree.new_trung_chinh], [tree.bac_ninh], [tree.new_bo_ha]):
        together = compute_many(batched, units, p)
        assert together == {i.code: i.compute(units, p) for i in batched}, (period, units)
    apart = [tree.new_trung_chinh, tree.new_bo_ha]
    for ind in batched:
        with django_assert_num_queries(2):  # the rollup's mark, then one pass
            each = compute_each(ind, {u.pk: [u] for u in apart}, p)
        assert each == {u.pk: ind.compute([u], p) for u in apart}, (period, ind.code)


def test_statistics_page_and_child_table_agree_with_indicators(
    client, history, tree, member, django_assert_max_num_queries
):
    leader = member("bn.lanhdao", "lanh-dao", tree.bac_ninh)
    client.force_login(leader)
    figures = queries.statistics([tree.bac_ninh], Period.month(2026, 12))
    children = {
        r["unit"].name: r
        for r in queries.statistics_by_child([tree.bac_ninh], Period.month(2026, 12))
    }
    assert (figures["received"], figures["in_time"], figures["late"]) == (4, 2, 1)
    assert children["Xã Trung Chính"]["received"] == 4 and children["Xã Bố Hạ"]["received"] == 0
    page = client.get(
        reverse("onestop_statistics"), {"unit": tree.bac_ninh.pk, "period": "2026-12"}
    )
    html = page.content.decode()
    assert "66,67%" in html and "Xã Trung Chính" in html
    xlsx = client.get(
        reverse("onestop_statistics"),
        {"unit": tree.bac_ninh.pk, "period": "2026-12", "export": "xlsx"},
    )
    from io import BytesIO

    from openpyxl import load_workbook

    wb = load_workbook(BytesIO(xlsx.content))
    rows = {r[0]: r[1] for r in wb["Tổng hợp"].iter_rows(values_only=True) if r and r[0]}
    assert rows["Hồ sơ tiếp nhận"] == 4
    bad = client.get(reverse("onestop_statistics"), {"unit": tree.bac_ninh.pk, "period": "quy 5"})
    assert "Kỳ" in bad.content.decode() or "kỳ" in bad.content.decode()


def test_statistics_page_refuses_a_unit_outside_scope(client, staff, tree):
    client.force_login(staff.other_clerk)
    response = client.get(reverse("onestop_statistics"), {"unit": tree.new_trung_chinh.pk})
    assert response.status_code in (302, 403)
    assert Dossier.objects.count() == 0


def test_statistics_by_field_and_procedure(client, history, tree, procedure, member):
    from tttt.onestop.models import Procedure, ProcedureField

    other_field = ProcedureField.objects.create(code="HT", name="Hộ tịch")
    other = Procedure.objects.create(
        code="1.000001", name="Đăng ký khai sinh", field=other_field, level="commune", duration=1
    )
    dec = Period.month(2026, 12)
    assert queries.statistics([tree.bac_ninh], dec, procedure=procedure)["received"] == 4
    assert queries.statistics([tree.bac_ninh], dec, procedure=other)["received"] == 0
    assert queries.statistics([tree.bac_ninh], dec, field=other_field)["received"] == 0
    rows = queries.statistics_by_field([tree.bac_ninh], dec)
    assert [(r["field"], r["received"], r["late"]) for r in rows] == [("Văn hóa cơ sở", 4, 1)]
    leader = member("bn.lanhdao", "lanh-dao", tree.bac_ninh)
    client.force_login(leader)
    page = client.get(
        reverse("onestop_statistics"),
        {"unit": tree.bac_ninh.pk, "period": "2026-12", "procedure": "9.999"},
    )
    assert "Không có thủ tục mã «9.999»" in page.content.decode()
    api = client.get(
        "/api/v1/onestop/statistics", {"unit": tree.bac_ninh.pk, "period": "2026-12", "field": "HT"}
    )
    assert api.json()["figures"]["received"] == 0


def test_forwarding_to_another_officer(receive, staff):
    d = services.act(
        user=staff.clerk, dossier=receive(), action="assign", assignee=staff.specialist
    )
    d = services.act(
        user=staff.specialist,
        dossier=d,
        action="forward",
        assignee=staff.leader,
        reason="Nhờ xem lại",
    )
    assert d.assignee == staff.leader and d.status == "processing"
    assert d.events.order_by("pk").last().note.endswith("Nhờ xem lại")


def test_another_system_calls_the_api_with_a_key(client, staff, procedure, tree):
    from wagtail.models import APIToken

    _token, key = APIToken.create_token(user=staff.clerk, name="Cổng dịch vụ công tỉnh")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    body = {
        "procedure": procedure.code,
        "unit": tree.new_trung_chinh.pk,
        "applicant": APPLICANT,
        "channel": "online",
    }
    created = client.post(f"{API}/dossiers", body, content_type="application/json", **auth)
    assert created.status_code == 201 and created.json()["channel"] == "online"
    assert client.get(f"{API}/dossiers", **auth).json()["count"] == 1
    wrong = {"HTTP_AUTHORIZATION": "Bearer tttt_khong_dung"}
    assert client.get(f"{API}/dossiers", **wrong).status_code == 401
    _token.revoke()
    assert client.get(f"{API}/dossiers", **auth).status_code == 401


def test_register_and_monthly_chart(client, history, tree, member):
    from io import BytesIO

    from openpyxl import load_workbook

    leader = member("bn.lanhdao", "lanh-dao", tree.bac_ninh)
    client.force_login(leader)
    params = {"unit": tree.bac_ninh.pk, "period": "2026"}
    page = client.get(reverse("onestop_statistics"), params).content.decode()
    assert 'data-testid="monthly-chart"' in page and "12/2026" in page
    months = queries.statistics_by_month([tree.bac_ninh], Period.year(2026))
    assert [(m["received"], m["in_time"], m["late"]) for m in months] == [(4, 2, 1)]
    register = client.get(reverse("onestop_statistics"), {**params, "export": "register"})
    rows = list(load_workbook(BytesIO(register.content)).active.iter_rows(values_only=True))
    codes = [r[1] for r in rows[2:]]
    assert len(codes) == 5 and all(c.startswith("09523-2612") for c in codes)  # the refused one too
    assert all(r[5].startswith("*") for r in rows[2:])  # phones masked


def test_every_count_opens_the_list_of_exactly_its_dossiers(client, history, tree, member, staff):
    from tttt.core.indicators import Measure, all_indicators
    from tttt.reporting.catalog import catalog
    from tttt.reporting.queries import records_url

    leader = member("bn.lanhdao", "lanh-dao", tree.bac_ninh)
    client.force_login(leader)
    period = Period.month(2026, 12)
    entries = catalog()
    listed = [i for i in all_indicators() if i.records_list == "dossiers:index"]
    counted = [i.code for i in listed if i.measure == Measure.COUNT]
    assert (
        len(counted) == 12
    )  # every one-stop count: 10 by period (apologies too), 2 pending at its end
    shares = {i.code for i in listed if i.measure != Measure.COUNT}
    assert len(shares) == 6  # each share opens the dossiers it is a share of
    for share, whole in (("on_time_rate", "resolved"), ("online_share", "received"),
                         ("satisfaction", None)):  # fmt: skip
        page = client.get(
            records_url(entries[f"onestop.{share}"], tree.bac_ninh, period) + "&per_page=100"
        )
        if whole:
            expected = entries[f"onestop.{whole}"].indicator.compute([tree.bac_ninh], period)
            assert len(page.context["object_list"]) == expected, share
        assert page.context["figure"], share
    for code in counted:
        expected = entries[code].indicator.compute([tree.bac_ninh], period)
        url = records_url(entries[code], tree.bac_ninh, period)
        assert url.startswith(reverse("dossiers:index")), code
        page = client.get(url + "&per_page=100")
        shown = {d.pk for d in page.context["object_list"]}
        assert len(shown) == expected, (code, len(shown), expected)
        if expected:
            assert 'data-testid="figure-records"' in page.content.decode()
    late = client.get(records_url(entries["onestop.resolved_late"], tree.bac_ninh, period))
    assert {d.timing for d in late.context["object_list"]} == {"late"}
    client.force_login(staff.other_clerk)  # Bố Hạ's clerk asking for Trung Chính's figure
    other = client.get(records_url(entries["onestop.received"], tree.new_trung_chinh, period))
    assert other.context["figure"] is None
    assert all(d.unit_id != tree.new_trung_chinh.pk for d in other.context["object_list"])


def test_the_public_figures_page_publishes_the_results_with_open_data(client, history, tree):
    """Anyone reads a unit's one-stop results (received, in time, late, apologies) and the
    Decision 766 groups, live from the dossiers, and downloads them as CSV or JSON."""
    import csv
    import io

    from tttt.onestop.models import Dossier

    early, on_time, late, pending = history
    Dossier.objects.filter(pk=pending.pk).update(rescheduled_at=at(9, 9))  # form 04 sent
    url, ask = reverse("public_figures"), {"unit": tree.bac_ninh.pk, "period": "2026-12"}
    page = client.get(url, ask)
    html = page.content.decode()

    def shown(code):
        return html.split(f'data-code="{code}">')[1].split("<")[0]

    assert page.status_code == 200 and "Tháng 12/2026" in html
    assert (shown("onestop.received"), shown("onestop.resolved_in_time"), shown("onestop.resolved_late"),
            shown("onestop.on_time_rate"), shown("onestop.apologised")) == ("4", "2", "1", "66,67%", "1")  # fmt: skip
    assert shown("onestop.index766_tdgq") == "13,33"
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(url, {**ask, "dinh_dang": "csv"}).content.decode("utf-8-sig"))
        )
    )
    by_code = {r["ma_chi_tieu"]: r for r in rows}
    assert (
        by_code["onestop.received"]["so_lieu"] == "4"
        and by_code["onestop.on_time_rate"]["so_lieu"] == "66.67"
    )
    assert {r["tu_ngay"] for r in rows} == {"2026-12-01"} and {r["don_vi"] for r in rows} == {
        "Tỉnh Bắc Ninh"
    }
    data = client.get(url, {**ask, "dinh_dang": "json"}).json()
    assert {f["ma_chi_tieu"]: f["so_lieu"] for f in data["so_lieu"]}["onestop.resolved_late"] == 1
    assert data["den_ngay"] == "2026-12-31"
    # A commune without dossiers publishes zeros, not another unit's figures.
    other = client.get(url, {"unit": tree.new_bo_ha.pk, "period": "2026-12"}).content.decode()
    assert 'data-code="onestop.received">0<' in other
    bad = client.get(url, {**ask, "period": "2026-Q9"})
    assert bad.status_code == 200 and "Không hiểu kỳ «2026-Q9»" in bad.content.decode()
    assert client.get(url, {"unit": 99999999}).status_code == 404


def test_the_overview_compares_with_the_same_period_a_year_before(client, history, tree, member):
    from tttt.reporting.queries import overview

    tiles = {
        t.entry.code: t
        for _title, ts in overview(tree.bac_ninh, Period.month(2026, 12))
        for t in ts
    }
    received = tiles["onestop.received"]
    assert (received.shown, received.before_shown, received.change_shown) == ("4", "0", "+4")
    assert [p.label for p in received.trend][::12] == ["Tháng 12/2025", "Tháng 12/2026"]
    assert (
        tiles["onestop.on_time_rate"].shown == "66,67%"
        and tiles["onestop.on_time_rate"].change_shown == ""
    )
    client.force_login(member("bn.lanhdao", LEADER, tree.bac_ninh))
    html = client.get(reverse("reporting_overview"), {"period": "2026-12"}).content.decode()
    tile = html.split('data-code="onestop.pending_overdue"')[1].split("</section>")[0]
    link = tile.split('href="')[1].split('"')[0].replace("&amp;", "&")
    assert (
        len(client.get(link + "&per_page=100").context["object_list"]) == 1
    )  # the one late dossier
