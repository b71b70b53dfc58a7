"""The portal's information-security section: citizens report fraud and fake pages there
(an incident for the unit's staff), and the advisories the leader approves in the security
app appear there, corrected or withdrawn from the app too."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tttt.org import roles as R
from tttt.portal.models import NewsPage
from tttt.security import services
from tttt.security.errors import SecurityError as E
from tttt.security.models import Advisory, Incident

from .conftest import HOST, get

pytestmark = pytest.mark.django_db
REPORT = {
    "kind": "phishing",
    "title": "Trang giả mạo Cổng thông tin huyện đòi nộp phí",
    "description": "Trang có giao diện giống cổng của huyện, yêu cầu chuyển 500.000 đồng lệ phí.",
    "seen_at_url": "http://luongtai-gov.example.com",
    "name": "Phạm Thu Trang",
    "contact": "0987654321",
}


@pytest.fixture
def staff(member, tree, rules):
    return {
        "specialist": member("lt.cntt", R.SPECIALIST, tree.luong_tai),
        "leader": member("lt.lanhdao", R.LEADER, tree.luong_tai),
        "commune_leader": member("tc.lanhdao", R.LEADER, tree.trung_chinh),
    }


def test_a_citizen_reports_on_the_security_section_and_the_unit_gets_an_incident(
    client, portal, section, rules
):
    page = section("an-toan-thong-tin")
    html = get(client, page.url).content.decode()
    assert 'id="bao-cao-su-co"' in html
    assert 'id="bao-cao-su-co"' not in get(client, section("tin-tuc").url).content.decode()
    response = client.post(f"/cong/bao-cao-su-co/{page.pk}/", REPORT, HTTP_HOST=HOST)
    assert response.status_code == 302 and "da_gui=1" in response["Location"]
    incident = Incident.objects.get()
    assert (incident.unit, incident.source, incident.kind) == (portal.unit, "citizen", "phishing")
    assert REPORT["contact"] in incident.description and incident.steps.exists()
    assert incident.reporter_name == REPORT["name"]


def test_a_bad_report_names_every_field_and_a_bot_or_the_news_section_writes_nothing(
    client, portal, section, rules
):
    page = section("an-toan-thong-tin")
    bad = client.post(f"/cong/bao-cao-su-co/{page.pk}/", {"kind": "intrusion"}, HTTP_HOST=HOST)
    assert bad.status_code == 400
    html = bad.content.decode()
    assert html.count('class="error" role="alert"') >= 5  # kind, title, description, name, contact
    bot = client.post(f"/cong/bao-cao-su-co/{page.pk}/", {**REPORT, "website": "x"}, HTTP_HOST=HOST)
    assert bot.status_code == 302
    other = client.post(f"/cong/bao-cao-su-co/{section('tin-tuc').pk}/", REPORT, HTTP_HOST=HOST)
    assert other.status_code == 404
    assert not Incident.objects.exists()


def test_an_approved_advisory_appears_in_the_section_is_corrected_and_withdrawn(
    client, portal, section, staff, tree
):
    advisory = services.advisory_save(user=staff["specialist"], advisory=Advisory(
        unit=tree.luong_tai, title="Nhận diện tin nhắn lừa đảo", summary="Cơ quan nhà nước không yêu cầu mã OTP.",
        body="1. Không cung cấp mã OTP.\n\n2. Kiểm tra tên miền .gov.vn."))  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.advisory_publish(user=staff["specialist"], advisory=advisory)
    with pytest.raises(PermissionDenied):
        services.advisory_publish(user=staff["commune_leader"], advisory=advisory)
    advisory = services.advisory_publish(user=staff["leader"], advisory=advisory)
    page = NewsPage.objects.get(advisory=advisory)
    assert page.live and page.get_parent().specific.pk == section("an-toan-thong-tin").pk
    assert advisory.status == Advisory.Status.PUBLISHED and advisory.page_url.endswith(
        page.url_path[len(portal.url_path) :]
    )
    listing = get(client, section("an-toan-thong-tin").url).content.decode()
    assert "Nhận diện tin nhắn lừa đảo" in listing
    html = get(client, page.url).content.decode()
    assert "Không cung cấp mã OTP." in html and "<p>2. Kiểm tra tên miền .gov.vn.</p>" in html
    # A published advisory is corrected only by those who may publish, on the portal at once.
    advisory.title = "Nhận diện tin nhắn, cuộc gọi lừa đảo"
    with pytest.raises(PermissionDenied):
        services.advisory_save(user=staff["specialist"], advisory=advisory)
    services.advisory_save(user=staff["leader"], advisory=advisory)
    assert NewsPage.objects.filter(advisory=advisory).count() == 1
    assert "cuộc gọi lừa đảo" in get(client, page.url).content.decode()
    services.advisory_withdraw(user=staff["leader"], advisory=advisory)
    page.refresh_from_db()
    assert not page.live and get(client, page.url).status_code == 404
    with pytest.raises(ValidationError) as again:
        services.advisory_withdraw(user=staff["leader"], advisory=advisory)
    assert again.value.code == E.ADVISORY_NOT_PUBLISHED


def test_an_advisory_without_a_portal_or_its_text_is_refused_with_every_problem(staff, tree, rules):
    with pytest.raises(ValidationError) as empty:
        services.advisory_save(user=staff["commune_leader"], advisory=Advisory(
            unit=tree.trung_chinh, title=" ", summary="", body=""))  # fmt: skip
    assert set(empty.value.error_dict) == {"title", "summary", "body"}
    assert {e.code for errors in empty.value.error_dict.values() for e in errors} == {
        E.ADVISORY_EMPTY
    }
    draft = services.advisory_save(user=staff["commune_leader"], advisory=Advisory(
        unit=tree.trung_chinh, title="Cảnh báo trang giả mạo", summary="Trang giả mạo UBND xã.", body="Nội dung."))  # fmt: skip
    with pytest.raises(ValidationError) as nowhere:
        services.advisory_publish(user=staff["commune_leader"], advisory=draft)
    assert nowhere.value.code == E.NO_PORTAL_SECTION
    draft.refresh_from_db()
    assert (
        draft.status == Advisory.Status.DRAFT
        and not NewsPage.objects.filter(advisory=draft).exists()
    )
