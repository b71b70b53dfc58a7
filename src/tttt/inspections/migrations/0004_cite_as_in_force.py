from django.db import migrations


def cite(apps, schema_editor):
    from tttt.inspections.regulations_data import cite_as_in_force

    cite_as_in_force(apps.get_model("inspections", "Regulation"))


class Migration(migrations.Migration):
    dependencies = [("inspections", "0003_no_fine_note")]

    operations = [migrations.RunPython(cite, migrations.RunPython.noop)]
