"""The kinds of administrative documents and their abbreviations (Decree 30/2020/NĐ-CP,
Appendix III), and the two kinds of legal documents a local authority issues (Law on the
Promulgation of Legal Documents: resolutions of the council, decisions of the committee)."""

from django.db import migrations

# name, abbreviation, is legal, published on the portal when issued
KINDS = [
    ("Nghị quyết (QPPL)", "NQ", True, True),
    ("Quyết định (QPPL)", "QĐ", True, True),
    ("Nghị quyết", "NQ", False, True),
    ("Quyết định", "QĐ", False, True),
    ("Chỉ thị", "CT", False, True),
    ("Quy chế", "QC", False, True),
    ("Quy định", "QyĐ", False, True),
    ("Thông cáo", "TC", False, True),
    ("Thông báo", "TB", False, True),
    ("Hướng dẫn", "HD", False, True),
    ("Chương trình", "CTr", False, True),
    ("Kế hoạch", "KH", False, True),
    ("Phương án", "PA", False, False),
    ("Đề án", "ĐA", False, False),
    ("Dự án", "DA", False, False),
    ("Báo cáo", "BC", False, False),
    ("Biên bản", "BB", False, False),
    ("Tờ trình", "TTr", False, False),
    ("Hợp đồng", "HĐ", False, False),
    ("Công văn", "", False, False),
    ("Công điện", "CĐ", False, False),
    ("Bản ghi nhớ", "GN", False, False),
    ("Bản thỏa thuận", "TTh", False, False),
    ("Giấy ủy quyền", "GUQ", False, False),
    ("Giấy mời", "GM", False, False),
    ("Giấy giới thiệu", "GGT", False, False),
    ("Giấy nghỉ phép", "GNP", False, False),
    ("Phiếu gửi", "PG", False, False),
    ("Phiếu chuyển", "PC", False, False),
    ("Phiếu báo", "PB", False, False),
]


def add(apps, schema_editor):
    Kind = apps.get_model("documents", "DocumentKind")
    for order, (name, abbreviation, is_legal, published) in enumerate(KINDS, start=1):
        Kind.objects.update_or_create(
            name=name,
            defaults={"abbreviation": abbreviation, "is_legal": is_legal,
                      "published_by_default": published, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
