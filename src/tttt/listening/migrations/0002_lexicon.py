"""The sentiment lexicon shipped as data (lexicon.csv): Vietnamese phrases of complaint and
of praise with their weights, written for public administration; an administrator edits it."""

import csv
from pathlib import Path

from django.db import migrations

LEXICON = Path(__file__).resolve().parents[1] / "lexicon.csv"


def load(apps, schema_editor):
    Term = apps.get_model("listening", "SentimentTerm")
    with LEXICON.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            Term.objects.update_or_create(phrase=row["phrase"], defaults={"weight": row["weight"]})


class Migration(migrations.Migration):
    dependencies = [("listening", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
