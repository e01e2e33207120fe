from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # This migration once created the role groups. It does nothing now and stays because
    # databases have it applied: roles come from one place, the post_migrate handler
    # `ensure_roles` in screening/apps.py, which runs after every `migrate` and after every flush
    # (a flush empties the groups, which a migration, run once, could not put back).
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
