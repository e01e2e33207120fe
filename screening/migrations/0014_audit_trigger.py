"""On PostgreSQL, the database itself refuses to change or delete an audit event.

The model and its queryset refuse already; the trigger also stops raw SQL, a shell and a bug in a
future migration. TRUNCATE (used by test flushes) is a different statement and is not affected.
SQLite has no such guard here: the PostgreSQL deployment is the one that needs it.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION screening_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER screening_auditevent_append_only
    BEFORE UPDATE OR DELETE ON screening_auditevent
    FOR EACH ROW EXECUTE FUNCTION screening_auditevent_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS screening_auditevent_append_only ON screening_auditevent;
DROP FUNCTION IF EXISTS screening_auditevent_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0013_urgency_referrals_audit"),
    ]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
