"""The telecom, postal and broadcast enterprises operating nationwide (administrators add
local ones)."""

from django.db import migrations

OPERATORS = [
    ("viettel", "Tập đoàn Công nghiệp – Viễn thông Quân đội (Viettel)"),
    ("vnpt", "Tập đoàn Bưu chính Viễn thông Việt Nam (VNPT – VinaPhone)"),
    ("mobifone", "Tổng công ty Viễn thông MobiFone"),
    ("vietnamobile", "Công ty Cổ phần Viễn thông Di động Vietnamobile"),
    ("gtel", "Công ty Cổ phần Viễn thông Di động Toàn Cầu (Gtel Mobile)"),
    ("fpt", "Công ty Cổ phần Viễn thông FPT"),
    ("cmc", "Công ty Cổ phần Hạ tầng Viễn thông CMC"),
    ("sctv", "Công ty TNHH Truyền hình cáp Saigontourist (SCTV)"),
    ("vtvcab", "Tổng công ty Truyền hình cáp Việt Nam (VTVcab)"),
    ("vnpost", "Tổng công ty Bưu điện Việt Nam (VNPost)"),
]


def add(apps, schema_editor):
    Operator = apps.get_model("infra", "Operator")
    for order, (code, name) in enumerate(OPERATORS):
        Operator.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("infra", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
