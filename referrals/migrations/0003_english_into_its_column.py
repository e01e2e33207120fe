"""The English a database already holds moves into the new `_en` columns (see
definitions/migrations/0005_english_into_its_column.py)."""

from django.db import migrations
from django.db.models import F

TEXTS = ["name", "when_to_contact", "how_to_refer"]


def english_into_its_column(apps, schema_editor):
    contact = apps.get_model("referrals", "ReferralContact")
    contact.objects.update(**{f"{field}_en": F(field) for field in TEXTS})


def english_back(apps, schema_editor):
    contact = apps.get_model("referrals", "ReferralContact")
    for field in TEXTS:
        contact.objects.exclude(**{f"{field}_en": None}).update(**{field: F(f"{field}_en")})


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0002_english_and_chinese_columns"),
    ]

    operations = [
        migrations.RunPython(english_into_its_column, english_back),
    ]
