"""Rows written before issue 13 in the forms the models now store: text in NFC, numbers
("số hiệu") in NFKC, so old data obeys the rules new data does (borderwork/fields.py)."""

from django.db import migrations

from borderwork.text import normalise_stored

CODES = {"landmark": ("number",), "historicallandmark": ("number",)}


class Migration(migrations.Migration):
    dependencies = [("programmes", "0007_issue16c_teams_apart")]

    operations = [
        migrations.RunPython(normalise_stored("programmes", CODES), migrations.RunPython.noop),
    ]
