"""Documents' validity from their relations, and diacritic-insensitive search with a
relevance set of Vietnamese queries (run on SQLite and on PostgreSQL)."""

from datetime import date

import pytest

from tttt.portal import services
from tttt.portal.models import ContentPage, DocumentRelation, QuestionIndexPage
from tttt.portal.queries import document_validity, portal_search

from .conftest import get

pytestmark = pytest.mark.django_db


def test_validity_follows_dates_and_relations(publish_document):
    old = publish_document(
        "72/2013/NĐ-CP",
        "Quản lý, cung cấp, sử dụng dịch vụ Internet và thông tin trên mạng",
        doc_type="nghi-dinh",
        issued=date(2013, 7, 15),
        effective=date(2013, 9, 1),
    )
    amending = publish_document(
        "27/2018/NĐ-CP",
        "Sửa đổi, bổ sung Nghị định 72/2013/NĐ-CP",
        doc_type="nghi-dinh",
        issued=date(2018, 3, 1),
        effective=date(2018, 4, 15),
        relations=[(DocumentRelation.Kind.AMENDS, old)],
    )
    publish_document(
        "147/2024/NĐ-CP",
        "Quản lý, cung cấp, sử dụng dịch vụ Internet và thông tin trên mạng",
        doc_type="nghi-dinh",
        issued=date(2024, 11, 9),
        effective=date(2024, 12, 25),
        relations=[(DocumentRelation.Kind.REPLACES, old)],
    )
    assert document_validity(old, date(2013, 8, 1)).code == "not_yet"
    assert document_validity(old, date(2015, 1, 1)).code == "in_force"
    in_2019 = document_validity(old, date(2019, 1, 1))
    assert in_2019.code == "amended" and [d.pk for d in in_2019.by] == [amending.pk]
    in_2025 = document_validity(old, date(2025, 1, 1))
    assert in_2025.code == "expired" and in_2025.by[0].number == "147/2024/NĐ-CP"


def test_document_list_filters_by_type_year_and_validity(client, publish_document, section):
    old = publish_document(
        "72/2013/NĐ-CP",
        "Dịch vụ Internet",
        doc_type="nghi-dinh",
        issued=date(2013, 7, 15),
        effective=date(2013, 9, 1),
    )
    publish_document(
        "147/2024/NĐ-CP",
        "Dịch vụ Internet (thay thế)",
        doc_type="nghi-dinh",
        issued=date(2024, 11, 9),
        effective=date(2024, 12, 25),
        relations=[(DocumentRelation.Kind.REPLACES, old)],
    )
    publish_document(
        "120/KH-UBND",
        "Kế hoạch kiểm tra dịch vụ karaoke",
        doc_type="ke-hoach",
        issued=date(2019, 4, 2),
    )
    url = section("van-ban").url
    html = get(client, url, data={"hieu_luc": "expired"}).content.decode()
    assert "72/2013/NĐ-CP" in html and "147/2024" not in html and "120/KH-UBND" not in html
    html = get(client, url, data={"loai": "ke-hoach"}).content.decode()
    assert "120/KH-UBND" in html and "72/2013" not in html
    html = get(client, url, data={"nam": "2024"}).content.decode()
    assert "147/2024/NĐ-CP" in html and "72/2013" not in html
    html = get(client, url, data={"q": "karaoke"}).content.decode()
    assert "120/KH-UBND" in html and "147/2024" not in html
    # Every row says whether the document is in force, as its own page does.
    rows = get(client, url).content.decode().split("<tbody>")[1]
    row = {number: rows.split(number)[1].split("</tr>")[0] for number in ("72/2013", "147/2024")}
    assert 'data-status="expired"' in row["72/2013"] and 'data-status="in_force"' in row["147/2024"]
    page = get(client, old.url).content.decode()
    assert "Hết hiệu lực" in page and "147/2024/NĐ-CP" in page


NEWS = [
    (
        "Hà Nội tổ chức hội nghị chuyển đổi số cấp tỉnh",
        "Đoàn công tác huyện Lương Tài dự hội nghị tại Hà Nội.",
    ),
    ("Lương Tài sơ kết 9 tháng năm 2019", "Kết quả phát triển kinh tế – xã hội 9 tháng."),
    ("Kiểm tra các điểm kinh doanh karaoke dịp Tết", "Đoàn liên ngành kiểm tra 22 cơ sở karaoke."),
    (
        "Ra quân xử lý vi phạm hành lang an toàn giao thông",
        "Xã Trung Chính ra quân dọn dẹp hành lang đường bộ.",
    ),
    (
        "Trao giấy chứng nhận điểm cung cấp dịch vụ trò chơi điện tử",
        "Hai điểm được cấp giấy chứng nhận tạm thời.",
    ),
    (
        "Hội thi tuyên truyền phòng chống dịch bệnh",
        "Các xã tham gia hội thi về phòng chống dịch Covid.",
    ),
    (
        "Đài truyền thanh cơ sở được nâng cấp công nghệ IP",
        "Đài truyền thanh xã chuyển sang nền tảng Internet.",
    ),
    ("Đón nhận bằng công nhận xã đạt chuẩn nông thôn mới", "Xã Phú Hòa đón nhận bằng công nhận."),
    ("Thư công vụ được sử dụng thường xuyên", "55% cán bộ sử dụng thành thạo thư điện tử công vụ."),
    (
        "Ngầm hóa cáp viễn thông trên đường Lý Thái Tổ",
        "Các doanh nghiệp viễn thông chậm tiến độ ngầm hóa.",
    ),
    ("Đẩy mạnh cải cách hành chính, một cửa liên thông", "Tỷ lệ hồ sơ đúng hạn đạt 96,75%."),
    ("Tập huấn an toàn thông tin cho cán bộ xã", "Cảnh báo mã độc tống tiền qua thư điện tử."),
]
DOCUMENTS = [
    (
        "42/2022/NĐ-CP",
        "Cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng",
        "nghi-dinh",
    ),
    (
        "15/2020/NĐ-CP",
        "Xử phạt vi phạm hành chính trong lĩnh vực bưu chính, viễn thông, tần số vô tuyến điện",
        "nghi-dinh",
    ),
    ("54/2019/NĐ-CP", "Quy định về kinh doanh dịch vụ karaoke, dịch vụ vũ trường", "nghi-dinh"),
    (
        "120/KH-UBND",
        "Kế hoạch kiểm tra hoạt động kinh doanh dịch vụ Internet, trò chơi điện tử năm 2019",
        "ke-hoach",
    ),
    ("08/CT-UBND", "Chỉ thị tăng cường công tác bảo đảm an toàn thông tin mạng", "chi-thi"),
]
# (query without diacritics, expected title or number of the top hit)
RELEVANCE = [
    ("ha noi", "Hà Nội tổ chức hội nghị chuyển đổi số cấp tỉnh"),
    ("chuyen doi so", "Hà Nội tổ chức hội nghị chuyển đổi số cấp tỉnh"),
    ("so ket 9 thang", "Lương Tài sơ kết 9 tháng năm 2019"),
    ("karaoke tet", "Kiểm tra các điểm kinh doanh karaoke dịp Tết"),
    ("kinh doanh dich vu karaoke", "54/2019/NĐ-CP"),
    ("hanh lang an toan giao thong", "Ra quân xử lý vi phạm hành lang an toàn giao thông"),
    (
        "giay chung nhan tro choi dien tu",
        "Trao giấy chứng nhận điểm cung cấp dịch vụ trò chơi điện tử",
    ),
    ("phong chong dich benh", "Hội thi tuyên truyền phòng chống dịch bệnh"),
    ("truyen thanh co so", "Đài truyền thanh cơ sở được nâng cấp công nghệ IP"),
    ("nong thon moi", "Đón nhận bằng công nhận xã đạt chuẩn nông thôn mới"),
    ("thu cong vu", "Thư công vụ được sử dụng thường xuyên"),
    ("ngam hoa cap", "Ngầm hóa cáp viễn thông trên đường Lý Thái Tổ"),
    ("ly thai to", "Ngầm hóa cáp viễn thông trên đường Lý Thái Tổ"),
    ("mot cua lien thong", "Đẩy mạnh cải cách hành chính, một cửa liên thông"),
    ("dich vu cong truc tuyen", "42/2022/NĐ-CP"),
    ("xu phat vi pham hanh chinh buu chinh", "15/2020/NĐ-CP"),
    ("ke hoach kiem tra internet", "120/KH-UBND"),
    ("an toan thong tin mang", "08/CT-UBND"),
    ("ma doc", "Tập huấn an toàn thông tin cho cán bộ xã"),
    ("co cau to chuc", "Giới thiệu"),
    ("Trung Chính", "Ra quân xử lý vi phạm hành lang an toàn giao thông"),
    ("giấy phép trò chơi", "Điều kiện cấp phép điểm trò chơi điện tử"),
    ("dieu kien cap phep", "Điều kiện cấp phép điểm trò chơi điện tử"),
]


@pytest.fixture
def corpus(portal, publish_news, publish_document):
    for title, lead in NEWS:
        publish_news(title, lead=lead)
    for number, summary, kind in DOCUMENTS:
        publish_document(number, summary, doc_type=kind)
    intro = ContentPage.objects.get(path__startswith=portal.path, slug="gioi-thieu")
    intro.body = [
        (
            "paragraph",
            "<p>Cơ cấu tổ chức của UBND huyện, chức năng, nhiệm vụ, tiểu sử lãnh đạo.</p>",
        )
    ]
    intro.save_revision().publish()
    qa = QuestionIndexPage.objects.get(path__startswith=portal.path)
    question = services.question_submit(
        page=qa,
        data=services.QuestionData(
            title="Điều kiện cấp phép điểm trò chơi điện tử",
            body="Cần những giấy tờ gì để được cấp phép mở điểm trò chơi?",
            asker_name="Lê Văn Nam",
            asker_email="nam@example.vn",
        ),
    )
    Question = type(question)
    Question.objects.filter(pk=question.pk).update(
        status=Question.Status.PUBLISHED,
        answer="Theo Nghị định 147/2024…",
        answered_at=question.received_at,
        published_at=question.received_at,
        search_text=question.search_text + " theo nghi dinh 147/2024",
    )
    return portal


def test_relevance_set(corpus):
    """Every query of the set finds its expected page first."""
    assert len(RELEVANCE) >= 20
    misses = []
    for query, expected in RELEVANCE:
        results = portal_search(corpus, query)["results"]
        titles = [h.title for h in results[:3]]
        if not titles or titles[0] != expected:
            misses.append((query, expected, titles))
    assert misses == []


def test_search_page_ignores_diacritics_and_other_portals(client, corpus, superuser, tree):
    html = get(client, "/tim-kiem/", data={"q": "ha noi"}).content.decode()
    assert "Hà Nội tổ chức hội nghị chuyển đổi số cấp tỉnh" in html
    other = services.portal_create(user=superuser, unit=tree.yen_the, today=date(2019, 9, 30))
    assert portal_search(other, "ha noi")["total"] == 0
    empty = get(client, "/tim-kiem/", data={"q": "khongcotukhoanay"}).content.decode()
    assert "Không tìm thấy" in empty


def test_unpublished_pages_are_not_found(corpus):
    from tttt.portal.models import NewsPage

    page = NewsPage.objects.get(title__startswith="Thư công vụ")
    page.unpublish()
    assert all(h.title != page.title for h in portal_search(corpus, "thu cong vu")["results"])


def test_the_portal_search_finds_the_units_procedures(client, portal, tree):
    from tttt.onestop.models import Procedure, ProcedureField

    proc = Procedure.objects.create(
        code="1.001193", name="Đăng ký khai sinh", level=Procedure.Level.COMMUNE, duration=1,
        field=ProcedureField.objects.create(code="HT", name="Hộ tịch"),
    )  # fmt: skip
    proc.units.add(tree.trung_chinh)
    elsewhere = Procedure.objects.create(
        code="1.001194", name="Đăng ký khai sinh lưu động", level=Procedure.Level.COMMUNE,
        duration=1, field=proc.field,
    )  # fmt: skip
    elsewhere.units.add(tree.bo_ha)  # another district's catalog
    hits = portal_search(portal, "khai sinh")["results"]
    titles = [h.title for h in hits]
    assert "Đăng ký khai sinh" in titles and "Đăng ký khai sinh lưu động" not in titles
    hit = next(h for h in hits if h.title == "Đăng ký khai sinh")
    assert hit.url.endswith(f"?thu_tuc={proc.pk}") and "1.001193" in hit.summary
    page = get(client, "/tim-kiem/", data={"q": "khai sinh"}).content.decode()
    assert f"?thu_tuc={proc.pk}" in page and "Thủ tục hành chính" in page
