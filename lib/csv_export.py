"""CSV files for spreadsheets and case systems: UTF-8 with a BOM, streamed, formulas defused.

Excel reads a file as UTF-8 only when it starts with a byte-order mark, so Chinese and Thai text
survive a double-click. A cell that starts with = + - @, a tab or a carriage return would be run
as a formula by Excel, LibreOffice or Google Sheets (CSV injection), so it is given a leading
apostrophe, which those programs show as text; the value is otherwise unchanged. Every cell is
quoted: where the list separator is ";" (many European locales), Excel splits an unquoted
`a;=1+1` at the semicolon and runs the second half.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    """The cell as text, made inert if a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class _Line:
    """A file-like object that hands back what csv.writer writes, one line at a time."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """The BOM, then each row as one CSV line, every cell neutralised."""
    writer = csv.writer(_Line(), quoting=csv.QUOTE_ALL)
    yield BOM
    for row in rows:
        yield writer.writerow([neutralise(value) for value in row])


def csv_response(rows: Iterable[Iterable], filename: str) -> StreamingHttpResponse:
    """A streamed CSV download: rows are written as they are read, never all held at once."""
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
