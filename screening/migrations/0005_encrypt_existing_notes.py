"""Encrypt notes written before notes were encrypted at rest (0003 changed only the field type)."""

from django.db import migrations

COLUMNS = [
    ("screening_answer", "note"),
    ("screening_stepnote", "text"),
    ("screening_supervisornote", "text"),
]


def encrypt_plaintext(apps, schema_editor):
    from screening.fields import note_cipher

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for table, column in COLUMNS:
            cursor.execute(f"SELECT id, {column} FROM {table}")  # noqa: S608 - fixed names
            for pk, value in cursor.fetchall():
                # Fernet tokens start with "gAAAAA"; anything else is a note from before.
                if value and not value.startswith("gAAAAA"):
                    token = note_cipher().encrypt(value.encode()).decode()
                    cursor.execute(
                        f"UPDATE {table} SET {column} = %s WHERE id = %s",  # noqa: S608
                        [token, pk],
                    )


class Migration(migrations.Migration):
    dependencies = [("screening", "0004_list_order")]

    operations = [migrations.RunPython(encrypt_plaintext, migrations.RunPython.noop)]
