"""The English a database already holds moves into the new `_en` columns.

Before 0004 each text had one column, in English. Reading `title` now reads `title_en` (or the
reader's language), so the rows keep their content only if the English is copied across. The
Chinese columns stay empty until `load_reference` or an administrator fills them; until then the
pages fall back to the English. Going back copies the English columns into the old ones, so
edits made in the meantime are kept.
"""

from django.db import migrations
from django.db.models import F

TEXTS = {
    "Definition": ["title", "verbatim", "citation", "explanation"],
    "PalermoElement": ["name", "summary"],
    "ForcedLabourIndicator": ["name", "summary"],
    "IndicatorGroup": ["title", "introduction"],
    "Indicator": ["wording", "explanation", "questions"],
    "Note": ["title", "body"],
}


def english_into_its_column(apps, schema_editor):
    for model_name, fields in TEXTS.items():
        model = apps.get_model("definitions", model_name)
        model.objects.update(**{f"{field}_en": F(field) for field in fields})


def english_back(apps, schema_editor):
    for model_name, fields in TEXTS.items():
        model = apps.get_model("definitions", model_name)
        for field in fields:
            model.objects.exclude(**{f"{field}_en": None}).update(**{field: F(f"{field}_en")})


class Migration(migrations.Migration):
    dependencies = [
        ("definitions", "0004_english_and_chinese_columns"),
    ]

    operations = [
        migrations.RunPython(english_into_its_column, english_back),
    ]
