"""Referral tracking: recorded on a completed screening, shown on its summary, audited, and
the list's "follow-up due" filter finds the ones waiting for an answer."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.models import ReferralContact
from screening.models import AuditEvent, Referral
from tests.factories import make_screening, sign_in


def _cards(page: str) -> list[str]:
    return re.findall(r'screening-card-ref[^>]*>\s*<a href="[^"]+">([^<]+)<', page)


def _data(contact, **overrides) -> dict:
    today = timezone.localdate()
    data = {
        "contact": contact.pk,
        "sent_on": today.isoformat(),
        "channel": "email",
        "consent_confirmed": "on",
        "outcome": "pending",
        "follow_up_on": (today + datetime.timedelta(days=3)).isoformat(),
        "note": "SECRET-REFERRAL-NOTE",
    }
    data.update(overrides)
    return data


@pytest.fixture
def contact(catalogue):
    return ReferralContact.objects.get(kind="referral")


@pytest.fixture
def done(alice, catalogue):
    return make_screening(alice, case_reference="DONE-1", status="completed")


def _url(screening, referral=None) -> str:
    url = reverse("screening:referral", args=[screening.pk])
    return f"{url}?id={referral.pk}" if referral else url


def test_it_records_a_referral_and_shows_it_on_the_summary(client, alice, done, contact):
    sign_in(client, alice)
    response = client.post(_url(done), _data(contact))
    assert response.status_code == 302
    referral = Referral.objects.get(screening=done)
    assert referral.recorded_by == alice and referral.consent_confirmed
    page = client.get(reverse("screening:summary", args=[done.pk])).content.decode()
    assert contact.name in page and "Pending" in page


def test_it_audits_every_change_without_the_note(client, alice, sam, done, contact):
    sign_in(client, alice)
    client.post(_url(done), _data(contact))
    referral = Referral.objects.get(screening=done)
    sign_in(client, sam)
    client.post(_url(done, referral), _data(contact, outcome="accepted"))
    events = AuditEvent.objects.filter(screening_id=done.pk, action="referral")
    assert [event.username for event in events] == ["alice", "sam"]
    assert all("SECRET" not in event.detail for event in events)
    assert Referral.objects.get().outcome == "accepted"


def test_it_keeps_the_note_encrypted(client, alice, done, contact):
    from django.db import connection

    sign_in(client, alice)
    client.post(_url(done), _data(contact))
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM screening_referral")
        assert "SECRET" not in cursor.fetchone()[0]


def test_it_needs_consent(client, alice, done, contact):
    sign_in(client, alice)
    data = _data(contact)
    del data["consent_confirmed"]
    response = client.post(_url(done), data)
    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_it_refuses_a_follow_up_before_the_date_sent(client, alice, done, contact):
    sign_in(client, alice)
    response = client.post(_url(done), _data(contact, follow_up_on="2020-01-01"))
    assert response.status_code == 400


def test_it_sends_a_draft_back_to_its_summary(client, alice, alices_screening, contact):
    sign_in(client, alice)
    response = client.post(_url(alices_screening), _data(contact))
    assert response.status_code == 302
    assert not Referral.objects.exists()


def test_it_hides_other_caseworkers_screenings(client, bob, done, contact):
    sign_in(client, bob)
    assert client.post(_url(done), _data(contact)).status_code == 404


def test_it_requires_sign_in_and_the_right_role(client, val, done, contact):
    response = client.get(_url(done))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    sign_in(client, val)
    assert client.get(_url(done)).status_code == 403


def test_it_refuses_other_methods(client, alice, done):
    sign_in(client, alice)
    assert client.put(_url(done)).status_code == 405


def test_it_does_not_change_another_screenings_referral(client, alice, done, contact, catalogue):
    other = make_screening(alice, status="completed")
    sign_in(client, alice)
    client.post(_url(other), _data(contact))
    referral = Referral.objects.get()
    assert client.get(_url(done, referral)).status_code == 404


def test_it_lists_follow_up_due_and_marks_overdue(client, alice, done, contact, catalogue):
    today = timezone.localdate()
    later = make_screening(alice, case_reference="LATER-1", status="completed")
    answered = make_screening(alice, case_reference="ANSWERED-1", status="completed")
    make_screening(alice, case_reference="NONE-1", status="completed")
    for screening, follow_up, outcome in [
        (done, today - datetime.timedelta(days=1), "pending"),
        (later, today + datetime.timedelta(days=30), "pending"),
        (answered, today - datetime.timedelta(days=1), "accepted"),
    ]:
        Referral.objects.create(
            screening=screening,
            contact=contact,
            channel="email",
            consent_confirmed=True,
            outcome=outcome,
            follow_up_on=follow_up,
            recorded_by=alice,
        )
    sign_in(client, alice)
    client.post(reverse("screening:list"), {"follow_up": "due"})
    page = client.get(reverse("screening:list")).content.decode()
    assert _cards(page) == ["DONE-1"]
    assert "Referral follow-up overdue" in page
