"""The export for the case system: POST only, supervisors only, the list's filters, UTF-8 with
BOM, formula injection neutralised, notes only when ticked, one audit event per export."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from lib.csv_export import csv_lines, neutralise
from screening.models import AuditEvent
from tests.factories import answer_all, make_screening, sign_in


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("HK-2611-ABCD", "HK-2611-ABCD"),
        ("a=b", "a=b"),
        (None, ""),
        (12, "12"),
        ("", ""),
    ],
)
def test_it_neutralises_formulas(value, expected):
    assert neutralise(value) == expected


def test_it_starts_with_a_bom_and_quotes_like_csv():
    lines = list(csv_lines([["a", "b,c"], ["=1", "中文"]]))
    assert lines[0] == "\ufeff"
    assert lines[1:] == ['"a","b,c"\r\n', '"\'=1","中文"\r\n']


def _rows(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(body.decode("utf-8")[1:])))


@pytest.fixture
def screenings(alice, bob, catalogue):
    mine = make_screening(alice, case_reference="ALICE-1", nationality="filipino")
    answer_all(mine, alice, "yes", note="NOTE-TEXT")
    make_screening(bob, case_reference="BOB-1", sector="domestic_work")
    return mine


def test_it_exports_one_row_per_screening(client, sam, screenings):
    sign_in(client, sam)
    rows = _rows(client.post(reverse("screening:export"), {"file": "screenings"}))
    assert sorted(row["case_reference"] for row in rows) == ["ALICE-1", "BOB-1"]
    alice = next(row for row in rows if row["case_reference"] == "ALICE-1")
    assert alice["prs_Nationality"] == "PH" and alice["nationality_label"] == "Filipino"
    assert alice["screened_on"] == screenings.screened_on.isoformat()
    assert int(alice["answers_yes"]) == len(screenings.indicators)
    assert "step_notes" not in alice
    bob = next(row for row in rows if row["case_reference"] == "BOB-1")
    assert bob["vic_TypeOfLabourExploitation"] == "DomesticWork"


def test_it_exports_one_row_per_answer_with_notes_only_when_ticked(client, sam, screenings):
    sign_in(client, sam)
    rows = _rows(client.post(reverse("screening:export"), {"file": "answers"}))
    assert len(rows) == len(screenings.indicators)
    assert rows[0]["answer"] == "yes" and rows[0]["indicator_wording"]
    assert "note" not in rows[0]
    rows = _rows(
        client.post(reverse("screening:export"), {"file": "answers", "include_notes": "on"})
    )
    assert rows[0]["note"] == "NOTE-TEXT"


def test_it_neutralises_a_case_reference_that_looks_like_a_formula(client, sam, alice, catalogue):
    make_screening(alice, case_reference="=1+1")  # the form refuses it; an import might not
    sign_in(client, sam)
    rows = _rows(client.post(reverse("screening:export"), {"file": "screenings"}))
    assert rows[0]["case_reference"] == "'=1+1"


def test_it_exports_what_the_list_filters_select(client, sam, screenings):
    sign_in(client, sam)
    client.post(reverse("screening:list"), {"q": "ALICE"})
    rows = _rows(client.post(reverse("screening:export"), {"file": "screenings"}))
    assert [row["case_reference"] for row in rows] == ["ALICE-1"]


def test_each_export_writes_one_audit_event(client, sam, screenings):
    sign_in(client, sam)
    _rows(client.post(reverse("screening:export"), {"file": "screenings", "include_notes": "on"}))
    event = AuditEvent.objects.get(action="exported")
    assert event.username == "sam" and event.screening_id is None
    assert event.detail == "screenings: 2 rows, notes included"


def test_caseworkers_and_volunteers_get_403(client, alice, val, screenings):
    for user in (alice, val):
        sign_in(client, user)
        assert client.post(reverse("screening:export"), {"file": "screenings"}).status_code == 403
    assert not AuditEvent.objects.filter(action="exported").exists()


def test_it_takes_post_only(client, sam, screenings):
    sign_in(client, sam)
    assert client.get(reverse("screening:export")).status_code == 405


def test_bad_input_goes_back_to_the_list(client, sam, screenings):
    sign_in(client, sam)
    response = client.post(reverse("screening:export"), {"file": "everything"})
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="exported").exists()


def test_its_queries_do_not_grow_with_the_data(
    client, sam, alice, catalogue, django_assert_max_num_queries
):
    for _ in range(3):
        make_screening(alice, status="completed")
    sign_in(client, sam)
    with django_assert_max_num_queries(14):
        _rows(client.post(reverse("screening:export"), {"file": "screenings"}))
    for _ in range(15):
        make_screening(alice, status="completed")
    with django_assert_max_num_queries(14):
        assert len(_rows(client.post(reverse("screening:export"), {"file": "screenings"}))) == 18


def test_it_quotes_every_cell_so_a_semicolon_locale_cannot_split_one():
    # Excel where the list separator is ";" would split an unquoted `a;=1+1` into a formula cell
    # (issue 30, finding 10).
    lines = list(csv_lines([["HK-1;=1+1", 3, None]]))
    assert lines[1] == '"HK-1;=1+1","3",""\r\n'
