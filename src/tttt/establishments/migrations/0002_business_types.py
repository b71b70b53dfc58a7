from django.db import migrations

TYPES = [
    ("internet", "Điểm cung cấp dịch vụ truy nhập Internet công cộng", "", 1,
     "Điểm truy nhập Internet công cộng (đại lý Internet) không cung cấp trò chơi điện tử; "
     "giờ hoạt động do UBND tỉnh quy định (Nghị định 147/2024/NĐ-CP)."),
    ("game", "Điểm cung cấp dịch vụ trò chơi điện tử công cộng",
     "Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng", 2,
     "Nghị định 72/2013/NĐ-CP (đến 24/12/2024); Nghị định 147/2024/NĐ-CP Điều 62–68; "
     "cấp xã cấp giấy từ 01/7/2025 (Nghị định 137/2025/NĐ-CP)."),
    ("karaoke", "Cơ sở kinh doanh dịch vụ karaoke", "Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", 3,
     "Nghị định 54/2019/NĐ-CP, sửa đổi bởi Nghị định 148/2024/NĐ-CP; trước đó Nghị định 103/2009/NĐ-CP."),
    ("printing", "Cơ sở in, dịch vụ photocopy", "Xác nhận đăng ký hoạt động cơ sở in / dịch vụ photocopy", 4,
     "Nghị định 60/2014/NĐ-CP, sửa đổi bởi Nghị định 25/2018/NĐ-CP và Nghị định 72/2022/NĐ-CP "
     "(căn cứ chưa kiểm chứng đầy đủ)."),
    ("publication", "Cơ sở phát hành xuất bản phẩm", "", 5,
     "Luật Xuất bản 2012; Nghị định 195/2013/NĐ-CP (căn cứ chưa kiểm chứng đầy đủ)."),
]  # fmt: skip


def load(apps, schema_editor):
    BusinessType = apps.get_model("establishments", "BusinessType")
    for code, name, certificate, order, description in TYPES:
        BusinessType.objects.get_or_create(
            code=code,
            defaults={"name": name, "certificate_name": certificate, "order": order,
                      "description": description},
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("establishments", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
