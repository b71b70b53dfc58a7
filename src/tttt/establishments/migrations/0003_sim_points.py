from django.db import migrations, models

SIM = (
    "sim",
    "Điểm bán SIM, đăng ký thông tin thuê bao di động",
    "Điểm cung cấp dịch vụ viễn thông, đăng ký thông tin thuê bao do doanh nghiệp viễn thông "
    "thiết lập hoặc ủy quyền bằng hợp đồng: Thông tư 04/2012/TT-BTTTT (từ 01/6/2012, theo nguồn "
    "thứ cấp); Nghị định 25/2011/NĐ-CP sửa đổi bởi Nghị định 49/2017/NĐ-CP (chưa kiểm chứng); "
    "Nghị định 163/2024/NĐ-CP Điều 16 (từ 01/01/2025), Thông tư 08/2026/TT-BKHCN.",
)


def load(apps, schema_editor):
    BusinessType = apps.get_model("establishments", "BusinessType")
    code, name, description = SIM
    BusinessType.objects.get_or_create(
        code=code, defaults={"name": name, "description": description, "order": 6}
    )


class Migration(migrations.Migration):
    dependencies = [("establishments", "0002_business_types")]
    operations = [
        migrations.AddField(
            model_name="establishment",
            name="principal",
            field=models.CharField(
                blank=True,
                help_text="Điểm bán SIM: doanh nghiệp hoặc đại lý mà điểm bán, đăng ký thuê bao cho.",
                max_length=200,
                verbose_name="doanh nghiệp viễn thông / đại lý ủy quyền",
            ),
        ),
        migrations.AddField(
            model_name="establishment",
            name="is_mobile",
            field=models.BooleanField(
                default=False,
                help_text="Không có địa điểm cố định; địa chỉ là nơi thường gặp người bán.",
                verbose_name="bán lưu động",
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
