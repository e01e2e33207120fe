"""Load (or refresh) the shipped reference content: definitions, indicators, referral contacts.

The fixtures use natural keys, so running this again updates rows in place and never duplicates
them; content an administrator added in the admin under other slugs is left alone.

A field of a shipped row that was changed here since it was last loaded (a translation corrected
after a native speaker's review, a contact's number updated in the admin) is kept, and named in
the output: `make run` and every deployment run this command, and must not undo that work. What
each field held when it was last loaded is kept as a digest (`ShippedRow`): a field that still
matches it, or is empty, takes the shipped text; one that differs is kept, while the row's other
fields are brought up to date. A field loaded before the digests were kept is kept when it
differs from the shipped text, since nothing tells whether it was changed here.
`--overwrite` puts the shipped text back everywhere; `--dry-run` says what would happen and
writes nothing.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.db import transaction

from definitions.models import ShippedRow

FIXTURES = ["reference.json", "referral_contacts.json"]


def digest(value) -> str:
    """A field's content in the fixtures' form; many-to-many lists in any order."""
    if isinstance(value, list) and value and isinstance(value[0], list):
        value = sorted(value)
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def stored_fields(row, names: list[str]) -> dict:
    """`row`'s fields `names` as they are in the database, in the fixtures' form."""
    text = serializers.serialize(
        "json", [row], fields=names, use_natural_foreign_keys=True, use_natural_primary_keys=True
    )
    return json.loads(text)[0]["fields"]


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="put the shipped text back, also where it was changed here",
        )
        parser.add_argument("--dry-run", action="store_true", help="say what would change")
        parser.add_argument(
            "--fixtures", default=str(Path(settings.BASE_DIR) / "fixtures"), help="folder"
        )

    def handle(self, *args, overwrite: bool, dry_run: bool, fixtures: str, **options) -> None:
        kept: list[str] = []
        with transaction.atomic():
            written = sum(
                self._load(Path(fixtures) / name, overwrite=overwrite, kept=kept)
                for name in FIXTURES
            )
            if dry_run:
                transaction.set_rollback(True)
        would = " (dry run: nothing written)" if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"Reference content loaded: {written} rows{would}."))
        if kept:
            self.stdout.write(
                f"Kept {len(kept)} fields changed here, which differ from the shipped text "
                f"(--overwrite puts the shipped text back): {', '.join(kept)}"
            )

    def _load(self, path: Path, *, overwrite: bool, kept: list[str]) -> int:
        text = path.read_text(encoding="utf-8")
        shipped = {(row["model"], row["fields"]["slug"]): row["fields"] for row in json.loads(text)}
        records = {(r.model, r.slug): r.digests for r in ShippedRow.objects.all()}
        existing: dict[type, dict] = {}
        loaded: list[ShippedRow] = []
        deferred, written = [], 0
        # One at a time: each row's links are looked up by natural key as it is read, after the
        # rows before it were saved.
        for item in serializers.deserialize("json", text, handle_forward_references=True):
            row = item.object
            key = (row._meta.label_lower, row.slug)
            fields = shipped[key]
            model = type(row)
            if model not in existing:  # every row of a model in one query
                existing[model] = {r.slug: r for r in model.objects.all()}
            current = existing[model].get(row.slug)
            if current is not None and not overwrite:
                stored = stored_fields(current, list(fields))
                for name in self._changed_here(fields, stored, records.get(key, {})):
                    self._keep(item, current, name)
                    kept.append(f"{row._meta.label_lower} {row.slug}.{name}")
            item.save()
            if item.deferred_fields:
                deferred.append(item)
            # What is recorded as shipped stays the shipped value, also for a field kept here:
            # once the shipped text catches up with it (or it is overwritten) it is tracked again.
            digests = {name: digest(value) for name, value in fields.items()}
            loaded.append(ShippedRow(model=key[0], slug=key[1], digests=digests))
            written += 1
        for item in deferred:
            item.save_deferred_fields()
        ShippedRow.objects.bulk_create(
            loaded,
            update_conflicts=True,
            unique_fields=["model", "slug"],
            update_fields=["digests", "loaded_at"],
        )
        return written

    @staticmethod
    def _changed_here(fields: dict, stored: dict, last_loaded: dict) -> list[str]:
        """The fields whose value here is neither empty, the shipped one, nor the one last
        loaded: an administrator changed them."""
        return [
            name
            for name, value in fields.items()
            if stored.get(name) not in (None, "", [])
            and digest(stored[name]) not in (digest(value), last_loaded.get(name))
        ]

    @staticmethod
    def _keep(item, current, name: str) -> None:
        field = current._meta.get_field(name)
        if field.many_to_many:
            item.m2m_data[name] = list(getattr(current, name).values_list("pk", flat=True))
        else:
            setattr(item.object, field.attname, getattr(current, field.attname))
