"""Write one language's texts for the person as a CSV file for a translator or reviewer.

UTF-8 with a byte order mark (Excel keeps the script), columns key, English, translation, status:

    manage.py export_client_texts --language id > id.csv

The translator fills in or corrects the translation column, and `import_client_texts` reads the
file back.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from client_texts.models import CONTENT_LANGUAGES, ENGLISH
from client_texts.spreadsheet import export_csv


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        codes = [code for code in CONTENT_LANGUAGES if code != ENGLISH]
        parser.add_argument("--language", required=True, help=f"one of {', '.join(codes)}")

    def handle(self, *args, language: str, **options) -> None:
        if language not in CONTENT_LANGUAGES or language == ENGLISH:
            raise CommandError(f"Unknown language {language!r}.")
        self.stdout.ending = ""
        self.stdout.write(export_csv(language))
