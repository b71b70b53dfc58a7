"""The FM band the planning reserves for each level of station is data with its basis: a
commune's wireless station on 96,5 MHz is out of the planning (54–68 MHz), a district
station on 99,6 MHz is not; the figure and its list count the commune's; a band changed or
ended changes the answer, and only an administrator changes it."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import records_behind, sign_in_verified
from tttt.core.indicators import get_indicator
from tttt.core.periods import Period
from tttt.infra import services
from tttt.infra.models import FrequencyBand, RadioStation, SpeakerCluster
from tttt.org.services import shared_save

pytestmark = pytest.mark.django_db


def figure(unit, period="2026"):
    return get_indicator("infra.radio_fm_out_of_band").compute([unit], Period.parse(period))


def test_a_commune_station_outside_its_band_is_counted_and_listed(officer, tree, client, superuser):
    bands = {b.code: b for b in FrequencyBand.objects.all()}
    assert (bands["fm-xa"].low_mhz, bands["fm-xa"].high_mhz, bands["fm-xa"].max_power_w) == (
        54,
        68,
        30,
    )
    assert not bands["fm-xa"].is_verified and "601/CTS-PTTH" in bands["fm-xa"].legal_basis
    out = services.record_save(user=officer, record=RadioStation(
        name="Đài truyền thanh xã Trung Chính", unit=tree.new_trung_chinh, technology="fm",
        frequency_mhz=Decimal("96.5"), established_on=date(2026, 1, 5)))  # fmt: skip
    services.record_save(user=officer, record=RadioStation(
        name="Đài truyền thanh không dây thôn Phú Thọ", unit=tree.new_trung_chinh, technology="fm",
        frequency_mhz=Decimal("60.25"), established_on=date(2026, 1, 5)))  # fmt: skip
    RadioStation.objects.create(name="Đài Phát thanh huyện Lương Tài", unit=tree.luong_tai, technology="fm",
                                frequency_mhz=Decimal("99.6"))  # fmt: skip
    assert figure(tree.new_trung_chinh) == 1 and figure(tree.luong_tai, "2019") == 0
    client.force_login(officer)
    rows, _page = records_behind(client, "infra.radio_fm_out_of_band", tree.new_trung_chinh, "2026")
    assert [r.pk for r in rows] == [out.pk]
    page = client.get(reverse("truyen-thanh:inspect", args=[out.pk])).content.decode()
    assert "Tần số ngoài băng tần quy hoạch" in page and "54–68 MHz, tối đa 30 W" in page
    # The planning is data: widened, or no longer in force, the answer follows.
    band = bands["fm-xa"]
    band.high_mhz = Decimal("108")
    with pytest.raises(PermissionDenied):
        shared_save(user=officer, record=band)
    shared_save(user=superuser, record=band)
    assert figure(tree.new_trung_chinh) == 0
    band.high_mhz, band.valid_to = Decimal("68"), date(2025, 12, 31)
    shared_save(user=superuser, record=band)
    assert figure(tree.new_trung_chinh) == 0  # no band in force for communes: nothing to hold it to
    assert figure(tree.new_trung_chinh, "2026-01") == 0
    RadioStation.objects.filter(pk=out.pk).update(established_on=date(2025, 3, 1))
    assert figure(tree.new_trung_chinh, "2025") == 1  # the band was in force then


def test_the_clusters_of_an_ip_station_report_their_status_and_the_figures_follow(
    officer, other_officer, tree, client
):
    from wagtail.models import APIToken

    station = services.record_save(user=officer, record=RadioStation(
        name="Đài truyền thanh thông minh xã Trung Chính", unit=tree.new_trung_chinh, technology="ip",
        established_on=date(2025, 9, 1)))  # fmt: skip
    clusters = [services.cluster_save(user=officer, cluster=SpeakerCluster(
        station=station, name=f"Cụm loa thôn {name}", installed_on=date(2025, 9, 1))) for name in ("Phú Thọ", "Ngọc Quan")]  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.cluster_save(
            user=other_officer, cluster=SpeakerCluster(station=station, name="Cụm loa lạ")
        )
    with pytest.raises(ValidationError):  # the same name twice on a station
        services.cluster_save(
            user=officer, cluster=SpeakerCluster(station=station, name="Cụm loa thôn Phú Thọ")
        )
    code = "infra.radio_ip_clusters"
    assert get_indicator(code).compute([tree.new_trung_chinh], Period.parse("2026")) == 2
    # The provincial source system reports a cluster lost, with its key.
    _token, key = APIToken.create_token(user=officer, name="Hệ thống thông tin nguồn tỉnh")
    changed = client.put(f"/api/v1/speaker-clusters/{clusters[1].pk}",
                         {"station": station.pk, "name": clusters[1].name, "status": "offline",
                          "last_seen_at": "2026-11-30T06:00:00+07:00"},
                         content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")  # fmt: skip
    assert changed.status_code == 200, changed.content
    assert figure_down(tree.new_trung_chinh) == 1
    client.force_login(officer)
    rows, _page = records_behind(
        client, "infra.radio_ip_clusters_down", tree.new_trung_chinh, "2026"
    )
    assert [r.pk for r in rows] == [clusters[1].pk]
    page = client.get(reverse("truyen-thanh:inspect", args=[station.pk])).content.decode()
    assert "Mất kết nối" in page and "Cụm loa thôn Ngọc Quan" in page


def figure_down(unit):
    return get_indicator("infra.radio_ip_clusters_down").compute([unit], Period.parse("2026"))


def test_the_planning_page_saves_through_the_shared_service(client, superuser, officer):
    band = FrequencyBand.objects.get(code="fm-xa")
    url = reverse("bang-tan-truyen-thanh:edit", args=[band.pk])
    form = {"code": band.code, "name": band.name, "level": band.level, "low_mhz": "54", "high_mhz": "70",
            "max_power_w": "30", "legal_basis": band.legal_basis, "valid_from": "", "valid_to": ""}  # fmt: skip
    client.force_login(officer)
    assert client.post(url, form).status_code in (302, 403)
    band.refresh_from_db()
    assert band.high_mhz == 68
    sign_in_verified(client, superuser)
    assert client.post(url, form).status_code == 302
    band.refresh_from_db()
    assert band.high_mhz == 70
    bad = client.post(url, {**form, "high_mhz": "50"})  # below «Từ»: refused on the form
    assert bad.status_code == 200
    band.refresh_from_db()
    assert band.high_mhz == 70
