"""The translator's round trip: export a language as CSV, import it back, checked first."""

from __future__ import annotations

import csv
import datetime
import io
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from client_texts.models import ClientText, text_hash


def _export(language="id") -> str:
    out = io.StringIO()
    call_command("export_client_texts", language=language, stdout=out)
    return out.getvalue()


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def _write(tmp_path, rows, name="id.csv", encoding="utf-8-sig"):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path = tmp_path / name
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def _import(path, **options):
    err = io.StringIO()
    try:
        call_command("import_client_texts", str(path), stdout=io.StringIO(), stderr=err, **options)
    except CommandError as error:
        return err.getvalue(), error
    return err.getvalue(), None


def _question(rows) -> int:
    """The index of the first question row (questions have no placeholders)."""
    return next(index for index, row in enumerate(rows) if row[0].startswith("question."))


def _snapshot():
    return list(ClientText.objects.values_list("key", "language", "text", "status", "source_hash"))


def test_it_exports_utf8_with_a_byte_order_mark_and_four_columns(client_texts):
    text = _export("ur")
    assert text.startswith("\ufeff")
    rows = _rows(text)
    assert rows[0] == ["key", "English", "translation", "status"]
    closing = next(row for row in rows if row[0] == "closing")
    assert "{labour_phone}" in closing[1] and "{labour_phone}" in closing[2]
    assert closing[3] == "draft"
    assert len(rows) == 1 + ClientText.objects.filter(language="en").count()


def test_it_refuses_an_unknown_language(client_texts):
    with pytest.raises(CommandError):
        _export("xx")


def test_it_imports_a_clean_file(client_texts, tmp_path):
    rows = _rows(_export())
    q = _question(rows)
    rows[q][2] = "Teks baru."
    rows[q][3] = "reviewed"
    errors, error = _import(_write(tmp_path, rows), reviewed_by="Siti Rahma")
    assert (errors, error) == ("", None)
    saved = ClientText.objects.get(key=rows[q][0], language="id")
    assert (saved.text, saved.status, saved.reviewed_by) == ("Teks baru.", "reviewed", "Siti Rahma")
    assert saved.reviewed_on is not None
    assert saved.source_hash == text_hash(rows[q][1])


def test_it_dates_a_review_in_hong_kong(client_texts, tmp_path):
    # 20:00 in London's winter is 04:00 the next day in Hong Kong: the review is of that day.
    rows = _rows(_export())
    q = _question(rows)
    rows[q][2], rows[q][3] = "Teks baru.", "reviewed"
    evening_in_utc = datetime.datetime(2030, 1, 1, 20, 0, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=evening_in_utc):
        _import(_write(tmp_path, rows), reviewed_by="Siti Rahma")
    saved = ClientText.objects.get(key=rows[q][0], language="id")
    assert saved.reviewed_on == datetime.date(2030, 1, 2)


def test_it_imports_in_one_transaction(client_texts, tmp_path):
    # The second write fails: the first, already made, is rolled back with it.
    rows = _rows(_export())
    q = _question(rows)
    rows[q][2], rows[q + 1][2] = "Satu.", "Dua."
    before = _snapshot()
    real_save, saves = ClientText.save, []

    def failing_save(self, *args, **kwargs):
        saves.append(self.key)
        if len(saves) == 2:
            raise RuntimeError("disk full")
        return real_save(self, *args, **kwargs)

    with mock.patch.object(ClientText, "save", failing_save), pytest.raises(RuntimeError):
        _import(_write(tmp_path, rows))
    assert len(saves) == 2
    assert _snapshot() == before


def test_it_refuses_a_bad_key_a_stale_english_and_a_dropped_placeholder(client_texts, tmp_path):
    rows = _rows(_export())
    closing = next(index for index, row in enumerate(rows) if row[0] == "closing")
    rows[closing][2] = rows[closing][2].replace("{labour_phone}", "2157 9537")
    # Three other rows, whatever the export's order puts before or after the closing.
    unknown, stale, changed = [index for index in range(2, 6) if index != closing][:3]
    rows[unknown][0] = "question.no-such-sign.1"
    rows[stale][1] = rows[stale][1] + " (older English)"
    rows[changed][2] = "Changed too, but nothing may be written."
    before = _snapshot()
    errors, error = _import(_write(tmp_path, rows))
    assert error is not None and "nothing was imported" in str(error)
    assert f"line {closing + 1}: the translation of closing is missing {{labour_phone}}" in errors
    assert f"line {unknown + 1}: unknown key 'question.no-such-sign.1'" in errors
    assert f"line {stale + 1}: the English of" in errors and "has changed since" in errors
    assert _snapshot() == before


def test_it_refuses_an_added_placeholder_and_a_bad_status(client_texts, tmp_path):
    rows = _rows(_export())
    rows[1][2] += " {password}"
    rows[2][3] = "final"
    errors, error = _import(_write(tmp_path, rows))
    assert error is not None
    assert "line 2: the translation of" in errors and "{password}" in errors
    assert "line 3: status 'final' must be draft or reviewed" in errors


def test_it_refuses_a_file_that_is_not_utf8(client_texts, tmp_path):
    rows = _rows(_export("th"))
    before = _snapshot()
    path = tmp_path / "th.csv"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8").replace("ก".encode(), b"\xa1", 1))
    errors, error = _import(path)
    assert error is not None and "is not UTF-8" in errors
    assert _snapshot() == before


def test_it_asks_who_reviewed_rows_marked_reviewed(client_texts, tmp_path):
    rows = _rows(_export())
    q = _question(rows)
    rows[q][3] = "reviewed"
    errors, error = _import(_write(tmp_path, rows))
    assert error is not None and "--reviewed-by" in errors


def test_it_writes_nothing_on_a_dry_run(client_texts, tmp_path):
    rows = _rows(_export())
    q = _question(rows)
    rows[q][2] = "Teks baru."
    before = _snapshot()
    errors, error = _import(_write(tmp_path, rows), dry_run=True)
    assert (errors, error) == ("", None)
    assert _snapshot() == before


def test_it_takes_the_language_from_the_file_name(client_texts, tmp_path):
    rows = _rows(_export("ne"))
    q = _question(rows)
    rows[q][2] = "नयाँ पाठ"
    _import(_write(tmp_path, rows, name="NE.csv"))
    assert ClientText.objects.get(key=rows[q][0], language="ne").text == "नयाँ पाठ"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "'="])
def test_it_neutralises_a_formula_led_translation_and_imports_it_back_unchanged(
    client_texts, tmp_path, start
):
    # A translation a spreadsheet would run as a formula (issue 30, finding 7).
    text = f'{start}HYPERLINK("https://evil.example","Klik")'
    key = ClientText.objects.filter(language="id", key__startswith="question.").first().key
    ClientText.objects.filter(language="id", key=key).update(text=text)
    exported = _export()
    row = next(row for row in _rows(exported) if row[0] == key)
    assert row[2] == "'" + text  # shown as text, never run
    before = _snapshot()
    path = tmp_path / "id.csv"
    path.write_bytes(exported.encode("utf-8"))
    assert _import(path, reviewed_by="Siti Rahma") == ("", None)
    assert _snapshot() == before  # the apostrophe was taken off again: nothing changed


def test_it_quotes_every_cell_so_a_semicolon_locale_cannot_split_one(client_texts):
    # Excel where the list separator is ";" splits an unquoted `a;=1+1` into a formula cell.
    key = ClientText.objects.filter(language="id", key__startswith="question.").first().key
    ClientText.objects.filter(language="id", key=key).update(text="Ya;=1+1")
    line = next(line for line in _export().splitlines() if line.startswith(f'"{key}"'))
    assert '"Ya;=1+1"' in line
    assert all(cell.startswith('"') for cell in line.split(","))
