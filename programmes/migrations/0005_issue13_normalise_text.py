"""Rows written before issue 13 in the forms the models now store: text in NFC, numbers
("số hiệu") in NFKC, so old data obeys the rules new data does (borderwork/fields.py)."""

from django.db import migrations

from borderwork.text import normalise_stored

CODES = {"landmark": ("number",), "historicallandmark": ("number",)}


class Migration(migrations.Migration):
    dependencies = [("programmes", "0004_issue14_list_order")]

    operations = [
        migrations.RunPython(normalise_stored("programmes", CODES), migrations.RunPython.noop),
    ]
