from django.db import migrations


def load(apps, schema_editor):
    from tttt.onestop.slip_defaults import ensure_default_slips

    ensure_default_slips(apps.get_model("onestop", "SlipTemplate"))


class Migration(migrations.Migration):
    dependencies = [("onestop", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
