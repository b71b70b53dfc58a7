from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tttt.core.indicators import get_indicator
from tttt.core.periods import Period
from tttt.establishments import queries, services
from tttt.establishments.models import BusinessType, Certificate, Establishment, valid_certificate_q
from tttt.org.roles import SPECIALIST


@pytest.fixture
def officer(tree, member):
    return member("tc.vhxh", SPECIALIST, tree.new_trung_chinh)


def make(user, unit, name="Karaoke Hoa Sen", type_code="karaoke", **kw):
    e = Establishment(
        business_type=BusinessType.objects.get(code=type_code),
        name=name,
        owner_kind="person",
        owner_name="Nguyễn Văn Bình",
        owner_id_number="027090001234",
        address="Thôn Ngọc Quan",
        unit=unit,
        **kw,
    )
    return services.establishment_save(user=user, establishment=e)


def test_business_types_are_data(db):
    assert set(BusinessType.objects.values_list("code", flat=True)) == {
        "internet", "game", "karaoke", "printing", "publication", "sim"
    }  # fmt: skip


def test_establishments_are_kept_in_scope_with_their_status_history(officer, tree):
    e = make(officer, tree.new_trung_chinh, opened_on=date(2024, 3, 1), rooms=6, floor_area=25)
    with pytest.raises(PermissionDenied):
        make(officer, tree.new_bo_ha)
    e.status = Establishment.Status.SUSPENDED
    services.establishment_save(user=officer, establishment=e, reason="Chủ cơ sở xin tạm ngừng")
    e.status = Establishment.Status.CLOSED
    services.establishment_save(user=officer, establishment=e)
    history = list(e.status_changes.values_list("status", "reason"))
    assert history == [("active", ""), ("suspended", "Chủ cơ sở xin tạm ngừng"), ("closed", "")]
    assert e.closed_on == timezone.localdate()
    e.unit = tree.new_bo_ha
    with pytest.raises(PermissionDenied):
        services.establishment_save(user=officer, establishment=e)


def test_bad_values_are_refused(officer, tree):
    with pytest.raises(ValidationError) as caught:
        make(officer, tree.new_trung_chinh, floor_area=0)
    assert "floor_area" in str(caught.value) or "estab_floor_area_positive" in str(caught.value)
    assert not Establishment.objects.exists()


@pytest.mark.parametrize("day_offset", [-400, -1, 0, 10, 100, 400, 800, 1200])
def test_validity_in_python_and_in_sql_agree(officer, tree, day_offset):
    e = make(officer, tree.new_trung_chinh)
    issued = date(2024, 1, 1)
    certs = [
        Certificate(establishment=e, kind="GCN", number="1", issuer="UBND", issued_on=issued,
                    valid_until=issued + timedelta(days=365)),
        Certificate(establishment=e, kind="GCN", number="2", issuer="UBND", issued_on=issued,
                    valid_until=issued + timedelta(days=365), extended_until=issued + timedelta(days=1000)),
        Certificate(establishment=e, kind="GCN", number="3", issuer="UBND", issued_on=issued,
                    valid_until=None, suspended_from=issued + timedelta(days=5),
                    suspended_until=issued + timedelta(days=50), suspension_reason="Vi phạm giờ"),
        Certificate(establishment=e, kind="GCN", number="4", issuer="UBND", issued_on=issued,
                    valid_until=None, revoked_on=issued + timedelta(days=99), revocation_reason="Gian dối"),
    ]  # fmt: skip
    for c in certs:
        c.save()
    day = issued + timedelta(days=day_offset)
    in_python = {c.number for c in certs if c.is_valid_on(day)}
    in_sql = set(
        Certificate.objects.filter(valid_certificate_q(day)).values_list("number", flat=True)
    )
    assert in_python == in_sql


def test_one_extension_of_at_most_two_years_and_reasons(officer, tree):
    e = make(officer, tree.new_trung_chinh, type_code="game")
    c = services.certificate_issue(
        user=officer,
        certificate=Certificate(establishment=e, kind="GCN điểm trò chơi", number="01/GCN",
                                issuer="UBND xã Trung Chính", issued_on=date(2024, 1, 1),
                                valid_until=date(2026, 12, 31)),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="tối đa 2 năm"):
        services.certificate_extend(user=officer, certificate=c, until=date(2029, 6, 1))
    services.certificate_extend(user=officer, certificate=c, until=date(2028, 12, 31))
    with pytest.raises(ValidationError, match="một lần"):
        services.certificate_extend(user=officer, certificate=c, until=date(2028, 12, 31))
    with pytest.raises(ValidationError):
        services.certificate_revoke(user=officer, certificate=c, on=date(2026, 1, 1), reason=" ")
    services.certificate_revoke(user=officer, certificate=c, on=date(2026, 1, 1), reason="Gian dối")
    assert not c.is_valid_on(date(2026, 1, 2))


def test_warnings_for_expiry_and_missing_certificates(officer, tree):
    today = timezone.localdate()
    soon = make(officer, tree.new_trung_chinh, name="Game Sao Mai", type_code="game")
    later = make(officer, tree.new_trung_chinh, name="Karaoke Biển Xanh")
    make(officer, tree.new_trung_chinh, name="Karaoke Không Phép")
    make(officer, tree.new_trung_chinh, name="Đại lý Internet Minh", type_code="internet")
    for e, days in ((soon, 20), (later, 45)):
        Certificate.objects.create(establishment=e, kind="GCN", number=e.name, issuer="UBND",
                                   issued_on=today - timedelta(days=300),
                                   valid_until=today + timedelta(days=days))  # fmt: skip
    certs = queries.scoped_certificates(officer)
    assert [c.number for c in queries.expiring(certs, 30)] == ["Game Sao Mai"]
    assert [c.number for c in queries.expiring(certs, 60)] == ["Game Sao Mai", "Karaoke Biển Xanh"]
    unlicensed = queries.without_valid_certificate(queries.scoped_establishments(officer))
    assert [e.name for e in unlicensed] == ["Karaoke Không Phép"]  # Internet points need none


def test_indicators_count_the_register(officer, tree):
    make(officer, tree.new_trung_chinh, name="K1", opened_on=date(2025, 8, 1))
    make(officer, tree.new_trung_chinh, name="K2", opened_on=date(2026, 2, 1))
    g = make(officer, tree.new_trung_chinh, name="G1", type_code="game", opened_on=date(2025, 9, 1))
    Certificate.objects.create(establishment=g, kind="GCN", number="T1", issuer="UBND",
                               issued_on=date(2025, 9, 2), is_temporary=True)  # fmt: skip
    y2025 = Period.year(2025)

    def value(code, p=y2025):
        return get_indicator(f"establishments.{code}").compute([tree.bac_ninh], p)

    assert value("operating") == 2 and value("operating_karaoke") == 1
    assert value("operating_karaoke", Period.year(2026)) == 2
    assert value("certificates_issued") == 1 and value("certificates_temporary") == 1
    assert get_indicator("establishments.operating").compute([tree.new_bo_ha], y2025) == 0


def test_back_office_is_scoped_and_lists_in_constant_queries(client, officer, tree, member):
    mine = make(officer, tree.new_trung_chinh, name="Karaoke Của Xã")
    other_officer = member("bh.vhxh", SPECIALIST, tree.new_bo_ha)
    theirs = make(other_officer, tree.new_bo_ha, name="Karaoke Xã Khác")
    client.force_login(officer)
    listing = client.get(reverse("establishments:index")).content.decode()
    assert mine.name in listing and theirs.name not in listing
    refused = client.get(reverse("establishments:inspect", args=[theirs.pk]))
    assert refused.status_code in (302, 403) and theirs.name.encode() not in refused.content
    for view in ("history", "history_results", "usage", "edit", "delete"):  # each once leaked
        other = client.get(reverse(f"establishments:{view}", args=[theirs.pk]), follow=True)
        assert theirs.name.encode() not in other.content, view
        assert other.status_code == 403 or other.redirect_chain[-1][0] == "/admin/", view
    assert client.get(reverse("establishments:history", args=[mine.pk])).status_code == 200
    page = client.get(reverse("establishments:inspect", args=[mine.pk])).content.decode()
    assert "Cấp giấy" in page and "027090001234" not in page

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("establishments:index"))
        return len(ctx)

    few = count()
    for i in range(10):
        make(officer, tree.new_trung_chinh, name=f"Karaoke số {i}")
    assert count() == few
    warnings = client.get(reverse("establishments_warnings")).content.decode()
    assert "Karaoke Của Xã" in warnings and "Karaoke Xã Khác" not in warnings


def test_issuing_a_certificate_on_the_page(client, officer, tree):
    e = make(officer, tree.new_trung_chinh, type_code="game", name="Game Online 24")
    client.force_login(officer)
    url = reverse("establishments:inspect", args=[e.pk])
    bad = client.post(url, {"action": "issue", "kind": "GCN", "number": "", "issuer": "UBND",
                            "issued_on": "2026-01-10", "valid_until": "2025-01-01"})  # fmt: skip
    assert bad.status_code == 200 and not e.certificates.exists()
    client.post(url, {"action": "issue", "kind": "GCN", "number": "05/GCN", "issuer": "UBND xã",
                      "issued_on": "2026-01-10", "valid_until": "2029-01-09", "is_temporary": "on"})  # fmt: skip
    c = e.certificates.get()
    assert c.is_temporary and c.number == "05/GCN"
    # The list of licences, and the one behind the figure "temporary certificates of 2026".
    figure = {"chi_tieu": "establishments.certificates_temporary", "unit": tree.new_trung_chinh.pk}
    listing = client.get(reverse("establishments_certificates"), {**figure, "period": "2026"})
    assert listing.context["figure"] and "05/GCN" in listing.content.decode()
    earlier = client.get(reverse("establishments_certificates"), {**figure, "period": "2025"})
    assert "05/GCN" not in earlier.content.decode() and earlier.context["page"].paginator.count == 0
    for words, found in (("05/gcn", True), ("game online", True), ("karaoke", False)):
        listing = client.get(reverse("establishments_certificates"), {"q": words})
        assert ("05/GCN" in listing.content.decode()) is found, words
    client.post(url, {"action": "suspend", "certificate": c.pk, "on": "2026-02-01", "reason": ""})
    c.refresh_from_db()
    assert c.suspended_from is None


def test_status_at_the_end_of_a_period_comes_from_the_history(officer, tree):
    from tttt.establishments.models import StatusChange

    e = make(officer, tree.new_trung_chinh, opened_on=date(2025, 8, 1))
    StatusChange.objects.create(
        establishment=e, status="suspended", on=date(2026, 3, 1), reason="Sửa chữa"
    )
    StatusChange.objects.create(establishment=e, status="active", on=date(2026, 6, 1))

    def value(code, period):
        return get_indicator(f"establishments.{code}").compute(
            [tree.bac_ninh], Period.parse(period)
        )

    assert value("suspended", "2026-Q1") == 1
    assert value("suspended", "2026-Q2") == 0 and value("closed", "2026-Q2") == 0


def test_another_communes_establishment_cannot_be_opened_for_editing(client, officer, tree, member):
    other_officer = member("bh.vhxh2", SPECIALIST, tree.new_bo_ha)
    theirs = make(other_officer, tree.new_bo_ha, name="Karaoke Xã Khác")
    client.force_login(officer)
    page = client.get(reverse("establishments:edit", args=[theirs.pk]))
    assert page.status_code in (302, 403)
    assert b"027090001234" not in page.content and theirs.name.encode() not in page.content
