"""Held saves belong to their author: a hold made before this has no author to give it back to,
so it is dropped (holds last twelve hours at most anyway)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def drop_holds_without_author(apps, schema_editor):
    apps.get_model("screening", "HeldSave").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0018_retention_erasure_and_legal_hold"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(drop_holds_without_author, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="heldsave", name="one_held_save_per_page"),
        migrations.AddField(
            model_name="heldsave",
            name="author",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="heldsave",
            constraint=models.UniqueConstraint(
                fields=("token_hash", "author", "path"), name="one_held_save_per_author_page"
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("created", "created"),
                    ("viewed", "viewed"),
                    ("edited", "edited"),
                    ("completed", "completed"),
                    ("printed", "printed / downloaded PDF"),
                    ("reviewed", "reviewed and locked"),
                    ("reopened", "reopened"),
                    ("purged", "deleted after retention period"),
                    ("denied", "refused access"),
                    ("referral", "referral recorded or changed"),
                    ("exported", "exported"),
                    ("second_factor_reset", "second factor reset"),
                    ("held", "typing held after the session ended"),
                    ("held_returned", "held typing given back"),
                ],
                db_index=True,
                max_length=20,
            ),
        ),
    ]
