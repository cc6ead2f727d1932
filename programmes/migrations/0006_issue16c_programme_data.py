"""Stored values that issue 16 changes: the children's programmes become sponsorships (the
only kind counted in children until now), and the cow programme has its proper name."""

from django.db import migrations

OLD_COWS = "Bò giống vì người nghèo nơi biên giới"
NEW_COWS = "Đàn bò vì người nghèo nơi biên giới"


def forward(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    Programme.objects.filter(unit="children").update(sponsorship=True)
    if not Programme.objects.filter(name=NEW_COWS).exists():
        Programme.objects.filter(name=OLD_COWS).update(name=NEW_COWS)


def backward(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    Programme.objects.filter(name=NEW_COWS).update(name=OLD_COWS)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0005_issue16c_scholarship_sponsorship")]

    operations = [migrations.RunPython(forward, backward)]
