"""A save while the database is locked past its timeout: 503, everything typed kept, nothing
written; the same save made again once the lock is gone goes through.

The lock is real: another connection holds the database's write lock (SQLite) or the screenings
table (PostgreSQL) for as long as the test says, see tests/database.py.
"""

from __future__ import annotations

import datetime
import re
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from lib.database import RETRY_AFTER_SECONDS
from screening.models import Answer, Screening, StepNote, SupervisorNote
from tests.factories import make_screening, sign_in, start_data, step_data


def database_state() -> tuple[dict[str, int], list[dict]]:
    """The rows in every table, and every screening as stored."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts, list(Screening.objects.order_by("pk").values())


def assert_kept(response, *, version: int | None, typed: list[str]) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    page = response.content.decode()
    assert "could not be saved just now" in page
    assert "what you typed is still here" in page
    for text in typed:
        assert escape(text) in page, text
    if version is not None:
        assert re.search(rf'name="version" value="{version}"', page)


def while_the_lock_goes(busy_database, request):
    """`request()` made while another connection holds the lock, which it lets go half a second
    later: past the first try's wait, within the retries."""
    held, release = threading.Event(), threading.Event()

    def hold_briefly():
        with busy_database():
            held.set()
            release.wait(5)

    holder = threading.Thread(target=hold_briefly)
    holder.start()
    held.wait(5)
    threading.Timer(0.5, release.set).start()
    try:
        return request()
    finally:
        holder.join()


def save_while_locked(client, busy_database, url: str, data: dict):
    before = database_state()
    with busy_database():
        response = client.post(url, data)
    assert database_state() == before, "a locked save wrote something"
    return response


def test_it_keeps_a_new_screening_until_it_can_be_started(client, alice, catalogue, busy_database):
    sign_in(client, alice)
    data = start_data(case_reference="HK-2611-LOCK", language="ne")

    response = save_while_locked(client, busy_database, reverse("screening:start"), data)

    assert_kept(response, version=None, typed=["HK-2611-LOCK"])
    assert response.context["form"]["language"].value() == "ne"
    again = client.post(reverse("screening:start"), data)
    assert again.status_code == 302
    assert Screening.objects.get(case_reference="HK-2611-LOCK").language == "ne"


def test_it_keeps_changed_details_until_they_can_be_saved(
    client, alice, alices_screening, busy_database
):
    screening = alices_screening
    sign_in(client, alice)
    url = reverse("screening:details", args=[screening.pk])
    data = {**start_data(case_reference="HK-2611-CHGD"), "version": screening.version}

    response = save_while_locked(client, busy_database, url, data)

    assert_kept(response, version=screening.version, typed=["HK-2611-CHGD"])
    assert client.post(url, data).status_code == 302
    screening.refresh_from_db()
    assert screening.case_reference == "HK-2611-CHGD"


def test_it_keeps_a_steps_answers_and_notes_until_they_can_be_saved(
    client, alice, alices_screening, busy_database
):
    screening = alices_screening
    sign_in(client, alice)
    group = screening.group_for_step(2)
    data = step_data(screening, 2, "not_sure", step_notes="Told through the interpreter, 20 min")

    response = save_while_locked(client, busy_database, screening.step_url(2), data)

    notes = [f"note on {indicator.slug}" for indicator in group.indicators]
    assert_kept(response, version=screening.version, typed=[*notes, data["step_notes"]])
    form = response.context["form"]
    assert {form[f"answer-{i.slug}"].value() for i in group.indicators} == {"not_sure"}
    assert client.post(screening.step_url(2), data).status_code == 302
    assert set(Answer.objects.filter(screening=screening).values_list("value", flat=True)) == {
        "not_sure"
    }
    assert StepNote.objects.get(screening=screening).text == data["step_notes"]


def test_it_says_whom_to_call_when_danger_now_cannot_be_recorded(
    client, alice, alices_screening, busy_database
):
    screening = alices_screening
    sign_in(client, alice)
    data = step_data(screening, 2, "yes", action="danger", step_notes="He is outside the door")

    response = save_while_locked(client, busy_database, screening.step_url(2), data)

    assert_kept(response, version=screening.version, typed=[data["step_notes"]])
    page = response.content.decode()
    assert 'href="tel:999"' in page
    assert "Immediate danger could not be recorded just now" in page
    again = client.post(screening.step_url(2), data)
    assert again.status_code == 302
    assert again["Location"].startswith(reverse("screening:danger", args=[screening.pk]))
    screening.refresh_from_db()
    assert screening.immediate_danger


def test_it_keeps_the_check_and_complete_page_until_it_can_be_completed(
    client, alice, alices_screening, busy_database
):
    screening = alices_screening
    sign_in(client, alice)
    url = screening.step_url(screening.complete_step)

    typed = {"version": screening.version, "consent_to_share": "yes"}
    response = save_while_locked(client, busy_database, url, typed)

    assert_kept(response, version=screening.version, typed=[])
    chosen = re.search(r'<input[^>]*name="consent_to_share"[^>]*value="yes"[^>]*>', response.text)
    assert chosen and "checked" in chosen.group(0)  # the choice made is still made
    assert client.post(url, typed).status_code == 302
    screening.refresh_from_db()
    assert screening.status == Screening.Status.COMPLETED


@pytest.mark.parametrize(
    ("action", "field", "status", "after"),
    [
        ("review", "comment", "completed", Screening.Status.REVIEWED),
        ("reopen", "reason", "reviewed", Screening.Status.DRAFT),
    ],
)
def test_it_keeps_a_supervisors_comment_until_it_can_be_saved(
    client, sam, alice, catalogue, busy_database, action, field, status, after
):
    screening = make_screening(alice, status=status)
    sign_in(client, sam)
    url = reverse(f"screening:{action}", args=[screening.pk])
    data = {"version": screening.version, field: "Checked the age band with the caseworker."}

    response = save_while_locked(client, busy_database, url, data)

    assert_kept(response, version=screening.version, typed=[data[field]])
    assert client.post(url, data).status_code == 302
    screening.refresh_from_db()
    assert screening.status == after
    assert SupervisorNote.objects.get(screening=screening).text == data[field]


def test_it_saves_when_the_lock_goes_while_it_is_still_trying(
    client, alice, alices_screening, busy_database, settings
):
    settings.DATABASE_RETRY_SECONDS = 5
    screening = alices_screening
    sign_in(client, alice)
    response = while_the_lock_goes(
        busy_database, lambda: client.post(screening.step_url(2), step_data(screening, 2))
    )

    assert response.status_code == 302
    assert Answer.objects.filter(screening=screening).exists()


def test_it_answers_503_for_a_page_that_writes_while_the_database_is_busy(
    client, alice, alices_screening, busy_database
):
    if connection.vendor != "sqlite":
        pytest.skip("On PostgreSQL the test's lock covers the screenings table only.")
    sign_in(client, alice)
    client.raise_request_exception = False
    with busy_database():
        # The summary records that it was viewed, in the audit trail.
        response = client.get(reverse("screening:summary", args=[alices_screening.pk]))
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    assert "nothing was saved or changed" in response.content.decode()


def test_it_keeps_a_referral_until_it_can_be_saved(client, alice, catalogue, busy_database):
    from referrals.models import ReferralContact
    from screening.models import AuditEvent, Referral

    done = make_screening(alice, status="completed")
    contact = ReferralContact.objects.get(kind="referral")
    sign_in(client, alice)
    url = reverse("screening:referral", args=[done.pk])
    data = {
        "contact": contact.pk,
        "sent_on": timezone.localdate().isoformat(),
        "channel": "email",
        "consent_confirmed": "on",
        "outcome": "pending",
        "follow_up_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        "note": "Sent the summary by the secure link; she agreed on the phone.",
    }

    response = save_while_locked(client, busy_database, url, data)

    assert_kept(response, version=None, typed=[data["note"]])
    assert response.context["form"]["channel"].value() == "email"
    assert client.post(url, data).status_code == 302
    referral = Referral.objects.get(screening=done)
    assert referral.note == data["note"]
    assert AuditEvent.objects.filter(screening_id=done.pk, action="referral").count() == 1


def test_it_saves_a_referral_once_when_the_lock_goes_while_it_is_still_trying(
    client, alice, catalogue, busy_database, settings
):
    from referrals.models import ReferralContact
    from screening.models import Referral

    settings.DATABASE_RETRY_SECONDS = 5
    done = make_screening(alice, status="completed")
    sign_in(client, alice)
    data = {
        "contact": ReferralContact.objects.get(kind="referral").pk,
        "sent_on": timezone.localdate().isoformat(),
        "channel": "email",
        "consent_confirmed": "on",
        "outcome": "pending",
    }
    url = reverse("screening:referral", args=[done.pk])
    response = while_the_lock_goes(busy_database, lambda: client.post(url, data))

    assert response.status_code == 302
    assert Referral.objects.filter(screening=done).count() == 1
