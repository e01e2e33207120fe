""" "Danger now" pressed after the session ended is held like a save, says whom to call on the
sign-in page, and is recorded as soon as the caseworker signs in again (issue 26, item 3)."""

from __future__ import annotations

import re

from django.contrib.sessions.models import Session

from screening.models import AuditEvent, HeldSave
from tests.factories import sign_in, step_data


def _hidden_fields(page: str) -> dict:
    """The hidden inputs of the page's form (the version, and whatever else it carries)."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))


def _danger_after_sign_out(client, alice, screening):
    sign_in(client, alice)
    page = client.get(screening.step_url(2)).content.decode()
    data = {**step_data(screening, 2, "yes"), **_hidden_fields(page), "action": "danger"}
    Session.objects.all().delete()  # the session ends while the person talks
    return client.post(screening.step_url(2), data)


def test_it_shows_the_emergency_number_on_the_sign_in_page(client, alice, alices_screening):
    response = _danger_after_sign_out(client, alice, alices_screening)
    assert "/accounts/login/" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "Immediate danger is not recorded yet" in page
    assert "call 999 now" in page
    alices_screening.refresh_from_db()
    assert not alices_screening.immediate_danger
    assert HeldSave.objects.count() == 1


def test_it_records_the_danger_once_signed_in_again(client, alice, alices_screening):
    response = _danger_after_sign_out(client, alice, alices_screening)
    sign_in(client, alice)
    back = client.get(alices_screening.step_url(2))

    assert back.status_code == 302
    assert back["Location"].startswith(f"/screenings/{alices_screening.pk}/danger/")
    alices_screening.refresh_from_db()
    assert alices_screening.immediate_danger
    assert AuditEvent.objects.filter(detail__startswith="danger raised").count() == 1
    assert not HeldSave.objects.exists()  # acted on, so not raised again on the next visit
    assert response.status_code == 302


def test_the_step_is_saved_with_the_danger(client, alice, alices_screening):
    _danger_after_sign_out(client, alice, alices_screening)
    sign_in(client, alice)
    client.get(alices_screening.step_url(2))
    again = client.get(alices_screening.step_url(2))
    assert again.status_code == 200
    assert alices_screening.answers.filter(value="yes").count() == len(
        alices_screening.group_for_step(2).indicators
    )
