"""The rules shipped as data: deadlines of incident notices, response steps per type of
incident, and periodic checks per security level. An administrator edits them; each says
its legal basis and whether its text was checked against the original."""

from datetime import date

from django.db import migrations

RULES = [
    # code, name, recipient, applies_to, amount, counting, basis, verified, from, to
    ("bao-cao-su-co", "Báo cáo sự cố an toàn thông tin mạng",
     "Cơ quan chủ quản hệ thống; đơn vị chuyên trách ứng cứu sự cố cấp tỉnh; Cơ quan điều phối quốc gia (Trung tâm VNCERT/CC)",
     "all", 5, "days",
     "Quyết định 05/2017/QĐ-TTg, Điều 11 khoản 1 điểm a: chậm nhất 5 ngày kể từ khi phát hiện sự cố "
     "(trích qua nguồn thứ cấp; hiệu lực sau Luật An ninh mạng 116/2025/QH15 chưa kiểm chứng)",
     False, date(2017, 3, 16), None),
    ("du-lieu-ca-nhan-nd13", "Thông báo vi phạm quy định bảo vệ dữ liệu cá nhân",
     "Bộ Công an (Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao - A05)",
     "personal_data", 72, "hours",
     "Nghị định 13/2023/NĐ-CP, Điều 23: chậm nhất 72 giờ sau khi xảy ra hành vi vi phạm (chưa đối chiếu văn bản gốc)",
     False, date(2023, 7, 1), date(2025, 12, 31)),
    ("du-lieu-ca-nhan", "Thông báo vi phạm quy định bảo vệ dữ liệu cá nhân",
     "Bộ Công an (cơ quan chuyên trách bảo vệ dữ liệu cá nhân)",
     "personal_data", 72, "hours",
     "Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 và Nghị định 356/2025/NĐ-CP (từ 01/01/2026): thông báo trong 72 giờ "
     "(điều khoản cụ thể chưa đối chiếu văn bản gốc)",
     False, date(2026, 1, 1), None),
]

TEMPLATES = {
    "malware": ["Cô lập máy, thiết bị bị nhiễm khỏi mạng", "Thu thập mẫu mã độc, nhật ký hệ thống làm chứng cứ",
                "Quét, gỡ bỏ mã độc trên các máy liên quan", "Khôi phục dữ liệu từ bản sao lưu",
                "Kiểm tra lại và đưa thiết bị trở lại mạng"],
    "intrusion": ["Khoanh vùng, ngắt kết nối hệ thống bị xâm nhập", "Thu thập nhật ký, dấu vết xâm nhập",
                  "Thu hồi, đổi mật khẩu các tài khoản bị chiếm quyền", "Vá lỗ hổng bị khai thác",
                  "Khôi phục hệ thống và theo dõi bất thường"],
    "defacement": ["Chụp lại giao diện bị thay đổi, lưu chứng cứ", "Tạm ngừng trang, đặt thông báo bảo trì",
                   "Xác định lỗ hổng bị khai thác", "Khôi phục từ bản sao lưu, vá lỗ hổng, đổi mật khẩu quản trị",
                   "Đưa trang hoạt động trở lại, theo dõi"],
    "ddos": ["Xác nhận tấn công, nguồn và lưu lượng", "Phối hợp nhà cung cấp dịch vụ mạng lọc, chặn lưu lượng",
             "Bật lớp bảo vệ (CDN, tường lửa ứng dụng web)", "Khôi phục dịch vụ, theo dõi"],
    "data_leak": ["Xác định dữ liệu bị lộ, số người bị ảnh hưởng", "Ngăn chặn nguồn rò rỉ",
                  "Đánh giá có dữ liệu cá nhân không; gửi thông báo theo thời hạn",
                  "Thông báo cho người bị ảnh hưởng khi cần", "Rà soát quyền truy cập, khắc phục"],
    "phishing": ["Thu thập thư, trang giả mạo làm chứng cứ", "Cảnh báo cán bộ, người dân (đăng cảnh báo trên cổng)",
                 "Đổi mật khẩu các tài khoản bị lộ", "Đề nghị chặn tên miền, trang giả mạo"],
    "outage": ["Xác định nguyên nhân gián đoạn", "Chuyển sang phương án dự phòng", "Khôi phục dịch vụ",
               "Thông báo cho người sử dụng"],
    "disinformation": ["Xác minh thông tin với cơ quan, đơn vị liên quan", "Báo cáo lãnh đạo, đề xuất phương án xử lý",
                       "Đăng tải thông tin chính thức, cải chính trên cổng thông tin điện tử",
                       "Đề nghị nền tảng gỡ bỏ thông tin sai sự thật", "Theo dõi dư luận sau khi cải chính"],
    "other": ["Xác minh, đánh giá sự cố", "Khắc phục, khôi phục hoạt động"],
}

LEVELS = [
    (1, None), (2, None), (3, 24), (4, 12), (5, 6),
]
LEVEL_BASIS = ("Nghị định 85/2016/NĐ-CP và Thông tư 12/2022/TT-BTTTT (kỳ kiểm tra, đánh giá định kỳ chưa đối chiếu "
               "văn bản gốc; từ 2026 đối chiếu Nghị định 331/2026/NĐ-CP)")


def seed(apps, schema_editor):
    Rule = apps.get_model("security", "IncidentRule")
    Template = apps.get_model("security", "ResponseTemplate")
    LevelRule = apps.get_model("security", "LevelRule")
    for code, name, recipient, applies, amount, counting, basis, verified, start, end in RULES:
        Rule.objects.update_or_create(code=code, defaults=dict(
            name=name, recipient=recipient, applies_to=applies, amount=amount, counting=counting,
            legal_basis=basis, is_verified=verified, valid_from=start, valid_to=end))
    for kind, steps in TEMPLATES.items():
        Template.objects.update_or_create(kind=kind, defaults={"steps": "\n".join(steps)})
    for level, months in LEVELS:
        LevelRule.objects.update_or_create(level=level, defaults={
            "check_every_months": months, "legal_basis": LEVEL_BASIS, "is_verified": False})


class Migration(migrations.Migration):
    dependencies = [("security", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
