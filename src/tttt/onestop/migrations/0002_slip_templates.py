from django.db import migrations


def load(apps, schema_editor):
    from tttt.onestop.slip_defaults import default_rows

    SlipTemplate = apps.get_model("onestop", "SlipTemplate")
    for row in default_rows():
        SlipTemplate.objects.get_or_create(
            form=row["form"], valid_from=row["valid_from"], defaults=row
        )


class Migration(migrations.Migration):
    dependencies = [("onestop", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
