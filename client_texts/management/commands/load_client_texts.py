"""Load the shipped texts for the person (fixtures/client_texts.json, and the self-answer texts
in fixtures/self_answer_texts.json), and the sectors' question sets
(fixtures/sector_question_sets.json), idempotently.

Run by `make setup` after `load_reference`. The English rows always take the shipped English (it is
the source; a changed English shows its translations as out of date). A translation is created
when missing and replaced by the shipped one only while it is a draft: a reviewed translation, from
the admin or an imported file, is never overwritten. A translation without a `source_hash` in the
fixture is taken to be made from the fixture's English.

A sector question set is created when no set has its slug; one that exists is the administrator's
and is left as it is (docs/client_texts.md says why each shipped set asks what it asks).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from client_texts.models import (
    CONTENT_LANGUAGES,
    ENGLISH,
    ClientText,
    SectorQuestionSet,
    self_questions_in_english,
    text_hash,
)

FIXTURES = [
    Path(settings.BASE_DIR) / "fixtures" / name
    for name in ("client_texts.json", "self_answer_texts.json")
]
SECTOR_SETS = Path(settings.BASE_DIR) / "fixtures" / "sector_question_sets.json"


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--fixture", action="append", help="a fixture file (default: the shipped ones)"
        )
        parser.add_argument("--dry-run", action="store_true", help="count, write nothing")

    def handle(self, *args, fixture: list[str] | None, dry_run: bool, **options) -> None:
        rows = []
        for name in fixture or FIXTURES:
            try:
                rows += json.loads(Path(name).read_text(encoding="utf-8"))
            except FileNotFoundError:
                self.stdout.write(f"No {name}: its texts for the person are not loaded.")
            except ValueError as error:
                raise CommandError(f"{name} is not valid JSON: {error}") from error
        if not rows:
            return
        english = {row["key"]: row["text"] for row in rows if row["language"] == ENGLISH}
        unknown = {row["language"] for row in rows} - set(CONTENT_LANGUAGES)
        if unknown:
            raise CommandError(f"Unknown languages in {fixture}: {', '.join(sorted(unknown))}")
        with transaction.atomic():
            existing = {(t.key, t.language): t for t in ClientText.objects.all()}
            written = 0
            for row in sorted(rows, key=lambda row: row["language"] != ENGLISH):
                written += self._load(row, english, existing)
            created = self._load_sector_sets() if not fixture else 0
            if dry_run:
                transaction.set_rollback(True)
        verb = "would be written (dry run)" if dry_run else "written"
        self.stdout.write(self.style.SUCCESS(f"Texts for the person: {written} {verb}."))
        if created:
            self.stdout.write(self.style.SUCCESS(f"Sector question sets: {created} {verb}."))

    def _load_sector_sets(self) -> int:
        """Create each shipped set whose slug no set has; only signs with a question."""
        asked = set(self_questions_in_english())
        rows = json.loads(SECTOR_SETS.read_text(encoding="utf-8"))
        existing = set(SectorQuestionSet.objects.values_list("slug", flat=True))
        created = 0
        for row in rows:
            if row["slug"] in existing:
                continue
            unknown = set(row["signs"]) - asked
            if unknown:
                raise CommandError(f"{row['slug']}: no self-answer question for {sorted(unknown)}")
            SectorQuestionSet.objects.create(**row)
            created += 1
        return created

    def _load(self, row: dict, english: dict[str, str], existing: dict) -> int:
        current = existing.get((row["key"], row["language"]))
        if current and current.language != ENGLISH and current.status != "draft":
            return 0
        source = row.get("source_hash") or text_hash(english.get(row["key"], row["text"]))
        text = current or ClientText(key=row["key"], language=row["language"])
        wanted = (row["text"], row.get("status", "draft"), source)
        if current and (current.text, current.status, current.source_hash) == wanted:
            return 0
        text.text, text.status, text.source_hash = wanted
        text.save()
        return 1
