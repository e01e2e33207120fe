"""The register of access and correction requests and the copy of personal data it gives."""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from client_texts.models import ClientText
from screening.models import AuditEvent, DataAccessRequest, Screening, SupervisorNote
from tests.factories import answer_all, make_screening, save_step, sign_in
from tests.pdfs import text_of


def _request(sam, *screenings, **fields) -> DataAccessRequest:
    fields.setdefault("kind", DataAccessRequest.Kind.ACCESS)
    fields.setdefault("case_references", ", ".join(s.case_reference for s in screenings) or "X")
    request = DataAccessRequest.objects.create(recorded_by=sam, **fields)
    request.screenings.set(screenings)
    return request


def _answered(alice, marker: str, **fields) -> Screening:
    """A screening whose every sign is answered with a note carrying `marker`."""
    screening = make_screening(alice, **fields)
    return answer_all(screening, alice, "yes", note=f"{marker} note", step_notes=True)


def test_it_is_due_40_days_after_it_was_received(db, sam):
    request = _request(sam, received_on=datetime.date(2026, 12, 1))
    assert request.due_on == datetime.date(2027, 1, 10)


@pytest.mark.parametrize(
    ("days_ago", "shown"), [(33, True), (32, False), (45, True)]
)  # 33 days ago: due in 7 days; 32: in 8; 45: overdue
def test_the_list_tells_a_supervisor_when_a_request_is_due_within_7_days(
    client, sam, alice, days_ago, shown
):
    received = timezone.localdate() - datetime.timedelta(days=days_ago)
    _request(sam, received_on=received)
    for user, expected in ((sam, shown), (alice, False)):
        sign_in(client, user)
        html = client.get(reverse("screening:list")).content.decode()
        assert ("is due within 7 days" in html) is expected


def test_the_notice_moves_with_the_clock(client, sam):
    _request(sam, received_on=datetime.date(2026, 11, 1))  # due 2026-12-11
    sign_in(client, sam)
    with time_machine.travel(datetime.datetime(2026, 12, 3, 12, tzinfo=datetime.UTC)):
        assert "is due within 7 days" not in client.get(reverse("screening:list")).content.decode()
    with time_machine.travel(datetime.datetime(2026, 12, 4, 12, tzinfo=datetime.UTC)):
        sign_in(client, sam)
        assert "is due within 7 days" in client.get(reverse("screening:list")).content.decode()


def test_an_answered_request_is_not_due(client, sam):
    _request(sam, received_on=datetime.date(2026, 1, 1), status="answered")
    sign_in(client, sam)
    assert "is due within 7 days" not in client.get(reverse("screening:list")).content.decode()


@pytest.mark.parametrize("name", ["data_requests", "data_request_new"])
def test_caseworkers_may_not_open_the_register(client, alice, name):
    sign_in(client, alice)
    assert client.get(reverse(f"screening:{name}")).status_code == 403


def test_it_finds_screenings_by_their_exact_reference_and_records_the_request(
    client, sam, alice, catalogue
):
    mine = make_screening(alice, case_reference="HK-2612-AAAA")
    make_screening(alice, case_reference="HK-2612-AAAAB")
    sign_in(client, sam)
    data = {"kind": "access", "received_on": "2026-12-01", "case_references": " HK-2612-AAAA "}
    found = client.post(reverse("screening:data_request_new"), {**data, "action": "find"})
    html = found.content.decode()
    assert "HK-2612-AAAA," in html and "HK-2612-AAAAB" not in html
    response = client.post(reverse("screening:data_request_new"), {**data, "action": "record"})
    request = DataAccessRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    assert list(request.screenings.all()) == [mine] and request.recorded_by == sam
    event = AuditEvent.objects.get(action=AuditEvent.Action.DATA_REQUEST)
    assert (event.screening_id, event.detail) == (mine.pk, "access request recorded")


def test_it_says_when_no_screening_has_the_reference(client, sam, alice, catalogue):
    erased = make_screening(alice, case_reference="HK-GONE")
    Screening.objects.filter(pk=erased.pk).update(case_reference="", erased_at=timezone.now())
    sign_in(client, sam)
    response = client.post(
        reverse("screening:data_request_new"),
        {
            "kind": "access",
            "received_on": "2026-12-01",
            "case_references": "HK-GONE",
            "action": "find",
        },
    )
    assert "No screening with that reference" in response.content.decode()
    assert "erased" in response.content.decode()


def test_the_pdf_holds_every_answer_and_note_of_the_person_and_nothing_of_another(
    client, sam, alice, catalogue
):
    theirs = _answered(alice, "MARKER-THEIRS", case_reference="HK-THEIRS")
    _answered(alice, "MARKER-OTHER", case_reference="HK-OTHER")
    SupervisorNote.objects.create(
        screening=theirs, kind="correction", text="MARKER-CORRECTION", written_by=sam
    )
    request = _request(sam, theirs)
    sign_in(client, sam)
    response = client.get(reverse("screening:data_copy_pdf", args=[request.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = text_of(response.content)
    assert "HK-THEIRS" in text and "MARKER-CORRECTION" in text
    for group in theirs.groups:
        assert f"notes for {group.slug}" in text
        for indicator in group.indicators:
            assert indicator.wording.split()[0] in text
    notes = theirs.answers.exclude(note="").count()
    assert notes == len(theirs.indicators) and text.count("MARKER-THEIRS note") == notes
    assert "MARKER-OTHER" not in text and "HK-OTHER" not in text
    event = AuditEvent.objects.get(action=AuditEvent.Action.DATA_COPY)
    assert (event.screening_id, event.detail, event.username) == (
        theirs.pk,
        "copy pdf, access request",
        "sam",
    )


def test_the_pdf_is_in_the_persons_language_and_in_english(client, sam, alice, catalogue):
    screening = _answered(alice, "M", language="yue")
    request = _request(sam, screening)
    sign_in(client, sam)
    text = text_of(client.get(reverse("screening:data_copy_pdf", args=[request.pk])).content)
    assert "個人資料" in text and "Copy of personal data" in text
    assert text.index("個人資料") < text.index("Copy of personal data · English")


def test_it_shows_the_questions_in_a_language_the_interface_lacks_and_says_so(
    client, sam, alice, catalogue
):
    call_command("load_client_texts", verbosity=0)
    screening = _answered(alice, "M", language="id")
    request = _request(sam, screening)
    sign_in(client, sam)
    text = text_of(client.get(reverse("screening:data_copy_pdf", args=[request.pk])).content)
    assert "Bahasa Indonesia" in text and "no translation of its headings" in text
    question = ClientText.objects.filter(language="id", key__startswith="question.").first()
    assert question.text.split()[0] in text


def test_the_json_copy_holds_the_persons_data_in_a_stable_structure(client, sam, alice, catalogue):
    theirs = _answered(alice, "MARKER-THEIRS", case_reference="HK-THEIRS")
    _answered(alice, "MARKER-OTHER")
    request = _request(sam, theirs)
    sign_in(client, sam)
    response = client.get(reverse("screening:data_copy_json", args=[request.pk]))
    data = json.loads(response.content)
    assert data["format"] == "personal-data-copy/1"
    assert data["request"]["due_on"] == request.due_on.isoformat()
    [screening] = data["screenings"]
    assert screening["case_reference"] == "HK-THEIRS"
    assert len(screening["answers"]) == len(theirs.indicators)
    assert {a["note"] for a in screening["answers"]} == {"MARKER-THEIRS note"}
    assert {a["answered_by"] for a in screening["answers"]} == {"caseworker"}
    assert "created" in {event["action"] for event in screening["audit"]}
    assert "MARKER-OTHER" not in response.content.decode()
    assert "alice" not in response.content.decode()  # staff are other people
    assert AuditEvent.objects.filter(
        action="data_copy", detail="copy json, access request"
    ).exists()


def test_a_correction_is_a_note_and_never_changes_an_answer(client, sam, alice, catalogue):
    screening = make_screening(alice)
    group = screening.groups[0]
    sign = group.indicators[0].slug
    save_step(screening, alice, group.slug, {sign: ("no", "as said")})
    request = _request(sam, screening, kind="correction")
    sign_in(client, sam)
    response = client.post(
        reverse("screening:data_request_correct", args=[request.pk]),
        {"screening": screening.pk, "text": "The person says it was yes."},
    )
    assert response.status_code == 302
    note = SupervisorNote.objects.get(screening=screening)
    assert (note.kind, note.text, note.written_by) == (
        "correction",
        "The person says it was yes.",
        sam,
    )
    assert screening.answers.get(indicator_slug=sign).value == "no"
    assert AuditEvent.objects.filter(action="corrected", screening_id=screening.pk).exists()


def test_a_refusal_needs_its_reason(client, sam, alice, catalogue):
    request = _request(sam, make_screening(alice))
    sign_in(client, sam)
    url = reverse("screening:data_request_answer", args=[request.pk])
    refused = {"status": "refused", "answered_on": "2026-12-05"}
    assert client.post(url, refused).status_code == 400
    assert client.post(url, {**refused, "refusal_reason": "Identity not shown"}).status_code == 302
    request.refresh_from_db()
    assert (request.status, request.refusal_reason) == ("refused", "Identity not shown")
    assert AuditEvent.objects.filter(
        action="data_request", detail="access request refused"
    ).exists()


def test_the_register_lists_open_requests_first_and_marks_the_overdue(client, sam):
    _request(sam, received_on=datetime.date(2020, 1, 1), status="answered")
    _request(sam, received_on=timezone.localdate() - datetime.timedelta(days=50))
    sign_in(client, sam)
    html = client.get(reverse("screening:data_requests")).content.decode()
    assert "Overdue by 10 days" in html
    assert html.index("Overdue by") < html.index("Answered")


def test_the_register_and_a_request_page_read_a_bounded_number_of_rows(
    client, sam, alice, catalogue, django_assert_max_num_queries
):
    screenings = [make_screening(alice) for _ in range(3)]
    for _ in range(12):
        _request(sam, *screenings)
    sign_in(client, sam)
    client.get(reverse("screening:data_requests"))  # renews the idle clock
    with django_assert_max_num_queries(8):
        assert client.get(reverse("screening:data_requests")).status_code == 200
    with django_assert_max_num_queries(10):
        url = DataAccessRequest.objects.first().get_absolute_url()
        assert client.get(url).status_code == 200
