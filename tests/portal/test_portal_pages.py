"""A unit's portal: its site, the required sections, the public pages."""

from datetime import date

import pytest

from tttt.portal.models import PortalHomePage, RequiredCategory, SectionPage

from .conftest import HOST, get, site_for

pytestmark = pytest.mark.django_db


def test_portal_create_makes_a_site_with_the_required_sections(portal, tree):
    site = site_for(portal)
    assert site.hostname == HOST
    assert portal.unit == tree.luong_tai
    titles = {p.title for p in portal.get_children().specific()}
    for category in RequiredCategory.objects.all():
        assert category.name in titles
    assert "Tìm kiếm" in titles


def test_portal_home_is_served_on_its_host_and_the_main_site_stays(client, portal, publish_news):
    publish_news(
        "Lương Tài tổ chức Hội nghị sơ kết 9 tháng năm 2019",
        lead="Sáng 30/9, UBND huyện tổ chức hội nghị.",
    )
    response = get(client, "/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cổng thông tin điện tử Huyện Lương Tài" in html
    assert "Hội nghị sơ kết 9 tháng năm 2019" in html
    main = client.get("/", HTTP_HOST="127.0.0.1")
    assert "Quản lý nhà nước về thông tin và truyền thông" in main.content.decode()


def test_the_home_page_keeps_its_lists_until_a_page_of_the_portal_changes(
    client, portal, publish_news, django_assert_max_num_queries
):
    """Read again, the home page asks the database nothing for its lists (a fragment in
    the cache, named by the portal's content version); a publish shows at once, and so
    does a withdrawal."""
    first = publish_news("Khai mạc Hội báo Xuân 2019", lead="Sáng 28/1.")
    get(client, "/")
    with django_assert_max_num_queries(2):  # Wagtail's view restrictions; no list
        assert "Khai mạc Hội báo Xuân 2019" in get(client, "/").content.decode()
    publish_news("Tổng kết công tác thông tin cơ sở", lead="Chiều 30/12.")
    html = get(client, "/").content.decode()
    assert "Tổng kết công tác thông tin cơ sở" in html and "Khai mạc Hội báo Xuân 2019" in html
    first.unpublish()
    assert "Khai mạc Hội báo Xuân 2019" not in get(client, "/").content.decode()


def test_news_page_shows_article_and_open_graph(client, portal, publish_news):
    page = publish_news(
        "Ra quân làm đường giao thông nông thôn",
        lead="Xã Trung Chính ra quân.",
        text="Nội dung chi tiết.",
    )
    response = get(client, page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'property="og:title" content="Ra quân làm đường giao thông nông thôn"' in html
    assert "Nội dung chi tiết." in html


def test_second_portal_for_the_same_unit_is_refused(portal, superuser, tree):
    from django.core.exceptions import ValidationError

    from tttt.portal import services

    with pytest.raises(ValidationError):
        services.portal_create(user=superuser, unit=tree.luong_tai)
    assert PortalHomePage.objects.count() == 1


def test_commune_portal_links_to_its_parent(client, portal, superuser, tree):
    from tttt.portal import services

    commune = services.portal_create(user=superuser, unit=tree.trung_chinh, today=date(2019, 9, 30))
    html = get(client, "/", host="trungchinh.localhost").content.decode()
    assert "Cổng thông tin cấp trên" in html and portal.title in html
    parent_html = get(client, "/").content.decode()
    assert commune.unit.name in parent_html
    assert SectionPage.objects.filter(unit=tree.trung_chinh).exists()


def test_a_citizen_opens_a_procedure_from_the_portal_catalog(client, portal, tree):
    from tttt.onestop.models import Procedure, ProcedureDocument, ProcedureField
    from tttt.portal.models import ProcedureCatalogPage

    proc = Procedure.objects.create(
        code="1.013792", name="Cấp Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng",
        field=ProcedureField.objects.create(code="PTTH", name="Phát thanh, truyền hình và thông tin điện tử"),
        level=Procedure.Level.COMMUNE, duration=15, fee=200_000, online_service=Procedure.OnlineService.FULL,
        legal_basis="Nghị định 147/2024/NĐ-CP",
    )  # fmt: skip
    proc.units.add(tree.trung_chinh)
    ProcedureDocument.objects.create(procedure=proc, order=1, name="Đơn đề nghị (Mẫu số 51a)")
    catalog = ProcedureCatalogPage.objects.get(path__startswith=portal.path)
    listing = get(client, catalog.url_path[len(portal.url_path) - 1 :]).content.decode()
    assert f'href="?thu_tuc={proc.pk}"' in listing
    page = get(client, catalog.url_path[len(portal.url_path) - 1 :], data={"thu_tuc": proc.pk})
    html = page.content.decode()
    assert 'data-testid="procedure-detail"' in html
    for fact in ("1.013792", "15 ngày", "200.000 đồng", "Nghị định 147/2024/NĐ-CP",
                 "Đơn đề nghị (Mẫu số 51a)", "Xã Trung Chính"):  # fmt: skip
        assert fact in html, fact
    assert f"?don_vi={tree.trung_chinh.pk}&amp;thu_tuc={proc.pk}" in html
    assert (
        get(
            client, catalog.url_path[len(portal.url_path) - 1 :], data={"thu_tuc": "999999"}
        ).status_code
        == 404
    )
