"""The registries through their services: scope, the database's rules, history rows, and the
figures computed from them."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import records_behind
from tttt.core.indicators import get_indicator
from tttt.core.periods import Period
from tttt.infra import queries, services
from tttt.infra.models import (
    BtsStation,
    DigitalCertificate,
    EmailAccounts,
    EmailSurvey,
    Operator,
    PostalPoint,
    PostalPointStatus,
    RadioOutput,
    RadioStation,
    UndergroundingExtension,
    UndergroundingProgress,
    UndergroundingProject,
)
from tttt.org.indicators import compute_for_unit


def figure(code, unit, period):
    return compute_for_unit(get_indicator(code), unit, Period.parse(period))[0]


def test_operators_are_data(db):
    assert {"viettel", "vnpt", "mobifone", "vietnamobile", "vnpost"} <= set(
        Operator.objects.values_list("code", flat=True)
    )


def test_a_station_is_kept_in_scope_and_its_rules_hold(officer, station, tree):
    s = station()
    assert s.technologies == "4G" and s.search_name == "bnh0001 thon phu tho"
    with pytest.raises(PermissionDenied):
        station(code="BNH0002", unit=tree.new_bo_ha)
    s.unit = tree.new_bo_ha  # moving it out of scope is refused too
    with pytest.raises(PermissionDenied):
        services.record_save(user=officer, record=s)
    with pytest.raises(ValidationError, match="tồn tại|already exists"):
        station()  # same operator and code
    with pytest.raises(ValidationError) as caught:
        station(code="BNH0003", status=BtsStation.Status.STOPPED)  # stopped without a date
    assert "ngày ngừng" in str(caught.value)
    with pytest.raises(ValidationError):
        station(code="BNH0004", latitude="48.1")  # not in Vietnam
    assert BtsStation.objects.count() == 1


def test_the_database_itself_refuses_a_station_without_technology(station):
    s = station()
    with pytest.raises(IntegrityError), transaction.atomic():
        BtsStation.objects.filter(pk=s.pk).update(has_4g=False)


def test_bts_figures_follow_the_dates_across_the_reform(officer, station, tree):
    old = BtsStation.objects.create(
        operator=Operator.objects.get(code="vnpt"), code="LTI-01", address="Thứa",
        unit=tree.new_luong_tai, former_unit=tree.thua, has_3g=True,
        commissioned_on=date(2019, 3, 1),
    )  # fmt: skip
    station(code="A", commissioned=date(2024, 6, 1), has_5g=True)
    gone = station(code="B", commissioned=date(2020, 1, 1))
    gone.status, gone.stopped_on = BtsStation.Status.DISMANTLED, date(2025, 9, 1)
    services.record_save(user=officer, record=gone)
    station(code="C", commissioned=None, status=BtsStation.Status.PLANNED)
    station(code="D", commissioned=date(2024, 8, 1)).shared_with.set(
        [Operator.objects.get(code="mobifone")]
    )
    assert figure("infra.bts_operating", tree.bac_ninh, "2026") == 3  # old, A, D (C is planned)
    assert figure("infra.bts_operating", tree.bac_ninh, "2024") == 4  # old, A, B, D
    assert figure("infra.bts_new", tree.bac_ninh, "2024") == 2
    assert figure("infra.bts_5g", tree.bac_ninh, "2026") == 1
    assert figure("infra.bts_shared", tree.bac_ninh, "2026") == 1
    # The former district asked for 2019 finds the station by its former unit.
    assert figure("infra.bts_operating", tree.luong_tai, "2019") == 1
    assert old.pk


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["tc", "bh"]),
            st.integers(2016, 2026),
            st.one_of(st.none(), st.integers(0, 6)),
        ),
        max_size=12,
    )
)
def test_the_per_unit_table_equals_the_indicator_for_every_year(tree, rows):
    BtsStation.objects.all().delete()
    viettel = Operator.objects.get(code="viettel")
    units = {"tc": tree.new_trung_chinh, "bh": tree.new_bo_ha}
    for i, (where, year, stops_after) in enumerate(rows):
        stopped = date(year + stops_after, 7, 1) if stops_after is not None else None
        BtsStation.objects.create(
            operator=viettel, code=f"S{i}", address="x", unit=units[where], has_4g=True,
            commissioned_on=date(year, 3, 1), stopped_on=stopped,
            status="stopped" if stopped else "operating",
        )  # fmt: skip
    years = list(range(2018, 2027))
    table = dict(queries.bts_by_unit_and_year(tree.bac_ninh, years))
    for unit in units.values():
        for year, count in zip(years, table[unit], strict=True):
            assert count == get_indicator("infra.bts_operating").compute([unit], Period.year(year))


def test_undergrounding_extensions_progress_and_overdue(officer, tree, other_officer):
    viettel, vnpt = Operator.objects.filter(code__in=["viettel", "vnpt"]).order_by("code")
    p = services.record_save(user=officer, record=UndergroundingProject(
        name="Đường Hùng Vương", unit=tree.new_trung_chinh, length_m=1200,
        original_deadline=date(2026, 3, 31), decided_on=date(2025, 10, 1),
    ), m2m={"operators": [viettel, vnpt]})  # fmt: skip
    assert p.deadline == date(2026, 3, 31) and p.operators.count() == 2
    overdue = queries.overdue(UndergroundingProject.objects.all(), today=date(2026, 4, 1))
    assert list(overdue) == [p]
    with pytest.raises(ValidationError, match="sau thời hạn hiện tại"):
        services.project_extend(user=officer, extension=UndergroundingExtension(
            project=p, decision_number="12/QĐ-UBND", decided_on=date(2026, 3, 20),
            new_deadline=date(2026, 3, 1), reason="Vướng mặt bằng"))  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.project_extend(user=other_officer, extension=UndergroundingExtension(
            project=p, decision_number="12/QĐ-UBND", decided_on=date(2026, 3, 20),
            new_deadline=date(2026, 6, 30), reason="Vướng mặt bằng"))  # fmt: skip
    services.project_extend(user=officer, extension=UndergroundingExtension(
        project=p, decision_number="12/QĐ-UBND", decided_on=date(2026, 3, 20),
        new_deadline=date(2026, 6, 30), reason="Vướng mặt bằng"))  # fmt: skip
    p.refresh_from_db()
    assert p.deadline == date(2026, 6, 30) and p.original_deadline == date(2026, 3, 31)
    assert not queries.overdue(UndergroundingProject.objects.all(), today=date(2026, 4, 1)).exists()
    # As known at the end of Q1 (the extension was decided on 20/3) it was not overdue either;
    # at the end of Q3 it is.
    assert figure("infra.undergrounding_overdue", tree.bac_ninh, "2026-Q1") == 0
    assert figure("infra.undergrounding_overdue", tree.bac_ninh, "2026-Q3") == 1
    with pytest.raises(ValidationError, match="không sửa"):
        p.original_deadline = date(2026, 5, 1)
        services.record_save(user=officer, record=p)
    p.refresh_from_db()
    services.project_progress(user=officer, report=UndergroundingProgress(
        project=p, on=date(2026, 5, 1), percent=40, note="Đã kéo 480 m cáp"))  # fmt: skip
    with pytest.raises(ValidationError, match="Đã có báo cáo"):
        services.project_progress(user=officer, report=UndergroundingProgress(
            project=p, on=date(2026, 4, 1), percent=50))  # fmt: skip
    services.project_progress(user=officer, report=UndergroundingProgress(
        project=p, on=date(2026, 6, 20), percent=100))  # fmt: skip
    p.refresh_from_db()
    assert (p.status, p.completed_on, p.progress_percent) == ("completed", date(2026, 6, 20), 100)
    assert figure("infra.undergrounding_completed", tree.bac_ninh, "2026-Q2") == 1
    assert figure("infra.undergrounding_completed_m", tree.bac_ninh, "2026") == 1200
    with pytest.raises(ValidationError, match="hoàn thành"):
        services.project_extend(user=officer, extension=UndergroundingExtension(
            project=p, decision_number="20/QĐ-UBND", decided_on=date(2026, 7, 1),
            new_deadline=date(2026, 12, 31), reason="x"))  # fmt: skip
    history = UndergroundingProgress.objects.first()
    with pytest.raises(ValidationError, match="không sửa"):
        services.project_progress(user=officer, report=history)


def test_postal_points_status_history_gives_the_figures(officer, tree, client):
    points = [
        services.record_save(
            user=officer,
            record=PostalPoint(
                name=f"Điểm BĐVH xã {i}",
                address="Trung tâm xã",
                unit=tree.new_trung_chinh,
                opened_on=date(2020, 1, 1),
            ),
        )  # fmt: skip
        for i in range(3)
    ]
    assert all(p.status == "operating" for p in points)
    with pytest.raises(ValidationError, match="lý do"):
        services.postal_status(user=officer, change=PostalPointStatus(
            point=points[0], status="suspended", since=date(2026, 2, 1)))  # fmt: skip
    services.postal_status(user=officer, change=PostalPointStatus(
        point=points[0], status="suspended", since=date(2026, 2, 1),
        reason="Không có nhân viên phục vụ"))  # fmt: skip
    with pytest.raises(ValidationError, match="ghi ngày sau"):
        services.postal_status(user=officer, change=PostalPointStatus(
            point=points[0], status="operating", since=date(2026, 1, 1)))  # fmt: skip
    services.postal_status(user=officer, change=PostalPointStatus(
        point=points[1], status="closed", since=date(2026, 3, 1), reason="Sáp nhập điểm"))  # fmt: skip
    points[0].refresh_from_db()
    assert points[0].status == "suspended"
    assert figure("infra.postal_points", tree.new_trung_chinh, "2026-Q1") == 2
    assert figure("infra.postal_points_suspended", tree.new_trung_chinh, "2026-Q1") == 1
    assert figure("infra.postal_points_suspended", tree.new_trung_chinh, "2025") == 0
    assert figure("infra.postal_points", tree.new_trung_chinh, "2025") == 3
    # The list finds the points by status as people write it, with or without diacritics.
    client.force_login(officer)
    for words in ("Tạm ngưng", "tam ngung"):
        page = client.get(reverse("buu-dien-van-hoa:index"), {"q": words})
        assert [p.pk for p in page.context["object_list"]] == [points[0].pk]


def test_radio_outputs_do_not_overlap_and_sum_in_the_period(officer, tree, client):
    with pytest.raises(ValidationError, match="54–108"):
        services.record_save(user=officer, record=RadioStation(
            name="Đài FM xã", unit=tree.new_trung_chinh, technology="fm", frequency_mhz=120))  # fmt: skip
    st_ = services.record_save(user=officer, record=RadioStation(
        name="Đài truyền thanh xã Trung Chính", unit=tree.new_trung_chinh, technology="ip",
        staff=2, monthly_allowance=1_200_000))  # fmt: skip
    for month in (1, 2, 3):
        services.output_save(user=officer, output=RadioOutput(
            station=st_, period_start=date(2026, month, 1), period_end=date(2026, month, 28),
            news_programmes=30, items_used=340, relays=1, tv_clips=30, tv_features=4,
            posted_online=26))  # fmt: skip
    with pytest.raises(ValidationError, match="trùng"):
        services.output_save(user=officer, output=RadioOutput(
            station=st_, period_start=date(2026, 2, 15), period_end=date(2026, 3, 15)))  # fmt: skip
    with pytest.raises(ValidationError, match="Đến ngày"):
        services.output_save(user=officer, output=RadioOutput(
            station=st_, period_start=date(2026, 5, 15), period_end=date(2026, 5, 1)))  # fmt: skip
    assert figure("infra.radio_items_used", tree.bac_ninh, "2026-Q1") == 1020
    assert figure("infra.radio_news_programmes", tree.bac_ninh, "2026-01") == 30
    assert figure("infra.radio_stations_ip", tree.bac_ninh, "2026") == 1
    client.force_login(officer)  # the figure opens the logs it adds up, with their total
    rows, page = records_behind(client, "infra.radio_items_used", tree.new_trung_chinh, "2026-Q1")
    assert len(rows) == 3 and page.context["figure"].total == 1020
    assert 'data-testid="figure-total"' in page.content.decode()
    rows, page = records_behind(client, "infra.radio_tv_features", tree.new_trung_chinh, "2026-01")
    assert len(rows) == 1 and page.context["figure"].total == 4
    rows, _page = records_behind(client, "infra.radio_stations_ip", tree.new_trung_chinh, "2026")
    assert [r.pk for r in rows] == [st_.pk]


def test_certificates_expiry_revocation_and_figures(officer, tree):
    def cert(serial, issued, expires, **kw):
        return services.record_save(user=officer, record=DigitalCertificate(
            holder_name="Phòng Văn hóa - Xã hội", unit=tree.office, kind="organisation",
            serial=serial, issued_on=issued, expires_on=expires, **kw))  # fmt: skip

    a = cert("54010101A", date(2026, 1, 5), date(2026, 12, 20))
    cert("54010101B", date(2025, 12, 20), date(2030, 1, 1), received_on=date(2026, 1, 10))
    with pytest.raises(ValidationError, match="sau ngày cấp"):
        cert("54010101C", date(2026, 1, 5), date(2026, 1, 1))
    with pytest.raises(ValidationError):
        cert("54010101A", date(2026, 1, 5), date(2027, 1, 1))  # serial is unique
    soon = queries.expiring(DigitalCertificate.objects.all(), 30, today=date(2026, 11, 25))
    assert list(soon) == [a]
    with pytest.raises(ValidationError, match="lý do"):
        services.certificate_revoke(user=officer, certificate=a, on=date(2026, 11, 26), reason=" ")
    a.refresh_from_db()
    services.certificate_revoke(
        user=officer, certificate=a, on=date(2026, 11, 26), reason="Mất USB token"
    )
    assert not queries.expiring(
        DigitalCertificate.objects.all(), 30, today=date(2026, 11, 27)
    ).exists()
    assert figure("infra.certificates_received", tree.bac_ninh, "2026-Q1") == 2
    assert figure("infra.certificates_revoked", tree.bac_ninh, "2026") == 1
    assert figure("infra.certificates_valid", tree.bac_ninh, "2026") == 1
    a.refresh_from_db()
    old = cert("54010101D", date(2020, 1, 5), date(2023, 1, 5))
    assert (a.state_label, old.state_label) == ("Đã thu hồi", "Đã hết hạn")
    assert DigitalCertificate.objects.get(serial="54010101B").state_label == "Còn hiệu lực"


def test_email_accounts_use_the_latest_count_and_surveys_give_shares(officer, tree, client):
    for on, accounts, active in [(date(2026, 1, 1), 20, 12), (date(2026, 6, 1), 24, 20)]:
        services.record_save(user=officer, record=EmailAccounts(
            unit=tree.office, on=on, accounts=accounts, active_accounts=active))  # fmt: skip
    with pytest.raises(ValidationError, match="không vượt"):
        services.record_save(user=officer, record=EmailAccounts(
            unit=tree.office, on=date(2026, 7, 1), accounts=5, active_accounts=6))  # fmt: skip
    services.record_save(user=officer, record=EmailSurvey(
        unit=tree.new_trung_chinh, surveyed_on=date(2026, 10, 1), respondents=40, proficient=22,
        regular=18))  # fmt: skip
    with pytest.raises(ValidationError, match="không vượt"):
        services.record_save(user=officer, record=EmailSurvey(
            unit=tree.new_trung_chinh, surveyed_on=date(2026, 10, 2), respondents=10,
            proficient=11, regular=1))  # fmt: skip
    assert figure("infra.email_accounts", tree.bac_ninh, "2026-Q1") == 20
    assert figure("infra.email_active_accounts", tree.bac_ninh, "2026") == 20
    assert str(figure("infra.email_proficient_share", tree.bac_ninh, "2026")) == "55.00"
    assert str(figure("infra.email_regular_share", tree.bac_ninh, "2026")) == "45.00"
    assert figure("infra.email_proficient_share", tree.bac_ninh, "2025") is None
    client.force_login(officer)  # the figure lists each unit's latest report, and their sum
    for period, on, total in (("2026-Q1", date(2026, 1, 1), 20), ("2026", date(2026, 6, 1), 24)):
        rows, page = records_behind(client, "infra.email_accounts", tree.new_trung_chinh, period)
        assert [r.on for r in rows] == [on] and page.context["figure"].total == total
    rows, page = records_behind(client, "infra.email_active_accounts", tree.new_trung_chinh, "2026")
    assert page.context["figure"].total == 20
    rows, _page = records_behind(client, "infra.email_regular_share", tree.new_trung_chinh, "2026")
    assert [r.respondents for r in rows] == [40]


def test_only_mobile_networks_run_bts_stations(db):
    from django.core.exceptions import ValidationError

    from tttt.infra.models import BtsStation, Operator

    post = Operator.objects.get(code="vnpost")
    station = BtsStation(operator=post, code="BN-0001", address="Thôn Ngọc Quan")
    with pytest.raises(ValidationError) as refused:
        station.clean()
    assert refused.value.error_dict["operator"][0].code == "not_a_mobile_operator"
    mobile = set(Operator.objects.filter(mobile=True).values_list("code", flat=True))
    assert {"viettel", "vnpt", "mobifone"} <= mobile and not {"vnpost", "vtvcab", "sctv"} & mobile
