"""Read back a CSV file written by `export_client_texts`, after a translator or reviewer.

    manage.py import_client_texts id.csv [--language id] [--reviewed-by "Name"] [--dry-run]

The language comes from the file name (id.csv) unless given. The whole file is checked first:
unknown keys, an English text that changed since the export, placeholders such as {referral_email}
dropped or added, a file that is not UTF-8, a status other than draft or reviewed. Every problem is
reported with its line and nothing is written; a clean file is saved in one transaction. Rows
marked reviewed record who reviewed them (--reviewed-by) and today's date.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from client_texts.models import ClientText
from client_texts.spreadsheet import check, save


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")
        parser.add_argument("--language", help="default: the file's name, as in id.csv")
        parser.add_argument("--reviewed-by", default="", help="who reviewed the rows marked so")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and write nothing"
        )

    def handle(self, *args, path: str, language: str | None, **options) -> None:
        file = Path(path)
        language = language or file.stem.lower()
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        rows, problems = check(data, language)
        reviewed = [row for row in rows if row.status == ClientText.Status.REVIEWED]
        if reviewed and not options["reviewed_by"]:
            problems.append(
                f"line {reviewed[0].line}: rows are marked reviewed; say who reviewed them "
                "with --reviewed-by"
            )
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(problems)} problem(s) in {path}; nothing was imported.")
        if options["dry_run"]:
            self.stdout.write(f"{path} is fine: {len(rows)} rows would be imported (dry run).")
            return
        changed = save(rows, language, reviewed_by=options["reviewed_by"])
        self.stdout.write(self.style.SUCCESS(f"Imported {path}: {changed} text(s) changed."))
