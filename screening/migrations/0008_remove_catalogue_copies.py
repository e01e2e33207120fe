import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("screening", "0007_move_catalogues_to_snapshots")]

    operations = [
        migrations.RemoveField(model_name="screening", name="catalogue"),
        migrations.RemoveField(model_name="screening", name="catalogue_version"),
        migrations.AlterField(
            model_name="screening",
            name="snapshot",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="screenings",
                to="screening.cataloguesnapshot",
            ),
        ),
    ]
