from django.db import migrations


def load(apps, schema_editor):
    from tttt.inspections.regulations_data import load as load_rules

    load_rules(apps.get_model("inspections", "Regulation"), apps.get_model("establishments", "BusinessType"))


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial"), ("establishments", "0002_business_types")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
