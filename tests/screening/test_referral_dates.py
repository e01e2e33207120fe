"""A referral's dates and channel must be possible: nothing sent before the screening or in the
future, no follow-up a lifetime away, no e-mail to a contact that has no address (issue 26,
item 6). Each refusal says what to change."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.models import ReferralContact
from screening.models import Referral
from tests.factories import make_screening, sign_in

TODAY = timezone.localdate


def _data(contact, **overrides) -> dict:
    data = {
        "contact": contact.pk,
        "sent_on": TODAY().isoformat(),
        "channel": "email",
        "consent_confirmed": "on",
        "outcome": "pending",
        "follow_up_on": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def done(alice, catalogue):
    screened = TODAY() - datetime.timedelta(days=10)
    return make_screening(alice, screened_on=screened, status="completed")


@pytest.fixture
def referral_contact(catalogue):
    return ReferralContact.objects.get(kind="referral")


def _post(client, alice, screening, data):
    sign_in(client, alice)
    return client.post(reverse("screening:referral", args=[screening.pk]), data)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("sent_on", "0001-01-01", "cannot be before the screening"),
        ("sent_on", (TODAY() - datetime.timedelta(days=11)).isoformat(), "before the screening"),
        ("sent_on", (TODAY() + datetime.timedelta(days=1)).isoformat(), "cannot be in the future"),
        ("follow_up_on", "9999-12-31", "within a year of the date sent"),
        ("follow_up_on", (TODAY() - datetime.timedelta(days=1)).isoformat(), "before the date"),
    ],
)
def test_it_refuses_a_date_that_cannot_be_true(
    client, alice, done, referral_contact, field, value, message
):
    response = _post(client, alice, done, _data(referral_contact, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Referral.objects.exists()


def test_it_refuses_an_email_to_a_contact_without_an_address(client, alice, done, catalogue):
    emergency = ReferralContact.objects.get(kind="emergency")
    assert not emergency.email
    response = _post(client, alice, done, _data(emergency, channel="email"))
    assert response.status_code == 400
    assert "cannot be reached this way" in response.content.decode()
    assert not Referral.objects.exists()


def test_it_takes_a_call_to_999_and_dates_that_can_be_true(client, alice, done, catalogue):
    emergency = ReferralContact.objects.get(kind="emergency")
    data = _data(
        emergency,
        channel="phone",
        sent_on=done.screened_on.isoformat(),
        follow_up_on=(done.screened_on + datetime.timedelta(days=366)).isoformat(),
    )
    assert _post(client, alice, done, data).status_code == 302
    assert Referral.objects.get().contact == emergency
