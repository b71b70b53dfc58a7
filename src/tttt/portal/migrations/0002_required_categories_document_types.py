"""Shipped data: the content Decree 42/2022 Art. 4 requires on a state portal (as amended by
Decrees 118/2025 and 132/2025; listed in Bắc Ninh Decision 80/2025/QĐ-UBND, Mẫu 01), the
usual document types, and full-text indexes on PostgreSQL."""

from django.db import migrations

BASIS = "Nghị định 42/2022/NĐ-CP, Điều 4 (sửa đổi bởi Nghị định 118/2025, 132/2025)"

# code, name, description, max age in days, page kind
CATEGORIES = [
    ("gioi-thieu", "Giới thiệu", "Sơ đồ cơ cấu tổ chức, chức năng, nhiệm vụ, quyền hạn; tóm tắt tiểu sử, nhiệm vụ lãnh đạo; bản đồ địa giới hành chính; lịch sử, văn hóa.", 365, "content"),
    ("tin-tuc", "Tin tức, sự kiện", "Tin, bài về hoạt động, chỉ đạo điều hành, tình hình kinh tế – xã hội của địa phương.", 7, "section"),
    ("van-ban", "Văn bản", "Văn bản quy phạm pháp luật, văn bản chỉ đạo, điều hành, văn bản hành chính.", 90, "section"),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính", "Danh mục thủ tục hành chính và dịch vụ công trực tuyến, tích hợp từ Cổng Dịch vụ công quốc gia.", 180, "procedures"),
    ("pho-bien-phap-luat", "Phổ biến, giáo dục pháp luật", "Tuyên truyền, phổ biến chủ trương, chính sách, pháp luật.", 90, "section"),
    ("chien-luoc-quy-hoach", "Chiến lược, quy hoạch, kế hoạch", "Chiến lược, định hướng, quy hoạch, kế hoạch phát triển kinh tế – xã hội.", 365, "section"),
    ("dau-tu-dau-thau", "Dự án, đầu tư công, đấu thầu, mua sắm công", "Danh mục dự án, thông tin đầu tư công, thông báo mời thầu, kết quả lựa chọn nhà thầu, mua sắm công.", 180, "section"),
    ("tai-chinh-ngan-sach", "Báo cáo tài chính, ngân sách", "Báo cáo tài chính năm, công khai ngân sách.", 365, "section"),
    ("thong-ke", "Thông tin thống kê", "Số liệu thống kê của địa phương.", 365, "section"),
    ("khoa-hoc-cong-nghe", "Chương trình, đề tài khoa học", "Chương trình, đề tài, dự án khoa học và công nghệ.", 365, "section"),
    ("dich-benh", "Thông tin về dịch bệnh", "Thông tin cảnh báo, phòng chống dịch bệnh khi có dịch.", None, "section"),
    ("thong-tin-cong-khai", "Danh mục thông tin phải công khai", "Danh mục thông tin phải công khai theo Luật Tiếp cận thông tin.", 365, "section"),
    ("hoi-dap", "Hỏi đáp", "Tiếp nhận, trả lời câu hỏi, phản ánh, kiến nghị của tổ chức, cá nhân (trả lời trong 5 ngày làm việc, tối đa 10).", 90, "questions"),
    ("an-toan-thong-tin", "An toàn thông tin", "Thông báo, cảnh báo về an toàn thông tin mạng.", 180, "section"),
    ("theo-doi-nhiem-vu", "Theo dõi thực hiện nhiệm vụ", "Theo dõi thực hiện nhiệm vụ của các cơ quan, đơn vị theo chỉ đạo của người đứng đầu.", 90, "tasks"),
    ("lien-he", "Danh bạ, thông tin liên hệ", "Địa chỉ, điện thoại, thư điện tử của cơ quan và cán bộ đầu mối; kênh tiếp nhận thông tin.", 365, "contact"),
]

# code, name, is legal (QPPL)
DOCUMENT_TYPES = [
    ("luat", "Luật", True),
    ("nghi-dinh", "Nghị định", True),
    ("thong-tu", "Thông tư", True),
    ("nghi-quyet", "Nghị quyết", True),
    ("quyet-dinh-qppl", "Quyết định (QPPL)", True),
    ("quyet-dinh", "Quyết định", False),
    ("chi-thi", "Chỉ thị", False),
    ("cong-van", "Công văn", False),
    ("ke-hoach", "Kế hoạch", False),
    ("thong-bao", "Thông báo", False),
    ("bao-cao", "Báo cáo", False),
    ("huong-dan", "Hướng dẫn", False),
]

SEARCH_TABLES = {
    "portal_sectionpage": "portal_section_search",
    "portal_newspage": "portal_news_search",
    "portal_documentpage": "portal_document_search",
    "portal_contentpage": "portal_content_search",
    "portal_question": "portal_question_search",
}


def load(apps, schema_editor):
    RequiredCategory = apps.get_model("portal", "RequiredCategory")
    DocumentType = apps.get_model("portal", "DocumentType")
    for order, (code, name, description, max_age, kind) in enumerate(CATEGORIES, start=1):
        RequiredCategory.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name,
                description=description,
                legal_basis=BASIS,
                max_age_days=max_age,
                page_kind=kind,
                order=order * 10,
            ),
        )
    for order, (code, name, is_legal) in enumerate(DOCUMENT_TYPES, start=1):
        DocumentType.objects.update_or_create(code=code, defaults=dict(name=name, is_legal=is_legal, order=order))


def search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite searches the same folded text with a substring test
    for table, name in SEARCH_TABLES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (to_tsvector('simple'::regconfig, search_text))"
        )


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in SEARCH_TABLES.values():
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(search_indexes, drop_search_indexes),
    ]
