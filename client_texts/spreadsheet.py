"""The translator's round trip: one language's texts as a CSV file, and back.

The file is UTF-8 with a byte order mark, so that Excel opens it in UTF-8 and keeps the script.
Its columns are key, English, translation and status. Nothing is written unless the whole file is
right: every problem is reported with its line number, and a clean file is saved in one
transaction.

A text that a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
return) is written with a leading apostrophe, which spreadsheets show as text, and the import
takes it off again, so the round trip changes nothing. Every cell is quoted, so a locale that
separates with ";" cannot split one.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from client_texts.models import CONTENT_LANGUAGES, ENGLISH, ClientText, placeholders, text_hash
from lib.csv_export import FORMULA_START

COLUMNS = ["key", "English", "translation", "status"]
BOM = "\ufeff"


def _cell(text: str) -> str:
    """A text as a cell no spreadsheet runs: an apostrophe before a formula (or before an
    apostrophe, so that `_text` gives back exactly what was written)."""
    return "'" + text if text.startswith((*FORMULA_START, "'")) else text


def _text(cell: str) -> str:
    """The text that `_cell` wrote."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith((*FORMULA_START, "'")) else cell


def export_csv(language: str) -> str:
    """Every English text with its translation into `language` (empty where there is none)."""
    english = ClientText.objects.filter(language=ENGLISH).order_by("key")
    theirs = {row.key: row for row in ClientText.objects.filter(language=language)}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(COLUMNS)
    for row in english:
        translation = theirs.get(row.key)
        writer.writerow(
            [
                row.key,
                _cell(row.text),
                _cell(translation.text) if translation else "",
                translation.status if translation else ClientText.Status.DRAFT,
            ]
        )
    return BOM + out.getvalue()


@dataclass(frozen=True)
class Row:
    line: int
    key: str
    english: str
    translation: str
    status: str


def _decode(data: bytes) -> tuple[str | None, list[str]]:
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [
            f"line {line}: the file is not UTF-8. Save it from Excel as "
            "“CSV UTF-8 (Comma delimited)”."
        ]


def _rows(text: str) -> tuple[list[Row], list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or [cell.strip() for cell in header] != COLUMNS:
        return [], [f"line 1: the columns must be {', '.join(COLUMNS)} (found {header})"]
    rows, problems = [], []
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(COLUMNS):
            problems.append(f"line {line}: {len(cells)} columns instead of {len(COLUMNS)}")
            continue
        key, english, translation, status = cells
        rows.append(
            Row(line, key.strip(), _text(english), _text(translation), status.strip().lower())
        )
    return rows, problems


def check(data: bytes, language: str) -> tuple[list[Row], list[str]]:
    """The file's rows and every problem in it, each as "line N: …"; rows only if none."""
    if language not in CONTENT_LANGUAGES or language == ENGLISH:
        return [], [f"{language!r} is not a language to translate into"]
    text, problems = _decode(data)
    if text is None:
        return [], problems
    rows, problems = _rows(text)
    english = dict(ClientText.objects.filter(language=ENGLISH).values_list("key", "text"))
    seen: dict[str, int] = {}
    statuses = set(ClientText.Status.values)
    for row in rows:
        where = f"line {row.line}"
        if row.key in seen:
            problems.append(f"{where}: {row.key} is also on line {seen[row.key]}")
        seen.setdefault(row.key, row.line)
        if row.key not in english:
            problems.append(f"{where}: unknown key {row.key!r}")
            continue
        if row.english != english[row.key]:
            problems.append(
                f"{where}: the English of {row.key} has changed since this file was exported; "
                "export again and check the translation against the new English"
            )
        if row.status not in statuses:
            problems.append(f"{where}: status {row.status!r} must be draft or reviewed")
        if not row.translation.strip():
            problems.append(f"{where}: the translation of {row.key} is empty")
            continue
        wanted, found = placeholders(english[row.key]), placeholders(row.translation)
        if wanted - found:
            missing = ", ".join(sorted(wanted - found))
            problems.append(f"{where}: the translation of {row.key} is missing {missing}")
        if found - wanted:
            extra = ", ".join(sorted(found - wanted))
            problems.append(
                f"{where}: the translation of {row.key} has {extra}, which the English has not"
            )
    return ([] if problems else rows), problems


def save(rows: list[Row], language: str, *, reviewed_by: str) -> int:
    """Write checked rows in one transaction; return how many changed."""
    changed = 0
    today = timezone.localdate()  # Hong Kong's date, as the admin records it, not the server's
    with transaction.atomic():
        existing = {row.key: row for row in ClientText.objects.filter(language=language)}
        for row in rows:
            current = existing.get(row.key) or ClientText(key=row.key, language=language)
            source = text_hash(row.english)
            if (current.text, current.status, current.source_hash) == (
                row.translation,
                row.status,
                source,
            ):
                continue
            if row.status == ClientText.Status.REVIEWED and (
                current.status != row.status or current.text != row.translation
            ):
                current.reviewed_by, current.reviewed_on = reviewed_by, today
            current.text, current.status, current.source_hash = row.translation, row.status, source
            current.save()
            changed += 1
    return changed
