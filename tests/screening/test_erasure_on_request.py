"""A supervisor erases one screening now: reason, case reference, a second confirmation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from screening import retention
from screening.models import AuditEvent, Screening, StepNote
from tests.factories import answer_all, sign_in


@pytest.fixture
def url(alices_screening):
    return reverse("screening:erase", args=[alices_screening.pk])


def post(client, url, screening, **extra):
    data = {"reason": "person_asked", "case_reference": screening.case_reference, **extra}
    return client.post(url, data)


def test_it_asks_once_more_before_erasing(client, sam, alices_screening, url):
    sign_in(client, sam)
    response = post(client, url, alices_screening)
    assert response.status_code == 200
    assert b"This cannot be undone" in response.content
    assert Screening.objects.get(pk=alices_screening.pk).erased_at is None


def test_it_erases_after_the_confirmation_and_audits_the_reason(
    client, sam, alice, alices_screening, url
):
    answer_all(alices_screening, alice, "yes", note="said something")
    sign_in(client, sam)
    response = post(client, url, alices_screening, confirmed="yes")
    assert response.status_code == 302
    tombstone = Screening.objects.get(pk=alices_screening.pk)
    assert tombstone.erased_at is not None and tombstone.case_reference == ""
    assert not StepNote.objects.filter(screening=alices_screening).exists()
    event = AuditEvent.objects.filter(screening_id=alices_screening.pk).last()
    assert (event.action, event.username, event.detail) == (
        "erased_on_request",
        "sam",
        "person_asked",
    )
    assert client.get(reverse("screening:summary", args=[alices_screening.pk])).status_code == 404


def test_it_refuses_a_wrong_case_reference(client, sam, alices_screening, url):
    sign_in(client, sam)
    response = post(client, url, alices_screening, case_reference="HK-OTHER", confirmed="yes")
    assert response.status_code == 400
    assert Screening.objects.get(pk=alices_screening.pk).erased_at is None


def test_it_refuses_a_reason_not_in_the_list(client, sam, alices_screening, url):
    sign_in(client, sam)
    response = post(client, url, alices_screening, reason="because", confirmed="yes")
    assert response.status_code == 400
    assert Screening.objects.get(pk=alices_screening.pk).erased_at is None


def test_it_refuses_a_screening_on_legal_hold(client, sam, alices_screening, url):
    retention.place_legal_hold(screening=alices_screening, user=sam, reason="court")
    sign_in(client, sam)
    response = post(client, url, alices_screening, confirmed="yes")
    assert response.status_code == 409
    assert Screening.objects.get(pk=alices_screening.pk).erased_at is None
    with pytest.raises(retention.ErasureRefused):
        retention.erase(screening_id=alices_screening.pk, user=sam, action="x", detail="")


def test_it_is_for_supervisors_only(client, alice, bob, alices_screening, url):
    sign_in(client, alice)
    assert post(client, url, alices_screening, confirmed="yes").status_code == 403
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
    assert Screening.objects.get(pk=alices_screening.pk).erased_at is None


def test_it_refuses_other_methods(client, sam, url):
    sign_in(client, sam)
    assert client.put(url).status_code == 405
