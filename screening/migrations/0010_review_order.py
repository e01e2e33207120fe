"""A supervisor's list order (awaiting review first) and when a screening was last reopened.

`reopened_at` is filled for screenings reopened before it existed, from their latest reason for
reopening, in one UPDATE.
"""

from django.db import migrations, models


def fill_reopened_at(apps, schema_editor):
    Screening = apps.get_model("screening", "Screening")
    SupervisorNote = apps.get_model("screening", "SupervisorNote")
    latest = (
        SupervisorNote.objects.filter(screening=models.OuterRef("pk"), kind="reopen")
        .order_by("-written_at")
        .values("written_at")[:1]
    )
    Screening.objects.filter(supervisor_notes__kind="reopen").update(
        reopened_at=models.Subquery(latest)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0009_held_saves_and_step_saved_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="screening",
            name="reopened_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="screening",
            name="review_rank",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Case(
                    models.When(status="completed", then=models.Value(0)),
                    models.When(status="draft", then=models.Value(1)),
                    default=models.Value(2),
                ),
                output_field=models.PositiveSmallIntegerField(),
            ),
        ),
        migrations.AddIndex(
            model_name="screening",
            index=models.Index(
                fields=["review_rank", "-screened_on", "-created_at"],
                name="screening_review_order",
            ),
        ),
        migrations.RunPython(fill_reopened_at, migrations.RunPython.noop),
    ]
