"""Move each screening's own copy of the catalogue into the shared snapshot table.

Screenings that froze the same catalogue share one snapshot. The digest is the SHA-256 of the
catalogue's canonical JSON (sorted keys, without the old "version" key), as
screening.catalogue.Catalogue computes it, so new screenings on the same catalogue reuse the row;
its first 12 characters are the old `catalogue_version`.

A separate migration from the schema changes around it: PostgreSQL refuses to alter a table in
the transaction that has just updated its rows with deferred foreign-key checks pending.
"""

import hashlib
import json
from collections import defaultdict

from django.db import migrations

BATCH = 500


def _canonical(catalogue: dict) -> str:
    data = {"groups": catalogue.get("groups", [])}
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def to_snapshots(apps, schema_editor):
    Screening = apps.get_model("screening", "Screening")
    CatalogueSnapshot = apps.get_model("screening", "CatalogueSnapshot")
    by_digest = defaultdict(list)
    texts = {}
    for pk, catalogue in Screening.objects.values_list("pk", "catalogue").iterator():
        text = _canonical(catalogue or {})
        digest = hashlib.sha256(text.encode()).hexdigest()
        texts[digest] = text
        by_digest[digest].append(pk)
    for digest, pks in by_digest.items():
        snapshot, _ = CatalogueSnapshot.objects.get_or_create(
            digest=digest, defaults={"data": texts[digest]}
        )
        for start in range(0, len(pks), BATCH):
            Screening.objects.filter(pk__in=pks[start : start + BATCH]).update(snapshot=snapshot)


def to_copies(apps, schema_editor):
    Screening = apps.get_model("screening", "Screening")
    for snapshot in apps.get_model("screening", "CatalogueSnapshot").objects.all():
        catalogue = json.loads(snapshot.data)
        catalogue["version"] = snapshot.digest[:12]
        Screening.objects.filter(snapshot=snapshot).update(
            catalogue=catalogue, catalogue_version=snapshot.digest[:12]
        )


class Migration(migrations.Migration):
    dependencies = [("screening", "0006_catalogue_snapshot")]

    operations = [migrations.RunPython(to_snapshots, to_copies)]
