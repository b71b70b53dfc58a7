"""An index on Wagtail's page URL paths: a portal finds a page by its URL in one query."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_royalties"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS portal_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS portal_page_url_path",
        )
    ]
