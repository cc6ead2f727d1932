"""Rows written before issue 13 in the forms the models now store: text in NFC, numbers
("số hiệu") in NFKC, so old data obeys the rules new data does (borderwork/fields.py)."""

from django.db import migrations

from borderwork.text import normalise_stored

CODES = {}


class Migration(migrations.Migration):
    dependencies = [("cadres", "0005_issue16c_wording_petition_resolved")]

    operations = [
        migrations.RunPython(normalise_stored("cadres", CODES), migrations.RunPython.noop),
    ]
