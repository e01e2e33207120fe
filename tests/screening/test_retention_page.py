"""The supervisors' "Data retention" page: the policy, the next erasures due, the holds."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from screening import retention
from tests.factories import make_screening, sign_in

URL = reverse("screening:retention")


@pytest.fixture
def due_soon(catalogue, alice):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=170)):
        soon = [make_screening(alice, case_reference=f"HK-SOON-{n}") for n in range(3)]
    later = make_screening(alice, case_reference="HK-LATER")
    return soon, later


def test_it_shows_the_policy_and_the_next_erasures_in_order(client, sam, due_soon, settings):
    settings.RETENTION_DRAFT_DAYS = 175
    sign_in(client, sam)
    page = client.get(URL).content.decode()
    assert "175 days" in page and "730 days" in page
    positions = [page.index(ref) for ref in ("HK-SOON-0", "HK-LATER")]
    assert positions == sorted(positions)


def test_it_leaves_out_what_is_kept(client, sam, alice, due_soon):
    soon, _later = due_soon
    retention.place_legal_hold(screening=soon[0], user=sam, reason="Court order")
    sign_in(client, sam)
    page = client.get(URL).content.decode()
    next_due = page[page.index("Next erasures due") : page.index("On legal hold")]
    assert "HK-SOON-0" not in next_due and "HK-SOON-1" in next_due
    assert "Court order" in page


def test_it_reads_as_many_queries_with_more_screenings_and_holds(client, sam, alice, due_soon):
    sign_in(client, sam)
    client.get(URL)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    before = queries()
    for n in range(5):
        more = make_screening(alice, case_reference=f"HK-MORE-{n}")
        retention.place_legal_hold(screening=more, user=sam, reason=f"reason {n}")
    assert queries() == before


def test_it_is_for_supervisors_only(client, alice, val):
    for user in (alice, val):
        sign_in(client, user)
        assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302


def test_it_refuses_a_post(client, sam):
    sign_in(client, sam)
    assert client.post(URL).status_code == 405
