# A caseworker's list puts a reopened draft and an urgent screening first (issue 26, item 9).
# A generated column cannot be altered in place: it is dropped with its indexes and added again.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0022_answer_source_and_self_answer_audit"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="screening", name="screening_own_list_order"),
        migrations.RemoveIndex(model_name="screening", name="screening_list_order"),
        migrations.RemoveField(model_name="screening", name="list_rank"),
        migrations.AddField(
            model_name="screening",
            name="list_rank",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Case(
                    models.When(
                        models.Q(("reopened_at__isnull", False), ("status", "draft"))
                        | models.Q(
                            models.Q(("status", "reviewed"), _negated=True),
                            ("urgency__lte", 1),
                        ),
                        then=models.Value(0),
                    ),
                    models.When(status="draft", then=models.Value(1)),
                    default=models.Value(2),
                ),
                output_field=models.PositiveSmallIntegerField(),
            ),
        ),
        migrations.AddIndex(
            model_name="screening",
            index=models.Index(
                fields=["created_by", "list_rank", "-screened_on", "-created_at"],
                name="screening_own_list_order",
            ),
        ),
        migrations.AddIndex(
            model_name="screening",
            index=models.Index(
                fields=["list_rank", "-screened_on", "-created_at"], name="screening_list_order"
            ),
        ),
    ]
