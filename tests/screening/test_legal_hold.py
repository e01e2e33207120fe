"""A supervisor puts a screening on legal hold with a reason, and releases it; both audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from screening.models import AuditEvent, Screening
from tests.factories import sign_in


@pytest.fixture
def url(alices_screening):
    return reverse("screening:legal_hold", args=[alices_screening.pk])


def test_it_places_a_hold_with_its_reason_and_audits_it_without_the_reason(
    client, sam, alices_screening, url
):
    sign_in(client, sam)
    assert client.post(url, {"reason": "Police inquiry 42"}).status_code == 302
    held = Screening.objects.get(pk=alices_screening.pk)
    assert held.on_legal_hold and held.legal_hold_reason == "Police inquiry 42"
    assert held.legal_hold_by == sam
    event = AuditEvent.objects.filter(screening_id=held.pk).last()
    assert (event.action, event.username, event.detail) == ("legal_hold", "sam", "")
    page = client.get(reverse("screening:retention"))
    assert "Police inquiry 42" in page.content.decode()


def test_it_releases_a_hold(client, sam, alices_screening, url):
    sign_in(client, sam)
    client.post(url, {"reason": "Court"})
    assert client.post(url, {"release": "1"}).status_code == 302
    released = Screening.objects.get(pk=alices_screening.pk)
    assert not released.on_legal_hold and released.legal_hold_reason == ""
    assert AuditEvent.objects.filter(screening_id=released.pk).last().action == (
        "legal_hold_released"
    )


def test_it_asks_for_a_reason(client, sam, alices_screening, url):
    sign_in(client, sam)
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Say why it must be kept" in response.content.decode()
    assert not Screening.objects.get(pk=alices_screening.pk).on_legal_hold


def test_it_is_for_supervisors_only(client, alice, val, alices_screening, url):
    for user in (alice, val):
        sign_in(client, user)
        assert client.post(url, {"reason": "x"}).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
    assert not Screening.objects.get(pk=alices_screening.pk).on_legal_hold


def test_it_refuses_other_methods(client, sam, url):
    sign_in(client, sam)
    assert client.delete(url).status_code == 405
