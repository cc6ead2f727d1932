"""Rows written before issue 13 in the forms the models now store: text in NFC, numbers
("số hiệu") in NFKC, so old data obeys the rules new data does (borderwork/fields.py)."""

from django.db import migrations

from borderwork.text import normalise_stored

CODES = {
    "directive": ("code",),
    "historicaldirective": ("code",),
    "coordinationregulation": ("number",),
    "historicalcoordinationregulation": ("number",),
}


class Migration(migrations.Migration):
    dependencies = [("communes", "0006_issue16a_report_symbol")]

    operations = [
        migrations.RunPython(normalise_stored("communes", CODES), migrations.RunPython.noop),
    ]
