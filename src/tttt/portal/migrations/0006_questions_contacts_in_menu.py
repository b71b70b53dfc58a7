"""Q&A, the contact directory and the procedure catalog are in every portal's menu."""

from django.db import migrations


def show(apps, schema_editor):
    for name in ("QuestionIndexPage", "ContactPage", "ProcedureCatalogPage"):
        apps.get_model("portal", name).objects.filter(depth=3).update(show_in_menus=True)


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_url_path_index")]
    operations = [migrations.RunPython(show, migrations.RunPython.noop)]
